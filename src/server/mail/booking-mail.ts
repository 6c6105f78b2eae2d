/**
 * The e-mails of a booking. To the professional, in their language: date, time with time zone,
 * how (for a video consultation: the link, or that the specialist calls), the office's contact,
 * the cancel link, and the calendar file. To the specialist, in the office's language: the same
 * plus the professional's contact, the anonymised description and what the personal-data check
 * found. When cancelled: a notice to the specialist, and to the professional a notice with a
 * calendar file that removes the event (METHOD:CANCEL, same UID).
 */
import { BOOKING_FORM } from '../../lib/booking-fields.ts';
import type { Office, Specialist } from '../../lib/content-schemas.ts';
import type { UiStrings } from '../../lib/i18n.ts';
import { formatSlot } from '../../lib/slot-format.ts';
import type { StoredBooking } from '../booking-intake.ts';
import { consultationHow, howLine } from '../../lib/consultation-how.ts';
import { bookingCalendarFor } from '../booking-calendar.ts';
import { html, page, translator } from './concern-mail.ts';
import type { MailMessage } from './mail-message.ts';

export interface BookingMailContext {
	reference: string;
	office: Office & { id: string };
	specialist: Specialist;
	strings: UiStrings;
	from: string;
	siteUrl: string;
}

/** A row of facts: label, value and, for a video link, the address to make a link of. */
type Row = [label: string, value: string, link?: string];

function facts(t: ReturnType<typeof translator>, b: StoredBooking, ctx: BookingMailContext, locale: Parameters<typeof formatSlot>[2], reader: 'professional' | 'specialist') {
	const slot = formatSlot(b.start, b.end, locale, ctx.office.timeZone);
	const how = consultationHow(t, b.mode, ctx.office, ctx.specialist, { reader, reference: ctx.reference, professionalPhone: b.reporterPhone });
	return {
		slot,
		rows: [
			[t('booking.check.when'), `${slot.date}, ${slot.time} (${slot.zone})`],
			[t('booking.check.mode'), how.text, how.link],
			[t('booking.check.office'), `${ctx.office.name}, ${ctx.office.phone}, ${ctx.office.email}`],
			[t('booking.check.specialist'), ctx.specialist.name],
			[t('mail.reference'), ctx.reference],
		] as Row[],
	};
}

const lines = (rows: Row[]) => rows.map(([k, v, link]) => `${k}: ${link ? howLine({ text: v, link }) : v}`);
const table = (rows: Row[]) =>
	`<table>${rows
		.map(([k, v, link]) => `<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">${html(k)}</th><td>${html(v)}${link ? `<br><a href="${html(link)}">${html(link)}</a>` : ''}</td></tr>`)
		.join('')}</table>`;

export function professionalMail(b: StoredBooking, ctx: BookingMailContext, cancelUrl: string): MailMessage {
	const t = translator(ctx.strings);
	const { slot, rows } = facts(t, b, ctx, b.locale, 'professional');
	const subject = t('mail.booking.subject', { date: slot.date, time: slot.start, reference: ctx.reference });
	const site = new URL(ctx.siteUrl).host;
	const text = [t('mail.booking.intro'), '', ...lines(rows), '', t('mail.booking.cancel'), cancelUrl, '', t('mail.footer', { site })].join('\n');
	const body = [
		`<p>${html(t('mail.booking.intro'))}</p>`,
		table(rows),
		`<p>${html(t('mail.booking.cancel'))}<br><a href="${html(cancelUrl)}">${html(cancelUrl)}</a></p>`,
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');
	return {
		from: ctx.from,
		to: b.reporterEmail,
		replyTo: ctx.office.email,
		subject,
		text,
		html: page(b.locale, subject, body),
		attachments: [{ filename: 'consultation.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: bookingCalendarFor({ id: b.submissionId, reference: ctx.reference, start: b.start, end: b.end, mode: b.mode }, ctx.office, ctx.specialist, ctx.strings, ctx.siteUrl) }],
	};
}

export function specialistMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const t = translator(ctx.strings);
	const { slot, rows } = facts(t, b, ctx, ctx.office.language, 'specialist');
	const subject = t('mail.specialist.subject', { date: slot.date, time: slot.start, reference: ctx.reference });
	const site = new URL(ctx.siteUrl).host;
	// The professional's contact, as the form asks it ("about you").
	const contact = BOOKING_FORM.inStep('you').map((f) => String(b[f.name as keyof StoredBooking]));
	const check =
		b.personalDataFindings.length === 0
			? t('mail.specialist.pdClean')
			: t('mail.specialist.pdConfirmed', { findings: b.personalDataFindings.map((f) => t(`booking.pd.${f}`)).join(', ') });
	const description = b.description ?? t('notify.notKnown');
	const text = [
		t('mail.specialist.intro'),
		'',
		...lines(rows),
		'',
		t('mail.specialist.contact'),
		...contact,
		'',
		t('mail.specialist.description'),
		description,
		'',
		`${t('mail.specialist.pd')} ${check}`,
		'',
		t('mail.footer', { site }),
	].join('\n');
	const body = [
		`<p>${html(t('mail.specialist.intro'))}</p>`,
		table(rows),
		`<p><strong>${html(t('mail.specialist.contact'))}</strong><br>${contact.map(html).join('<br>')}</p>`,
		`<p><strong>${html(t('mail.specialist.description'))}</strong><br>${html(description)}</p>`,
		`<p>${html(t('mail.specialist.pd'))} ${html(check)}</p>`,
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');
	return { from: ctx.from, to: ctx.specialist.email, replyTo: b.reporterEmail, subject, text, html: page(ctx.office.language, subject, body) };
}

export function cancelNoticeMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const t = translator(ctx.strings);
	const { slot, rows } = facts(t, b, ctx, ctx.office.language, 'specialist');
	const subject = t('mail.cancel.subject', { date: slot.date, time: slot.start, reference: ctx.reference });
	const site = new URL(ctx.siteUrl).host;
	const text = [t('mail.cancel.intro'), '', ...lines(rows), '', t('mail.footer', { site })].join('\n');
	const body = [`<p>${html(t('mail.cancel.intro'))}</p>`, table(rows), `<p style="color:#555">${html(t('mail.footer', { site }))}</p>`].join('\n');
	return { from: ctx.from, to: ctx.specialist.email, subject, text, html: page(ctx.office.language, subject, body) };
}

/** To the professional, in their language: the consultation is off, and the calendar file takes it out. */
export function cancelledMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const t = translator(ctx.strings);
	const { slot, rows } = facts(t, b, ctx, b.locale, 'professional');
	const subject = t('mail.cancelled.subject', { date: slot.date, time: slot.start, reference: ctx.reference });
	const site = new URL(ctx.siteUrl).host;
	const text = [t('mail.cancelled.intro'), '', ...lines(rows), '', t('mail.footer', { site })].join('\n');
	const body = [`<p>${html(t('mail.cancelled.intro'))}</p>`, table(rows), `<p style="color:#555">${html(t('mail.footer', { site }))}</p>`].join('\n');
	const calendar = bookingCalendarFor(
		{ id: b.submissionId, reference: ctx.reference, start: b.start, end: b.end, mode: b.mode },
		ctx.office,
		ctx.specialist,
		ctx.strings,
		ctx.siteUrl,
		{ attendee: b.reporterEmail },
	);
	return {
		from: ctx.from,
		to: b.reporterEmail,
		replyTo: ctx.office.email,
		subject,
		text,
		html: page(b.locale, subject, body),
		attachments: [{ filename: 'consultation-cancelled.ics', contentType: 'text/calendar; charset=utf-8; method=CANCEL', content: calendar }],
	};
}
