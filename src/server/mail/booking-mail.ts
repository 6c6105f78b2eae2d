/**
 * The e-mails of a booking. To the professional, in their language: date, time with time zone,
 * how (for a video consultation: the link, or that the specialist calls), the office's contact,
 * the cancel link, and the calendar file. To the specialist, in the office's language: the same
 * plus the professional's contact, the anonymised description and what the personal-data check
 * found. When cancelled: a notice to the specialist, and to the professional a notice with a
 * calendar file that removes the event (METHOD:CANCEL, same UID).
 */
import { h } from 'preact';
import { BOOKING_FORM } from '../../lib/booking-fields.ts';
import type { Office, Specialist } from '../../lib/content-schemas.ts';
import { formatSlot } from '../../lib/slot-format.ts';
import { createTranslator, type Translate, type UiStrings } from '../../lib/translate.ts';
import type { StoredBooking } from '../booking-intake.ts';
import { consultationHow, howLine } from '../../lib/consultation-how.ts';
import { bookingCalendarFor } from '../booking-calendar.ts';
import { factsTable, footer, lines, mailHtml, paragraph, type FactRow } from './mail-html.ts';
import type { MailMessage } from './mail-message.ts';

export interface BookingMailContext {
	reference: string;
	office: Office & { id: string };
	specialist: Specialist;
	strings: UiStrings;
	from: string;
	siteUrl: string;
}

function facts(
	t: Translate,
	b: StoredBooking,
	ctx: BookingMailContext,
	locale: Parameters<typeof formatSlot>[2],
	reader: 'professional' | 'specialist',
) {
	const slot = formatSlot(b.start, b.end, locale, ctx.office.timeZone);
	const how = consultationHow(t, b.mode, ctx.office, ctx.specialist, {
		reader,
		reference: ctx.reference,
		professionalPhone: b.reporterPhone,
	});
	return {
		slot,
		rows: [
			[t('booking.check.when'), `${slot.date}, ${slot.time} (${slot.zone})`],
			[t('booking.check.mode'), how.text, how.link],
			[t('booking.check.office'), `${ctx.office.name}, ${ctx.office.phone}, ${ctx.office.email}`],
			[t('booking.check.specialist'), ctx.specialist.name],
			[t('mail.reference'), ctx.reference],
		] as FactRow[],
	};
}

const factLines = (rows: readonly FactRow[]) =>
	rows.map(([k, v, link]) => `${k}: ${link ? howLine({ text: v, link }) : v}`);

type Reader = 'professional' | 'specialist';

/**
 * What every booking e-mail starts from: the translator of its reader's language (the
 * professional's, or the office's for the specialist), the facts and the subject.
 */
function parts(
	b: StoredBooking,
	ctx: BookingMailContext,
	reader: Reader,
	subjectKey:
		| 'mail.booking.subject'
		| 'mail.specialist.subject'
		| 'mail.cancel.subject'
		| 'mail.cancelled.subject',
) {
	const locale = reader === 'professional' ? b.locale : ctx.office.language;
	const t = createTranslator(locale, ctx.strings);
	const { slot, rows } = facts(t, b, ctx, locale, reader);
	const subject = t(subjectKey, { date: slot.date, time: slot.start, reference: ctx.reference });
	return {
		t,
		locale,
		rows,
		subject,
		footerText: t('mail.footer', { site: new URL(ctx.siteUrl).host }),
	};
}

/** The booking as the calendar file describes it. */
const calendarEvent = (b: StoredBooking, ctx: BookingMailContext) => ({
	id: b.submissionId,
	reference: ctx.reference,
	start: b.start,
	end: b.end,
	mode: b.mode,
});

/** To the professional, answered by the office, with a calendar file. */
function toProfessional(
	b: StoredBooking,
	ctx: BookingMailContext,
	mail: Pick<MailMessage, 'subject' | 'text' | 'html'>,
	calendar: { filename: string; method: 'PUBLISH' | 'CANCEL'; content: string },
): MailMessage {
	return {
		from: ctx.from,
		to: b.reporterEmail,
		replyTo: ctx.office.email,
		...mail,
		attachments: [
			{
				filename: calendar.filename,
				contentType: `text/calendar; charset=utf-8; method=${calendar.method}`,
				content: calendar.content,
			},
		],
	};
}

/** An e-mail of an intro, the facts and the footer (the cancellations). */
function factsOnly(
	{ t, locale, rows, subject, footerText }: ReturnType<typeof parts>,
	introKey: 'mail.cancel.intro' | 'mail.cancelled.intro',
) {
	const text = [t(introKey), '', ...factLines(rows), '', footerText].join('\n');
	const html = mailHtml(locale, subject, [
		paragraph(t(introKey)),
		factsTable(rows),
		footer(footerText),
	]);
	return { subject, text, html };
}

export function professionalMail(
	b: StoredBooking,
	ctx: BookingMailContext,
	cancelUrl: string,
): MailMessage {
	const { t, locale, rows, subject, footerText } = parts(
		b,
		ctx,
		'professional',
		'mail.booking.subject',
	);
	const text = [
		t('mail.booking.intro'),
		'',
		...factLines(rows),
		'',
		t('mail.booking.cancel'),
		cancelUrl,
		'',
		footerText,
	].join('\n');
	const html = mailHtml(locale, subject, [
		paragraph(t('mail.booking.intro')),
		factsTable(rows),
		h('p', null, t('mail.booking.cancel'), h('br', null), h('a', { href: cancelUrl }, cancelUrl)),
		footer(footerText),
	]);
	const calendar = bookingCalendarFor(
		calendarEvent(b, ctx),
		ctx.office,
		ctx.specialist,
		t,
		ctx.siteUrl,
	);
	return toProfessional(
		b,
		ctx,
		{ subject, text, html },
		{ filename: 'consultation.ics', method: 'PUBLISH', content: calendar },
	);
}

export function specialistMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const { t, locale, rows, subject, footerText } = parts(
		b,
		ctx,
		'specialist',
		'mail.specialist.subject',
	);
	// The professional's contact, as the form asks it ("about you").
	const contact = BOOKING_FORM.inStep('you').map((f) => String(b[f.name as keyof StoredBooking]));
	const check =
		b.personalDataFindings.length === 0
			? t('mail.specialist.pdClean')
			: t('mail.specialist.pdConfirmed', {
					findings: b.personalDataFindings.map((f) => t(`booking.pd.${f}`)).join(', '),
				});
	const description = b.description ?? t('notify.notKnown');
	const text = [
		t('mail.specialist.intro'),
		'',
		...factLines(rows),
		'',
		t('mail.specialist.contact'),
		...contact,
		'',
		t('mail.specialist.description'),
		description,
		'',
		`${t('mail.specialist.pd')} ${check}`,
		'',
		footerText,
	].join('\n');
	const html = mailHtml(locale, subject, [
		paragraph(t('mail.specialist.intro')),
		factsTable(rows),
		h(
			'p',
			null,
			h('strong', null, t('mail.specialist.contact')),
			h('br', null),
			...lines(contact.join('\n')),
		),
		h(
			'p',
			null,
			h('strong', null, t('mail.specialist.description')),
			h('br', null),
			...lines(description),
		),
		paragraph(`${t('mail.specialist.pd')} ${check}`),
		footer(footerText),
	]);
	return {
		from: ctx.from,
		to: ctx.specialist.email,
		replyTo: b.reporterEmail,
		subject,
		text,
		html,
	};
}

export function cancelNoticeMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const mail = factsOnly(parts(b, ctx, 'specialist', 'mail.cancel.subject'), 'mail.cancel.intro');
	return { from: ctx.from, to: ctx.specialist.email, ...mail };
}

/** To the professional, in their language: the consultation is off, and the calendar file takes it out. */
export function cancelledMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const prepared = parts(b, ctx, 'professional', 'mail.cancelled.subject');
	const calendar = bookingCalendarFor(
		calendarEvent(b, ctx),
		ctx.office,
		ctx.specialist,
		prepared.t,
		ctx.siteUrl,
		{
			attendee: b.reporterEmail,
		},
	);
	return toProfessional(b, ctx, factsOnly(prepared, 'mail.cancelled.intro'), {
		filename: 'consultation-cancelled.ics',
		method: 'CANCEL',
		content: calendar,
	});
}
