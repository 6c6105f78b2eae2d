/**
 * The office workspace's e-mails. To the office: only that a concern arrived, its reference, its
 * urgency (flagged in the subject) and a link to the inbox – nothing about the child, the family
 * or the notifier. To the notifier: the acknowledgement and the office's feedback, in their
 * language. To an office person: their sign-in link. HTML through mail-html.ts, which escapes
 * every value.
 */
import { h } from 'preact';
import type { Concern } from '../../lib/concern-schema.ts';
import type { Office } from '../../lib/content-schemas.ts';
import { createTranslator, type Translate, type UiStrings } from '../../lib/translate.ts';
import { LINK_MS, type SignInLinkBody } from '../office/sign-in-links.ts';
import { footer, mailHtml, paragraph } from './mail-html.ts';
import type { MailMessage } from './mail-message.ts';

export interface OfficeMailContext {
	reference: string;
	office: Office;
	strings: UiStrings;
	from: string;
	siteUrl: string;
}

/** A link on a line of its own, after its text. */
const linkParagraph = (text: string, url: string) =>
	h('p', null, text, h('br', null), h('a', { href: url }, url));

/**
 * An e-mail to an office's people that points to the inbox: `lines`, the link, the note that it
 * carries nothing of the concern, the footer – as text and as HTML, in the office's language.
 */
export function inboxPointer(
	office: Office,
	t: Translate,
	siteUrl: string,
	subject: string,
	lines: readonly string[],
): { text: string; html: string } {
	const site = new URL(siteUrl).host;
	const inbox = new URL('/office/', siteUrl).href;
	const text = [
		...lines,
		t('mail.notice.open'),
		inbox,
		'',
		t('mail.notice.noContent'),
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(office.language, subject, [
		...lines.map((line) => paragraph(line)),
		linkParagraph(t('mail.notice.open'), inbox),
		paragraph(t('mail.notice.noContent')),
		footer(t('mail.footer', { site })),
	]);
	return { text, html };
}

/** The office's notice of a new concern; `urgent`: the notifier said the office should act today. */
export function concernNoticeMail(urgent: boolean, ctx: OfficeMailContext): MailMessage {
	const t = createTranslator(ctx.office.language, ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const subject = t(urgent ? 'mail.notice.subjectUrgent' : 'mail.notice.subject', {
		reference: ctx.reference,
	});
	const body = inboxPointer(ctx.office, t, ctx.siteUrl, subject, [
		t('mail.notice.intro', { office: ctx.office.name, site }),
		`${t('mail.reference')}: ${ctx.reference}`,
		...(urgent ? [t('mail.notice.urgent')] : []),
	]);
	return { from: ctx.from, to: ctx.office.email, subject, ...body };
}

/**
 * An e-mail to the notifier, in their language: `intro`, then `statement` in bold (the reference,
 * or the office's feedback), then the reference if not yet said, `note`s, whom to contact, and
 * the reminder that e-mail repeats nothing about the child. Replies go to the office.
 */
function notifierMail(
	concern: Concern,
	ctx: OfficeMailContext,
	parts: { subject: string; intro: string; statement?: string; notes?: string[] },
): MailMessage {
	const t = createTranslator(concern.locale, ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const { office } = ctx;
	const reference = `${t('mail.reference')}: ${ctx.reference}`;
	const said = parts.statement ? [parts.statement, reference] : [reference];
	const notes = [...(parts.notes ?? []), t('mail.receipt.contact')];
	const contact = [office.name, office.email, office.phone];
	const text = [
		parts.intro,
		'',
		...said.flatMap((line) => [line, '']),
		...notes.slice(0, -1).flatMap((line) => [line, '']),
		notes.at(-1)!,
		...contact,
		'',
		t('mail.receipt.privacy'),
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(concern.locale, parts.subject, [
		paragraph(parts.intro),
		h('p', null, h('strong', null, said[0]!)),
		...said.slice(1).map((line) => paragraph(line)),
		...notes.slice(0, -1).map((line) => paragraph(line)),
		paragraph(notes.at(-1)!, ...contact),
		paragraph(t('mail.receipt.privacy')),
		footer(t('mail.footer', { site })),
	]);
	return {
		from: ctx.from,
		to: concern.reporterEmail,
		replyTo: office.email,
		subject: parts.subject,
		text,
		html,
	};
}

/** To the notifier: the office received the concern on `acknowledgedAt` (a date in the office's time zone). */
export function acknowledgementMail(
	concern: Concern,
	acknowledgedAt: number,
	ctx: OfficeMailContext,
): MailMessage {
	const t = createTranslator(concern.locale, ctx.strings);
	const date = new Intl.DateTimeFormat(concern.locale, {
		dateStyle: 'long',
		timeZone: ctx.office.timeZone,
	}).format(acknowledgedAt);
	return notifierMail(concern, ctx, {
		subject: t('mail.acknowledged.subject', { reference: ctx.reference }),
		intro: t('mail.acknowledged.intro', { office: ctx.office.name, date }),
	});
}

/**
 * To the notifier: the office's feedback, the text of the template the case worker chose
 * (`feedback`, already in the notifier's language) – a fixed sentence, nothing typed.
 */
export function feedbackMail(
	concern: Concern,
	feedback: string,
	ctx: OfficeMailContext,
): MailMessage {
	const t = createTranslator(concern.locale, ctx.strings);
	return notifierMail(concern, ctx, {
		subject: t('mail.feedback.subject', { reference: ctx.reference }),
		intro: t('mail.feedback.intro', { office: ctx.office.name }),
		statement: feedback,
		notes: [t('mail.feedback.fixed')],
	});
}

/** An office person's single-use sign-in link, in their language. */
export function signInLinkMail(
	link: SignInLinkBody,
	ctx: { strings: UiStrings; from: string; siteUrl: string },
): MailMessage {
	const t = createTranslator(link.locale, ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const subject = t('mail.signInLink.subject', { site });
	const intro = t('mail.signInLink.intro', { name: link.name, site });
	const valid = t('mail.signInLink.valid', { minutes: LINK_MS / 60_000 });
	const text = [
		intro,
		'',
		link.url,
		'',
		valid,
		t('mail.signInLink.ignore'),
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(link.locale, subject, [
		linkParagraph(intro, link.url),
		paragraph(valid),
		paragraph(t('mail.signInLink.ignore')),
		footer(t('mail.footer', { site })),
	]);
	return { from: ctx.from, to: link.to, subject, text, html };
}
