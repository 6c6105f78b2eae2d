import { describe, expect, it } from 'vitest';
import { bookingSchema } from '../../src/lib/booking-schema.ts';
import { officeSchema, type Office } from '../../src/lib/content-schemas.ts';
import type { UiStrings } from '../../src/lib/translate.ts';
import type { StoredBooking } from '../../src/server/booking-intake.ts';
import {
	cancelledMail,
	cancelNoticeMail,
	professionalMail,
	specialistMail,
	type BookingMailContext,
} from '../../src/server/mail/booking-mail.ts';
import { assertHeaderSafe } from '../../src/server/mail/mail-message.ts';
import { parseIcs, utcDateTime } from '../fixtures/ics-parse.ts';
import { allUi, readYaml } from './content-files.ts';

const office: Office & { id: string } = {
	id: 'de-musterstadt',
	...officeSchema.parse(readYaml('offices/de-musterstadt.yaml')),
};
const specialist = office.specialists.find((s) => s.id === 'beispiel')!;
const ui = allUi();
const ATTACK = '<img src=x onerror=alert(1)> "q" & co';
/** As the renderer writes text: `&`, `<` and `"` as entities (a `>` opens nothing). */
const ATTACK_ESCAPED = '&lt;img src=x onerror=alert(1)> &quot;q&quot; &amp; co';
// Tuesday 1 December 2026, 09:00 in Berlin.
const START = Date.UTC(2026, 11, 1, 8);

function booking(
	overrides: Record<string, string> = {},
	findings: StoredBooking['personalDataFindings'] = [],
): StoredBooking {
	const parsed = bookingSchema.parse({
		submissionId: '7d1b0c52-3c0e-4a5e-8f61-5b8f6c9e2a10',
		locale: 'bg',
		country: 'DE',
		area: '07743',
		officeId: 'de-musterstadt',
		mode: 'in-person',
		slot: `beispiel@${new Date(START).toISOString()}`,
		reporterName: `Гергана ${ATTACK}`,
		reporterRole: 'Учителка',
		reporterOrganisation: `Kita ${ATTACK}`,
		reporterEmail: 'teacher@example.com',
		reporterPhone: '+49 30 23125 999',
		description: `Ein Kind, 4 Jahre.\n${ATTACK}`,
		...overrides,
	});
	return {
		...parsed,
		specialistId: 'beispiel',
		start: START,
		end: START + 45 * 60_000,
		personalDataFindings: findings,
	};
}

const context = (strings: UiStrings): BookingMailContext => ({
	reference: 'K7F3-9Q2M',
	office,
	specialist,
	strings,
	from: 'Child protection site <no-reply@example.org>',
	siteUrl: 'https://kinderschutz.example.org/',
});
const CANCEL_URL = 'https://kinderschutz.example.org/bg/consultation/cancel/?token=abc.def';

describe('professionalMail', () => {
	const mail = professionalMail(booking(), context(ui.bg), CANCEL_URL);

	it('goes to the professional in their language, with date, time zone, place and the cancel link', () => {
		expect(mail.to).toBe('teacher@example.com');
		expect(mail.replyTo).toBe(office.email);
		expect(mail.html).toContain('<html lang="bg">');
		expect(mail.subject).toContain('K7F3-9Q2M');
		expect(mail.text).toContain('09:00');
		expect(mail.text).toContain('Europe/Berlin');
		expect(mail.text).toContain(office.address.street);
		expect(mail.text).toContain(`${ui.bg['contacts.room']} ${specialist.room}`);
		expect(mail.text).toContain(CANCEL_URL);
		expect(mail.html).toContain(`href="${CANCEL_URL}"`);
		expect(() => assertHeaderSafe(mail)).not.toThrow();
	});

	it('carries nothing of the description', () => {
		expect(mail.text).not.toContain('Ein Kind');
		expect(mail.html).not.toContain('Ein Kind');
	});

	it('attaches a calendar file that parses, at the right UTC time, with a neutral title', () => {
		const [attachment] = mail.attachments!;
		expect(attachment!.filename).toBe('consultation.ics');
		const event = parseIcs(attachment!.content).components.find((c) => c.name === 'VEVENT')!;
		expect(utcDateTime(event.properties.get('DTSTART')!.value)).toBe(START);
		expect(utcDateTime(event.properties.get('DTEND')!.value)).toBe(START + 45 * 60_000);
		expect(event.properties.get('SUMMARY')!.value).toBe(ui.bg['booking.ics.title']);
		expect(event.properties.get('UID')!.value).toBe(
			'7d1b0c52-3c0e-4a5e-8f61-5b8f6c9e2a10@kinderschutz.example.org',
		);
		expect(attachment!.content).not.toContain('Гергана');
	});
});

describe('specialistMail', () => {
	it("goes to the specialist in the office's language with the professional's contact and the description, escaped", () => {
		const mail = specialistMail(booking(), context(ui.de));
		expect(mail.to).toBe(specialist.email);
		expect(mail.replyTo).toBe('teacher@example.com');
		expect(mail.html).toContain('<html lang="de">');
		expect(mail.text).toContain(`Гергана ${ATTACK}`);
		expect(mail.text).toContain(`Ein Kind, 4 Jahre.\n${ATTACK}`);
		expect(mail.html).toContain(`Гергана ${ATTACK_ESCAPED}`);
		expect(mail.html).toContain(`Ein Kind, 4 Jahre.<br/>${ATTACK_ESCAPED}`);
		expect(mail.html).not.toContain('<img');
		expect(mail.text).toContain(ui.de['mail.specialist.pdClean']);
	});

	it('says what the personal-data check found and that the professional confirmed it', () => {
		const mail = specialistMail(booking({}, ['name', 'phone']), context(ui.de));
		const findings = `${ui.de['booking.pd.name']}, ${ui.de['booking.pd.phone']}`;
		expect(mail.text).toContain(
			ui.de['mail.specialist.pdConfirmed'].replace('{findings}', findings),
		);
	});

	it('says "not known" when there is no description', () => {
		const { description: _, ...rest } = booking();
		expect(specialistMail({ ...rest, description: undefined }, context(ui.de)).text).toContain(
			ui.de['notify.notKnown'],
		);
	});
});

describe('cancelNoticeMail', () => {
	it('tells the specialist, in the office language, which consultation was cancelled', () => {
		const mail = cancelNoticeMail(booking(), context(ui.de));
		expect(mail.to).toBe(specialist.email);
		expect(mail.subject).toContain('K7F3-9Q2M');
		expect(mail.text).toContain(ui.de['mail.cancel.intro']);
		expect(mail.text).not.toContain('Ein Kind');
	});
});

describe('cancelledMail', () => {
	it('tells the professional in their language and carries a calendar file that cancels the same event', () => {
		const booked = professionalMail(booking(), context(ui.bg), CANCEL_URL);
		const mail = cancelledMail(booking(), context(ui.bg));
		expect(mail.to).toBe('teacher@example.com');
		expect(mail.replyTo).toBe(office.email);
		expect(mail.html).toContain('<html lang="bg">');
		expect(mail.subject).toContain('K7F3-9Q2M');
		expect(mail.text).toContain(ui.bg['mail.cancelled.intro']);
		expect(mail.text).not.toContain('Ein Kind');
		const [attachment] = mail.attachments!;
		expect(attachment!.contentType).toContain('method=CANCEL');
		const cancel = parseIcs(attachment!.content);
		expect(cancel.properties.get('METHOD')!.value).toBe('CANCEL');
		const uidOf = (ics: string) =>
			parseIcs(ics)
				.components.find((c) => c.name === 'VEVENT')!
				.properties.get('UID')!.value;
		expect(uidOf(attachment!.content)).toBe(uidOf(booked.attachments![0]!.content));
		expect(() => assertHeaderSafe(mail)).not.toThrow();
	});
});

describe('video consultations say how the call happens', () => {
	const video = (officeId: string) => {
		const o: Office & { id: string } = {
			id: officeId,
			...officeSchema.parse(readYaml(`offices/${officeId}.yaml`)),
		};
		return { ...context(ui.en), office: o, specialist: o.specialists[0]! };
	};

	it('with a link: the professional gets it (a link in the HTML), the specialist too', () => {
		const link = 'https://video.musterstadt.example.org/beratung-K7F3-9Q2M';
		const mail = professionalMail(booking({ mode: 'video' }), video('de-musterstadt'), CANCEL_URL);
		expect(mail.text).toContain(`${ui.en['booking.video.link']} ${link}`);
		expect(mail.html).toContain(`<a href="${link}">`);
		expect(specialistMail(booking({ mode: 'video' }), video('de-musterstadt')).text).toContain(
			link,
		);
	});

	it('when the specialist calls: the professional is told so, and the specialist gets the number to call', () => {
		const ctx = video('dk-eksempelby');
		const b = booking({
			mode: 'video',
			country: 'DK',
			area: '8000',
			officeId: 'dk-eksempelby',
			slot: `eksempel@${new Date(START).toISOString()}`,
		});
		expect(professionalMail(b, ctx, CANCEL_URL).text).toContain(ui.en['booking.video.calls']);
		expect(specialistMail(b, ctx).text).toContain(
			ui.en['booking.video.youCall'].replace('{phone}', '+49 30 23125 999'),
		);
	});
});

describe('the booking schema refuses what could break a header', () => {
	for (const field of [
		'reporterName',
		'reporterEmail',
		'reporterOrganisation',
		'reporterRole',
		'reporterPhone',
	]) {
		it(`CR/LF in ${field}`, () => {
			expect(() => booking({ [field]: 'a@example.org\r\nBcc: victim@example.org' })).toThrow();
		});
	}

	it('unknown fields', () => {
		expect(() => booking({ childName: 'Lena' })).toThrow();
	});
});
