/**
 * Every kind of e-mail, with hostile text in every field a person or an operator can fill in:
 * in the HTML part it is text (escaped by the renderer, no element or attribute of its own), in
 * the plain-text part it is exactly as typed.
 */
import { describe, expect, it } from 'vitest';
import { bookingSchema } from '../../src/lib/booking-schema.ts';
import { concernSchema } from '../../src/lib/concern-schema.ts';
import { officeSchema, type Office } from '../../src/lib/content-schemas.ts';
import type { StoredBooking } from '../../src/server/booking-intake.ts';
import {
	cancelledMail,
	cancelNoticeMail,
	professionalMail,
	specialistMail,
} from '../../src/server/mail/booking-mail.ts';
import { officeMail, receiptMail } from '../../src/server/mail/concern-mail.ts';
import {
	acknowledgementMail,
	concernNoticeMail,
	feedbackMail,
} from '../../src/server/mail/office-mail.ts';
import type { MailMessage } from '../../src/server/mail/mail-message.ts';
import { allUi, readYaml } from './content-files.ts';

const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(1)> Tom & Jerry`;
/** How the renderer writes it as text: `&`, `<` and `"` as entities. */
const HOSTILE_HTML =
	'&lt;script>alert(1)&lt;/script> &quot;>&lt;img src=x onerror=alert(1)> Tom &amp; Jerry';
const marked = (field: string) => `M-${field}-42 ${HOSTILE}`;
/** The elements the e-mails are made of: anything else got in from a value. */
const ELEMENTS = new Set([
	'html',
	'head',
	'meta',
	'title',
	'body',
	'p',
	'br',
	'strong',
	'h2',
	'table',
	'tr',
	'th',
	'td',
	'a',
]);

const clean: Office & { id: string } = {
	id: 'de-musterstadt',
	...officeSchema.parse(readYaml('offices/de-musterstadt.yaml')),
};
const office: Office & { id: string } = {
	...clean,
	name: marked('office.name'),
	address: { ...clean.address, street: marked('office.street'), city: marked('office.city') },
	specialists: clean.specialists.map((s) => ({
		...s,
		name: marked('specialist.name'),
		room: marked('specialist.room'),
	})),
};
const specialist = office.specialists.find((s) => s.id === 'beispiel')!;
const ui = allUi();
const base = {
	reference: 'K7F3-9Q2M',
	office,
	from: 'Site <no-reply@example.org>',
	siteUrl: 'https://kinderschutz.example.org/',
};

const CONCERN_TEXT = [
	'area',
	'childName',
	'childAddress',
	'childLanguages',
	'observation',
	'observedWhen',
	'childWords',
	'actionsTaken',
	'notToldDetails',
	'reporterName',
	'reporterRole',
	'reporterOrganisation',
	'reporterAddress',
];
const concern = concernSchema.parse({
	submissionId: '0b6f3c3e-4a57-4d2e-9a43-0d6c2f1e9b10',
	locale: 'en',
	country: 'DE',
	officeId: 'de-musterstadt',
	interpreter: 'no',
	categories: ['neglect'],
	urgency: 'today',
	parentsTold: 'yes',
	reporterEmail: 'teacher@example.com',
	reporterPhone: '+49 30 23125 999',
	...Object.fromEntries(CONCERN_TEXT.map((f) => [f, marked(f)])),
});

const BOOKING_TEXT = ['reporterName', 'reporterRole', 'reporterOrganisation', 'description'];
const START = Date.UTC(2026, 11, 1, 8);
const parsedBooking = bookingSchema.parse({
	submissionId: '7d1b0c52-3c0e-4a5e-8f61-5b8f6c9e2a10',
	locale: 'hu',
	country: 'DE',
	area: '07743',
	officeId: 'de-musterstadt',
	mode: 'in-person',
	slot: `beispiel@${new Date(START).toISOString()}`,
	reporterEmail: 'teacher@example.com',
	reporterPhone: '+49 30 23125 999',
	// The hostile description reads as personal data; the professional confirmed sending it.
	personalDataConfirmed: 'yes',
	...Object.fromEntries(BOOKING_TEXT.map((f) => [f, marked(f)])),
});
const booking: StoredBooking = {
	...parsedBooking,
	specialistId: 'beispiel',
	start: START,
	end: START + 45 * 60_000,
	personalDataFindings: ['name'],
};
const bookingContext = (locale: 'hu' | 'de') => ({ ...base, specialist, strings: ui[locale] });
const cancelUrl = `https://kinderschutz.example.org/hu/consultation/cancel/?token=a"b<c>&d`;

const MAILS: [kind: string, mail: MailMessage][] = [
	['concern-office', officeMail(concern, { ...base, strings: ui.de })],
	['concern-receipt', receiptMail(concern, { ...base, strings: ui.en })],
	['booking-professional', professionalMail(booking, bookingContext('hu'), cancelUrl)],
	['booking-specialist', specialistMail(booking, bookingContext('de'))],
	['booking-cancel-specialist', cancelNoticeMail(booking, bookingContext('de'))],
	['booking-cancel-professional', cancelledMail(booking, bookingContext('hu'))],
	// The office workspace's: the notice carries no concern content, only the office's name.
	['office-notice', concernNoticeMail(true, { ...base, strings: ui.de })],
	[
		'office-acknowledgement',
		acknowledgementMail(concern, START, { ...base, strings: ui[concern.locale] }),
	],
	// A template's text comes from content (an operator's file).
	[
		'office-feedback',
		feedbackMail(concern, marked('feedback.template'), { ...base, strings: ui[concern.locale] }),
	],
];

/** The fields whose marker a text shows. */
const fieldsIn = (text: string) => [...text.matchAll(/M-([\w.]+)-42/g)].map((m) => m[1]).sort();

describe.each(MAILS)('%s', (_, mail) => {
	it('shows hostile values, and only as text, in the HTML part', () => {
		const fields = fieldsIn(mail.text);
		expect(fields.length).toBeGreaterThan(0);
		expect(fieldsIn(mail.html)).toEqual(fields);
		for (const field of new Set(fields))
			expect(mail.html, field).toContain(`M-${field}-42 ${HOSTILE_HTML}`);
		const tags = [...mail.html.matchAll(/<([a-zA-Z][\w-]*)[^>]*>/g)];
		expect(new Set(tags.map((t) => t[1]!.toLowerCase())).difference(ELEMENTS)).toEqual(new Set());
		for (const [tag] of tags) expect(tag).not.toMatch(/onerror|<img|<script/i);
		expect(mail.html).not.toContain('"><img');
	});

	it('keeps them exactly as typed in the text part', () => {
		for (const field of new Set(fieldsIn(mail.text)))
			expect(mail.text, field).toContain(`M-${field}-42 ${HOSTILE}`);
	});
});

it('a link made of a hostile address stays one attribute', () => {
	const html = MAILS.find(([kind]) => kind === 'booking-professional')![1].html;
	expect(html).toContain(
		'<a href="https://kinderschutz.example.org/hu/consultation/cancel/?token=a&quot;b&lt;c>&amp;d">',
	);
});
