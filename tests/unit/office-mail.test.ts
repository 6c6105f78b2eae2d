import { describe, expect, it } from 'vitest';
import { concernSchema, type Concern } from '../../src/lib/concern-schema.ts';
import { countrySchema, officeSchema, type Office } from '../../src/lib/content-schemas.ts';
import { LOCALES, type Locale } from '../../src/lib/locales.ts';
import { assertHeaderSafe } from '../../src/server/mail/mail-message.ts';
import {
	acknowledgementMail,
	concernNoticeMail,
	feedbackMail,
	signInLinkMail,
} from '../../src/server/mail/office-mail.ts';
import { allUi, readYaml } from './content-files.ts';

const office: Office = officeSchema.parse(readYaml('offices/dk-eksempelby.yaml'));
const ui = allUi();
const REFERENCE = 'K7F3-9Q2M';
const SITE = 'https://concerns.example.org';
const ctx = (locale: Locale) => ({
	reference: REFERENCE,
	office,
	strings: ui[locale],
	from: 'Site <no-reply@example.org>',
	siteUrl: SITE,
});

const concern = (locale: Locale): Concern =>
	concernSchema.parse({
		submissionId: '0b6f3c3e-4a57-4d2e-9a43-0d6c2f1e9b10',
		locale,
		country: 'DK',
		area: '8000',
		officeId: 'dk-eksempelby',
		childName: 'Marker-childName',
		interpreter: 'no',
		observation: 'Marker-observation',
		observedWhen: 'Marker-observedWhen',
		categories: ['neglect'],
		urgency: 'today',
		parentsTold: 'yes',
		reporterName: 'Marker-reporterName',
		reporterRole: 'Marker-reporterRole',
		reporterOrganisation: 'Marker-reporterOrganisation',
		reporterEmail: 'teacher@example.com',
		reporterPhone: '+45 12 34 56 78',
	});

describe('concernNoticeMail', () => {
	it.each(LOCALES)(
		'says only that a concern arrived, its reference and urgency, with the inbox link (%s)',
		(locale) => {
			const urgent = concernNoticeMail(true, ctx(locale));
			const calm = concernNoticeMail(false, ctx(locale));
			for (const mail of [urgent, calm]) {
				expect(mail.to).toBe(office.email);
				expect(mail.replyTo).toBeUndefined();
				expect(mail.subject).toContain(REFERENCE);
				expect(mail.text).toContain(`${SITE}/office/`);
				expect(mail.html).toContain(`href="${SITE}/office/"`);
				expect(mail.text).not.toMatch(/Marker-|teacher@example\.com|\{/);
				assertHeaderSafe(mail);
			}
			expect(urgent.subject).not.toBe(calm.subject);
			expect(urgent.subject).toBe(
				ui[locale]['mail.notice.subjectUrgent'].replace('{reference}', REFERENCE),
			);
			expect(urgent.text).toContain(ui[locale]['mail.notice.urgent']);
			expect(calm.text).not.toContain(ui[locale]['mail.notice.urgent']);
		},
	);
});

describe('acknowledgementMail', () => {
	it.each(LOCALES)(
		'tells the notifier in their language which office received it and on which day, and nothing of the concern (%s)',
		(locale) => {
			// 23:30 UTC on 31 January is already 1 February in Copenhagen, the office's time zone.
			const at = Date.UTC(2026, 0, 31, 23, 30);
			const mail = acknowledgementMail(concern(locale), at, ctx(locale));
			const date = new Intl.DateTimeFormat(locale, {
				dateStyle: 'long',
				timeZone: 'Europe/Copenhagen',
			}).format(at);
			const utc = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
				at,
			);
			expect(date).not.toBe(utc);
			expect(mail.text).not.toContain(utc);
			expect(mail.to).toBe('teacher@example.com');
			expect(mail.replyTo).toBe(office.email);
			expect(mail.subject).toBe(
				ui[locale]['mail.acknowledged.subject'].replace('{reference}', REFERENCE),
			);
			expect(mail.text).toContain(
				ui[locale]['mail.acknowledged.intro']
					.replace('{office}', office.name)
					.replace('{date}', date),
			);
			expect(mail.html).toContain(`lang="${locale}"`);
			expect(`${mail.text}${mail.html}`).not.toContain('Marker-');
		},
	);
});

describe('feedbackMail', () => {
	const templates = countrySchema.parse(readYaml('countries/dk.yaml')).feedbackTemplates;
	it.each(LOCALES)(
		"gives the notifier the chosen template's text in their language, with the reference, and nothing of the concern (%s)",
		(locale) => {
			const text = templates[0]!.text[locale];
			const mail = feedbackMail(concern(locale), text, ctx(locale));
			expect(mail.to).toBe('teacher@example.com');
			expect(mail.replyTo).toBe(office.email);
			expect(mail.subject).toBe(
				ui[locale]['mail.feedback.subject'].replace('{reference}', REFERENCE),
			);
			expect(mail.text).toContain(
				ui[locale]['mail.feedback.intro'].replace('{office}', office.name),
			);
			expect(mail.text).toContain(text);
			expect(mail.text).toContain(REFERENCE);
			expect(mail.text).toContain(ui[locale]['mail.feedback.fixed']);
			expect(mail.html).toContain(`lang="${locale}"`);
			expect(`${mail.text}${mail.html}`).not.toMatch(/Marker-|\{/);
			assertHeaderSafe(mail);
		},
	);
});

describe('signInLinkMail', () => {
	it("carries the link in the person's language, and says how long it lasts", () => {
		const url = `${SITE}/office/link/?token=${'a'.repeat(43)}`;
		const mail = signInLinkMail(
			{ to: 'case.worker@example.org', name: 'Sofie <b>', locale: 'da', url },
			{ strings: ui.da, from: 'Site <no-reply@example.org>', siteUrl: SITE },
		);
		expect(mail.to).toBe('case.worker@example.org');
		expect(mail.text).toContain(url);
		expect(mail.text).toContain('20 minutter');
		expect(mail.html).toContain('Sofie &lt;b>');
		expect(mail.html).toContain('lang="da"');
	});
});
