import { describe, expect, it } from 'vitest';
import { concernSchema, type Concern } from '../../src/lib/concern-schema.ts';
import { officeSchema, type Office } from '../../src/lib/content-schemas.ts';
import type { UiStrings } from '../../src/lib/translate.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { officeMail, receiptMail, type MailContext } from '../../src/server/mail/concern-mail.ts';
import { assertHeaderSafe, type MailMessage } from '../../src/server/mail/mail-message.ts';
import { newReference } from '../../src/server/store.ts';
import { allUi, readYaml } from './content-files.ts';

const office: Office & { id: string } = {
	id: 'de-musterstadt',
	...officeSchema.parse(readYaml('offices/de-musterstadt.yaml')),
};
const ui = allUi();

const REFERENCE = 'K7F3-9Q2M';
const ATTACK = '<script>alert(1)</script> "quotes" & ampersands';
/** As the renderer writes text: `&`, `<` and `"` as entities (a `>` opens nothing). */
const ATTACK_ESCAPED = '&lt;script>alert(1)&lt;/script> &quot;quotes&quot; &amp; ampersands';

/** Every free-text answer, each with its own marker so that it can be found (or missed) on its own. */
const TEXT_FIELDS = [
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
] as const;
const marker = (field: string) => `Marker-${field}-42`;

function concern(overrides: Record<string, unknown> = {}): Concern {
	return concernSchema.parse({
		submissionId: '0b6f3c3e-4a57-4d2e-9a43-0d6c2f1e9b10',
		locale: 'en',
		country: 'DE',
		area: '07743',
		officeId: 'de-musterstadt',
		childName: 'Mia Beispiel',
		childAge: '7',
		childAddress: 'Am Markt 3, 07743 Musterstadt',
		childLanguages: 'German, Arabic',
		interpreter: 'no',
		observation: 'The child came to school hungry every day this week.',
		observedWhen: 'since Monday',
		childWords: 'There is no food at home.',
		categories: ['neglect'],
		urgency: 'this-week',
		actionsTaken: 'Talked to the head teacher.',
		parentsTold: 'no',
		notToldReason: 'risk',
		notToldDetails: 'The father threatened the child.',
		reporterName: 'Erika Lehrerin',
		reporterRole: 'teacher',
		reporterOrganisation: 'Grundschule Musterstadt',
		reporterAddress: 'Schulweg 1, 07743 Musterstadt',
		reporterEmail: 'teacher@example.com',
		reporterPhone: '+49 30 23125 999',
		...overrides,
	});
}

/** Every free-text field carries its marker and the attack string. */
const hostile = concern(Object.fromEntries(TEXT_FIELDS.map((f) => [f, `${marker(f)} ${ATTACK}`])));

function context(strings: UiStrings, reference = REFERENCE): MailContext {
	return {
		reference,
		office,
		strings,
		from: 'Child protection site <no-reply@example.org>',
		siteUrl: 'https://kinderschutz.example.org/base/',
	};
}

describe('officeMail', () => {
	const mail = officeMail(hostile, context(ui.de));

	it('goes to the office, Reply-To the professional, from the site', async () => {
		expect(mail.to).toBe('kinderschutz@musterstadt.example.org');
		expect(mail.replyTo).toBe('teacher@example.com');
		expect(mail.from).toBe('Child protection site <no-reply@example.org>');
		expect(mail.subject).toBe(`Sorge um ein Kind – Vorgangsnummer ${REFERENCE}`);
	});

	it('is written in the office language', async () => {
		expect(mail.html).toContain('<html lang="de">');
		expect(mail.text).toContain(`${ui.de['mail.reference']}: ${REFERENCE}`);
		expect(mail.text).toContain(ui.de['notify.child.title']);
		expect(mail.text).toContain('kinderschutz.example.org');
		expect(mail.text).not.toContain(ui.en['notify.child.title']);
	});

	it.each(TEXT_FIELDS)('shows %s escaped in the HTML and raw in the text', (field) => {
		expect(mail.html).toContain(`${marker(field)} ${ATTACK_ESCAPED}`);
		expect(mail.text).toContain(`${marker(field)} ${ATTACK}`);
	});

	it('never lets the raw markup or quotes into the HTML', async () => {
		expect(mail.html).not.toContain('<script');
		expect(mail.html).not.toContain('</script>');
		expect(mail.html).not.toContain('"quotes"');
		expect(mail.html).not.toContain('& ampersands');
		expect(mail.html.split(ATTACK_ESCAPED)).toHaveLength(TEXT_FIELDS.length + 1);
	});

	it('shows choices by their labels, and leaves out optional questions left empty', async () => {
		expect(mail.text).toContain(ui.de['notify.category.neglect']);
		expect(mail.text).toContain(ui.de['notify.urgency.this-week']);
		expect(mail.text).toContain(ui.de['notify.notToldReason.risk']);
		const sparse = officeMail(
			concern({ childName: '', childWords: '', childAge: undefined, reporterAddress: '' }),
			context(ui.de),
		);
		for (const body of [sparse.text, sparse.html]) {
			expect(body).not.toContain(ui.de['notify.childName.label']);
			expect(body).not.toContain(ui.de['notify.childWords.label']);
			expect(body).not.toContain(ui.de['notify.childAge.label']);
			expect(body).not.toContain(ui.de['mail.office.reporterAddress.label']);
			expect(body).not.toContain(ui.de['notify.notKnown']);
		}
		// A required answer is always there; "not known" is an answer too.
		expect(sparse.text).toContain(
			`${ui.de['notify.interpreter.legend']}:\n${ui.de['notify.interpreter.no']}`,
		);
		const unknown = officeMail(concern({ interpreter: 'unknown' }), context(ui.de));
		expect(unknown.text).toContain(
			`${ui.de['notify.interpreter.legend']}:\n${ui.de['mail.office.interpreter.unknown']}`,
		);
	});

	it.each(LOCALES)('%s: speaks about the professional, not to them', (locale) => {
		const m = officeMail(
			concern({ parentsTold: 'no', notToldReason: 'not-reachable' }),
			context(ui[locale]),
		);
		expect(m.text).toContain(ui[locale]['mail.office.reporter.title']);
		expect(m.text).toContain(`${ui[locale]['mail.office.reporterName.label']}:\nErika Lehrerin`);
		expect(m.text).toContain(ui[locale]['mail.office.notToldReason.not-reachable']);
		// The form's own wording ("About you", "Your name", "I could not reach them") is not in it.
		const lines = m.text.split('\n');
		for (const key of [
			'notify.reporter.title',
			'notify.reporterName.label',
			'notify.reporterEmail.label',
			'notify.observation.label',
			'notify.actionsTaken.label',
			'notify.notToldReason.not-reachable',
		] as const) {
			const formWords = ui[locale][key];
			expect(
				lines.filter((l) => [formWords, `${formWords}:`, `== ${formWords} ==`].includes(l)),
				key,
			).toEqual([]);
			expect(m.html, key).not.toContain(`>${formWords}<`);
		}
	});

	it('keeps the line breaks of a multi-line answer: <br> in HTML, newlines in text', async () => {
		const m = officeMail(
			concern({ observation: 'first line\r\nsecond <b>line</b>\nthird line' }),
			context(ui.de),
		);
		expect(m.text).toContain('first line\nsecond <b>line</b>\nthird line');
		expect(m.html).toContain('first line<br/>second &lt;b>line&lt;/b><br/>third line');
		expect(m.html).not.toContain('first line\n');
	});

	it('passes the header check', async () => {
		expect(() => assertHeaderSafe(mail)).not.toThrow();
	});
});

describe('receiptMail', () => {
	const answers = concern(Object.fromEntries(TEXT_FIELDS.map((f) => [f, marker(f)])));
	const mail = receiptMail(answers, context(ui.en));

	it('goes to the professional, Reply-To the office', async () => {
		expect(mail.to).toBe('teacher@example.com');
		expect(mail.replyTo).toBe('kinderschutz@musterstadt.example.org');
		expect(mail.subject).toBe(`Your concern has been sent – reference ${REFERENCE}`);
		expect(mail.html).toContain('<html lang="en">');
	});

	it('names the reference and the office, with its contact', async () => {
		for (const body of [mail.text, mail.html]) {
			expect(body).toContain(REFERENCE);
			expect(body).toContain(office.name);
			expect(body).toContain(office.email);
			expect(body).toContain(office.phone);
		}
	});

	it('repeats none of the answers', async () => {
		const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
		for (const field of TEXT_FIELDS) expect(all).not.toContain(marker(field));
		expect(all).not.toContain(ui.en['notify.category.neglect']);
		expect(all).not.toContain(ui.en['notify.child.title']);
	});

	it('escapes an office name in the HTML', async () => {
		const odd: Office & { id: string } = { ...office, name: 'Amt <b>"A & B"</b>' };
		const m = receiptMail(answers, { ...context(ui.en), office: odd });
		expect(m.html).toContain('Amt &lt;b>&quot;A &amp; B&quot;&lt;/b>');
		expect(m.html).not.toContain('<b>');
		expect(m.text).toContain('Amt <b>"A & B"</b>');
	});
});

describe('subjects', () => {
	it.each(LOCALES)(
		'%s: every subject built from a reference is one line and passes the header check',
		(locale) => {
			for (let i = 0; i < 20; i++) {
				const reference = newReference();
				for (const mail of [
					officeMail(hostile, context(ui[locale], reference)),
					receiptMail(hostile, context(ui[locale], reference)),
				]) {
					expect(mail.subject).toContain(reference);
					expect(mail.subject).not.toMatch(/[\r\n\u2028\u2029]/);
					expect(() => assertHeaderSafe(mail)).not.toThrow();
				}
			}
		},
	);
});

describe('assertHeaderSafe', () => {
	const message: MailMessage = {
		from: 'Site <no-reply@example.org>',
		to: 'office@example.org',
		replyTo: 'teacher@example.com',
		subject: 'Concern – reference K7F3-9Q2M',
		text: 'line one\nline two\r\n',
		html: '<p>line one<br>\nline two</p>',
		attachments: [{ filename: 'concern.txt', contentType: 'text/plain', content: 'a\nb' }],
	};

	it('passes a normal message, line breaks in the bodies included', async () => {
		expect(() => assertHeaderSafe(message)).not.toThrow();
		const { replyTo: _r, attachments: _a, ...minimal } = message;
		expect(() => assertHeaderSafe(minimal)).not.toThrow();
	});

	const fields = ['subject', 'to', 'replyTo', 'from'] as const;
	const breaks = ['\r\n', '\n', '\r', '\u2028'];

	for (const field of fields) {
		it.each(breaks.map((b) => [JSON.stringify(b), b]))(
			`throws for %s in ${field}`,
			(_label, lineBreak) => {
				const bad: MailMessage = {
					...message,
					[field]: `${message[field]}${lineBreak}Bcc: victim@example.net`,
				};
				expect(() => assertHeaderSafe(bad)).toThrow(`"${field}"`);
			},
		);
	}

	it.each(breaks.map((b) => [JSON.stringify(b), b]))(
		'throws for %s in an attachment filename or content type',
		(_label, lineBreak) => {
			const file = { filename: 'concern.txt', contentType: 'text/plain', content: 'x' };
			expect(() =>
				assertHeaderSafe({
					...message,
					attachments: [file, { ...file, filename: `a${lineBreak}Bcc: x.txt` }],
				}),
			).toThrow('attachment');
			expect(() =>
				assertHeaderSafe({
					...message,
					attachments: [{ ...file, contentType: `text/plain${lineBreak}X: y` }],
				}),
			).toThrow('attachment');
		},
	);
});
