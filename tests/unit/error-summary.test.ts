import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Translate } from '../../src/lib/translate.ts';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from '../../src/islands/error-summary.tsx';
import { FieldErrorSummary } from '../../src/islands/form-fields.tsx';
import { CONCERN_FORM } from '../../src/lib/concern-fields.ts';

describe('ErrorSummary (GOV.UK Frontend markup)', () => {
	it('focuses the container and announces from a child: role="alert" is never on the element that takes focus', () => {
		const html = renderToString(
			h(ErrorSummary, {
				title: 'There is a problem',
				items: [{ text: 'Your e-mail – enter one', href: '#reporterEmail' }],
			}),
		);
		expect(html).toBe(
			'<div class="error-summary" tabindex="-1" autofocus><div role="alert"><h2 id="error-summary-title">There is a problem</h2>' +
				'<ul><li><a href="#reporterEmail">Your e-mail – enter one</a></li></ul></div></div>',
		);
	});

	it('shows a sentence instead of a list for a problem with no field to fix', () => {
		const html = renderToString(
			h(ErrorSummary, { title: 'There is a problem', description: 'Try again in a few minutes.' }),
		);
		expect(html).toContain(
			'<div role="alert"><h2 id="error-summary-title">There is a problem</h2><p>Try again in a few minutes.</p></div>',
		);
		expect(html).not.toContain('<ul');
	});

	it('escapes what it shows', () => {
		const html = renderToString(
			h(ErrorSummary, { title: '<b>', items: [{ text: '<img src=x onerror=alert(1)>' }] }),
		);
		expect(html).not.toMatch(/<b>|<img/);
	});

	it("links each field's error to its first input (a date's day, a group's first option), a problem with the whole form to nothing", () => {
		const t = ((key: string) =>
			({
				'error.summary': 'Problem',
				'error.date': 'not a date',
				'error.form': 'reload',
				'error.choose': 'choose one',
			})[key] ?? key) as Translate;
		const html = renderToString(
			h(FieldErrorSummary, {
				t,
				prefix: 'notify',
				specOf: CONCERN_FORM.spec,
				errors: {
					childBirthDate: { key: 'error.date' },
					interpreter: { key: 'error.choose' },
					_form: { key: 'error.form' },
				},
			}),
		);
		expect(html).toContain(
			'<ul><li><a href="#childBirthDate-day">notify.childBirthDate.label – not a date</a></li>' +
				'<li><a href="#interpreter-yes">notify.interpreter.legend – choose one</a></li><li>reload</li></ul>',
		);
	});

	it('renders nothing without errors', () => {
		expect(
			renderToString(
				h(FieldErrorSummary, {
					t: ((k: string) => k) as Translate,
					prefix: 'notify',
					specOf: CONCERN_FORM.spec,
					errors: {},
				}),
			),
		).toBe('');
	});
});
