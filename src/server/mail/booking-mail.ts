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

export function professionalMail(
	b: StoredBooking,
	ctx: BookingMailContext,
	cancelUrl: string,
): MailMessage {
	const t = createTranslator(b.locale, ctx.strings);
	const { slot, rows } = facts(t, b, ctx, b.locale, 'professional');
	const subject = t('mail.booking.subject', {
		date: slot.date,
		time: slot.start,
		reference: ctx.reference,
	});
	const site = new URL(ctx.siteUrl).host;
	const text = [
		t('mail.booking.intro'),
		'',
		...factLines(rows),
		'',
		t('mail.booking.cancel'),
		cancelUrl,
		'',
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(b.locale, subject, [
		paragraph(t('mail.booking.intro')),
		factsTable(rows),
		h('p', null, t('mail.booking.cancel'), h('br', null), h('a', { href: cancelUrl }, cancelUrl)),
		footer(t('mail.footer', { site })),
	]);
	return {
		from: ctx.from,
		to: b.reporterEmail,
		replyTo: ctx.office.email,
		subject,
		text,
		html,
		attachments: [
			{
				filename: 'consultation.ics',
				contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
				content: bookingCalendarFor(
					{
						id: b.submissionId,
						reference: ctx.reference,
						start: b.start,
						end: b.end,
						mode: b.mode,
					},
					ctx.office,
					ctx.specialist,
					t,
					ctx.siteUrl,
				),
			},
		],
	};
}

export function specialistMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const t = createTranslator(ctx.office.language, ctx.strings);
	const { slot, rows } = facts(t, b, ctx, ctx.office.language, 'specialist');
	const subject = t('mail.specialist.subject', {
		date: slot.date,
		time: slot.start,
		reference: ctx.reference,
	});
	const site = new URL(ctx.siteUrl).host;
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
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(ctx.office.language, subject, [
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
		footer(t('mail.footer', { site })),
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
	const t = createTranslator(ctx.office.language, ctx.strings);
	const { slot, rows } = facts(t, b, ctx, ctx.office.language, 'specialist');
	const subject = t('mail.cancel.subject', {
		date: slot.date,
		time: slot.start,
		reference: ctx.reference,
	});
	const site = new URL(ctx.siteUrl).host;
	const text = [
		t('mail.cancel.intro'),
		'',
		...factLines(rows),
		'',
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(ctx.office.language, subject, [
		paragraph(t('mail.cancel.intro')),
		factsTable(rows),
		footer(t('mail.footer', { site })),
	]);
	return { from: ctx.from, to: ctx.specialist.email, subject, text, html };
}

/** To the professional, in their language: the consultation is off, and the calendar file takes it out. */
export function cancelledMail(b: StoredBooking, ctx: BookingMailContext): MailMessage {
	const t = createTranslator(b.locale, ctx.strings);
	const { slot, rows } = facts(t, b, ctx, b.locale, 'professional');
	const subject = t('mail.cancelled.subject', {
		date: slot.date,
		time: slot.start,
		reference: ctx.reference,
	});
	const site = new URL(ctx.siteUrl).host;
	const text = [
		t('mail.cancelled.intro'),
		'',
		...factLines(rows),
		'',
		t('mail.footer', { site }),
	].join('\n');
	const html = mailHtml(b.locale, subject, [
		paragraph(t('mail.cancelled.intro')),
		factsTable(rows),
		footer(t('mail.footer', { site })),
	]);
	const calendar = bookingCalendarFor(
		{ id: b.submissionId, reference: ctx.reference, start: b.start, end: b.end, mode: b.mode },
		ctx.office,
		ctx.specialist,
		t,
		ctx.siteUrl,
		{ attendee: b.reporterEmail },
	);
	return {
		from: ctx.from,
		to: b.reporterEmail,
		replyTo: ctx.office.email,
		subject,
		text,
		html,
		attachments: [
			{
				filename: 'consultation-cancelled.ics',
				contentType: 'text/calendar; charset=utf-8; method=CANCEL',
				content: calendar,
			},
		],
	};
}
