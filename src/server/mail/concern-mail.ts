/**
 * The two e-mails of a concern. To the office, in the office's language: every answer given, as
 * plain text and as HTML with every value escaped, Reply-To the professional, worded for the
 * caseworker who reads it ("About the person who notified", not the form's "About you"). To
 * the professional, in their language: a receipt with the reference and the office's contact,
 * and nothing about the child.
 */
import { escapeHtml } from '../../lib/escape-html.ts';
import { CONCERN_STEPS, displayValue, visibleFields } from '../../lib/concern-fields.ts';
import { labelKey } from '../../lib/field-spec.ts';
import type { Concern } from '../../lib/concern-schema.ts';
import { countryName } from '../../lib/country-names.ts';
import type { Office } from '../../lib/content-schemas.ts';
import type { UiStrings } from '../../lib/i18n.ts';
import type { UiKey } from '../../lib/ui-keys.ts';
import { interpolate } from '../../lib/interpolate.ts';
import type { FormValues } from '../../lib/form-values.ts';
import type { MailMessage } from './mail-message.ts';

export interface MailContext {
	reference: string;
	office: Office;
	/** Strings in the language of the reader of this e-mail. */
	strings: UiStrings;
	from: string;
	siteUrl: string;
}

/** Escaped, with line breaks kept. */
export const html = (value: string) => escapeHtml(value).replace(/\n/g, '<br>');

export function page(lang: string, title: string, body: string): string {
	return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem">${body}</body></html>`;
}

export function translator(strings: UiStrings) {
	return (key: string, vars: Record<string, string> = {}) => interpolate((strings as Record<string, string>)[key] ?? key, vars);
}

/**
 * The form asks the professional ("What have you already done?", "I could not reach them"); the
 * office reads about them. These strings are worded for the office; the rest read the same.
 * The office workspace shows a concern with the same words (components/office/ConcernAnswers.astro).
 */
export const OFFICE_WORDING: Record<string, UiKey> = {
	'notify.observation.title': 'mail.office.observation.title',
	'notify.observation.label': 'mail.office.observation.label',
	'notify.categories.legend': 'mail.office.categories.legend',
	'notify.actionsTaken.label': 'mail.office.actionsTaken.label',
	'notify.parentsTold.legend': 'mail.office.parentsTold.legend',
	'notify.notToldDetails.label': 'mail.office.notToldDetails.label',
	'notify.reporter.title': 'mail.office.reporter.title',
	'notify.reporterName.label': 'mail.office.reporterName.label',
	'notify.reporterRole.label': 'mail.office.reporterRole.label',
	'notify.reporterOrganisation.label': 'mail.office.reporterOrganisation.label',
	'notify.reporterAddress.label': 'mail.office.reporterAddress.label',
	'notify.reporterEmail.label': 'mail.office.reporterEmail.label',
	'notify.reporterPhone.label': 'mail.office.reporterPhone.label',
	'notify.interpreter.unknown': 'mail.office.interpreter.unknown',
	'notify.notToldReason.not-reachable': 'mail.office.notToldReason.not-reachable',
};

const isEmpty = (value: unknown) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export function officeMail(concern: Concern, ctx: MailContext): MailMessage {
	const formWords = translator(ctx.strings);
	const t = (key: string, vars: Record<string, string> = {}) => formWords(OFFICE_WORDING[key] ?? key, vars);
	const site = new URL(ctx.siteUrl).host;
	const subject = t('mail.office.subject', { reference: ctx.reference });
	const values = concern as unknown as FormValues;
	// An optional question left empty is left out: "Not known" on every line hides what was said.
	const sections = CONCERN_STEPS.map((step) => ({
		title: t(`notify.${step}.title`),
		rows: visibleFields(step, values)
			.filter((spec) => !(spec.optional && isEmpty(values[spec.name])))
			.map((spec) => [t(labelKey('notify', spec)), displayValue(t, spec, values[spec.name])] as const),
	}));
	const where = [
		[t('notify.country.label'), countryName(concern.country, ctx.office.language)],
		[t('notify.area.label'), concern.area],
	] as const;

	const text = [
		t('mail.office.intro', { site }),
		'',
		`${t('mail.reference')}: ${ctx.reference}`,
		...where.map(([k, v]) => `${k}: ${v}`),
		...sections.flatMap((s) => ['', `== ${s.title} ==`, ...s.rows.map(([k, v]) => `${k}:\n${v}`)]),
		'',
		t('mail.office.replyHint'),
		t('mail.footer', { site }),
	].join('\n');

	const rows = (list: readonly (readonly [string, string])[]) =>
		list.map(([k, v]) => `<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">${html(k)}</th><td style="padding:4px 0">${html(v)}</td></tr>`).join('');
	const body = [
		`<p>${html(t('mail.office.intro', { site }))}</p>`,
		`<p><strong>${html(t('mail.reference'))}: ${html(ctx.reference)}</strong></p>`,
		`<table>${rows(where)}</table>`,
		...sections.map((s) => `<h2>${html(s.title)}</h2><table>${rows(s.rows)}</table>`),
		`<p>${html(t('mail.office.replyHint'))}</p>`,
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');

	return { from: ctx.from, to: ctx.office.email, replyTo: concern.reporterEmail, subject, text, html: page(ctx.office.language, subject, body) };
}

export function receiptMail(concern: Concern, ctx: MailContext): MailMessage {
	const t = translator(ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const subject = t('mail.receipt.subject', { reference: ctx.reference });
	const { office } = ctx;
	const contact = [office.name, office.email, office.phone, `${office.address.street}, ${office.address.postcode} ${office.address.city}`];
	const text = [
		t('mail.receipt.intro', { office: office.name }),
		'',
		`${t('mail.reference')}: ${ctx.reference}`,
		'',
		t('notify.check.next'),
		'',
		t('mail.receipt.contact'),
		...contact,
		'',
		t('mail.receipt.privacy'),
		t('mail.footer', { site }),
	].join('\n');
	const body = [
		`<p>${html(t('mail.receipt.intro', { office: office.name }))}</p>`,
		`<p><strong>${html(t('mail.reference'))}: ${html(ctx.reference)}</strong></p>`,
		`<p>${html(t('notify.check.next'))}</p>`,
		`<p>${html(t('mail.receipt.contact'))}<br>${contact.map(html).join('<br>')}</p>`,
		`<p>${html(t('mail.receipt.privacy'))}</p>`,
		`<p style="color:#555">${html(t('mail.footer', { site }))}</p>`,
	].join('\n');
	return { from: ctx.from, to: concern.reporterEmail, replyTo: office.email, subject, text, html: page(concern.locale, subject, body) };
}
