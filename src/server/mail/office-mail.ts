/**
 * The office workspace's e-mails. To the office: only that a concern arrived, its reference, its
 * urgency (flagged in the subject) and a link to the inbox – nothing about the child, the family
 * or the notifier. To the notifier: the acknowledgement, in their language. To an office person:
 * their sign-in link.
 */
import type { Concern } from '../../lib/concern-schema.ts';
import type { Office } from '../../lib/content-schemas.ts';
import type { UiStrings } from '../../lib/i18n.ts';
import { LINK_MS, type SignInLinkBody } from '../office/sign-in-links.ts';
import { html, page, translator } from './concern-mail.ts';
import type { MailMessage } from './mail-message.ts';

export interface OfficeMailContext {
	reference: string;
	office: Office;
	strings: UiStrings;
	from: string;
	siteUrl: string;
}

const paragraphs = (lines: readonly string[]) => lines.map((l) => `<p>${html(l)}</p>`).join('\n');

/** The office's notice of a new concern; `urgent`: the notifier said the office should act today. */
export function concernNoticeMail(urgent: boolean, ctx: OfficeMailContext): MailMessage {
	const t = translator(ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const inbox = new URL('/office/', ctx.siteUrl).href;
	const subject = t(urgent ? 'mail.notice.subjectUrgent' : 'mail.notice.subject', { reference: ctx.reference });
	const lines = [
		t('mail.notice.intro', { office: ctx.office.name, site }),
		`${t('mail.reference')}: ${ctx.reference}`,
		...(urgent ? [t('mail.notice.urgent')] : []),
		t('mail.notice.open'),
	];
	const text = [...lines, inbox, '', t('mail.notice.noContent'), t('mail.footer', { site })].join('\n');
	const body = [
		paragraphs(lines.slice(0, -1)),
		`<p>${html(t('mail.notice.open'))}<br><a href="${html(inbox)}">${html(inbox)}</a></p>`,
		`<p>${html(t('mail.notice.noContent'))}</p>`,
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');
	return { from: ctx.from, to: ctx.office.email, subject, text, html: page(ctx.office.language, subject, body) };
}

/** To the notifier: the office received the concern on `acknowledgedAt` (a date in the office's time zone). */
export function acknowledgementMail(concern: Concern, acknowledgedAt: number, ctx: OfficeMailContext): MailMessage {
	const t = translator(ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const { office } = ctx;
	const date = new Intl.DateTimeFormat(concern.locale, { dateStyle: 'long', timeZone: office.timeZone }).format(acknowledgedAt);
	const subject = t('mail.acknowledged.subject', { reference: ctx.reference });
	const contact = [office.name, office.email, office.phone];
	const text = [
		t('mail.acknowledged.intro', { office: office.name, date }),
		'',
		`${t('mail.reference')}: ${ctx.reference}`,
		'',
		t('mail.receipt.contact'),
		...contact,
		'',
		t('mail.receipt.privacy'),
		t('mail.footer', { site }),
	].join('\n');
	const body = [
		`<p>${html(t('mail.acknowledged.intro', { office: office.name, date }))}</p>`,
		`<p><strong>${html(t('mail.reference'))}: ${html(ctx.reference)}</strong></p>`,
		`<p>${html(t('mail.receipt.contact'))}<br>${contact.map(html).join('<br>')}</p>`,
		`<p>${html(t('mail.receipt.privacy'))}</p>`,
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');
	return { from: ctx.from, to: concern.reporterEmail, replyTo: office.email, subject, text, html: page(concern.locale, subject, body) };
}

/** An office person's single-use sign-in link, in their language. */
export function signInLinkMail(link: SignInLinkBody, ctx: { strings: UiStrings; from: string; siteUrl: string }): MailMessage {
	const t = translator(ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const subject = t('mail.signInLink.subject', { site });
	const intro = t('mail.signInLink.intro', { name: link.name, site });
	const valid = t('mail.signInLink.valid', { minutes: String(LINK_MS / 60_000) });
	const text = [intro, '', link.url, '', valid, t('mail.signInLink.ignore'), t('mail.footer', { site })].join('\n');
	const body = [
		`<p>${html(intro)}</p>`,
		`<p><a href="${html(link.url)}">${html(link.url)}</a></p>`,
		paragraphs([valid, t('mail.signInLink.ignore')]),
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');
	return { from: ctx.from, to: link.to, subject, text, html: page(link.locale, subject, body) };
}
