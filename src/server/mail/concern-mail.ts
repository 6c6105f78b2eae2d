/**
 * The two e-mails of a concern. To the office, in the office's language: every answer given, as
 * plain text and as HTML (rendered by mail-html.ts, which escapes every value), Reply-To the
 * professional, worded for the caseworker who reads it ("About the person who notified", not the form's "About you"). To
 * the professional, in their language: a receipt with the reference and the office's contact,
 * and nothing about the child.
 */
import { h } from 'preact';
import { CONCERN_STEPS, displayValue, visibleFields } from '../../lib/concern-fields.ts';
import { labelKey } from '../../lib/field-spec.ts';
import type { Concern } from '../../lib/concern-schema.ts';
import { countryName } from '../../lib/country-names.ts';
import type { Office } from '../../lib/content-schemas.ts';
import {
	composedKey,
	createTranslator,
	type Translate,
	type UiStrings,
} from '../../lib/translate.ts';
import type { UiKey } from '../../lib/ui-keys.ts';
import type { FormValues } from '../../lib/form-values.ts';
import { factsTable, footer, mailHtml, paragraph, type FactRow } from './mail-html.ts';
import type { MailMessage } from './mail-message.ts';

export interface MailContext {
	reference: string;
	office: Office;
	/** Strings in the language of the reader of this e-mail. */
	strings: UiStrings;
	from: string;
	siteUrl: string;
}

/**
 * The form asks the professional ("What have you already done?", "I could not reach them"); the
 * office reads about them. These strings are worded for the office; the rest read the same.
 * The office workspace shows a concern with the same words (components/office/ConcernAnswers.astro).
 */
export const OFFICE_WORDING: Partial<Record<UiKey, UiKey>> = {
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

const isEmpty = (value: unknown) =>
	value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export function officeMail(concern: Concern, ctx: MailContext): MailMessage {
	const formWords = createTranslator(ctx.office.language, ctx.strings);
	const t = ((key, ...args) => formWords(OFFICE_WORDING[key] ?? key, ...args)) as Translate;
	const site = new URL(ctx.siteUrl).host;
	const subject = t('mail.office.subject', { reference: ctx.reference });
	const values = concern as unknown as FormValues;
	// An optional question left empty is left out: "Not known" on every line hides what was said.
	const sections = CONCERN_STEPS.map((step) => ({
		title: t(`notify.${step}.title`),
		rows: visibleFields(step, values)
			.filter((spec) => !(spec.optional && isEmpty(values[spec.name])))
			.map(
				(spec): FactRow => [
					t(composedKey(labelKey('notify', spec))),
					displayValue(t, spec, values[spec.name]),
				],
			),
	}));
	const where: FactRow[] = [
		[t('notify.country.label'), countryName(concern.country, ctx.office.language)],
		[t('notify.area.label'), concern.area],
	];

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

	const VALUE_STYLE = 'padding:4px 0';
	const html = mailHtml(ctx.office.language, subject, [
		paragraph(t('mail.office.intro', { site })),
		h('p', null, h('strong', null, `${t('mail.reference')}: ${ctx.reference}`)),
		factsTable(where, VALUE_STYLE),
		...sections.flatMap((s) => [h('h2', null, s.title), factsTable(s.rows, VALUE_STYLE)]),
		paragraph(t('mail.office.replyHint')),
		footer(t('mail.footer', { site })),
	]);

	return {
		from: ctx.from,
		to: ctx.office.email,
		replyTo: concern.reporterEmail,
		subject,
		text,
		html,
	};
}

export function receiptMail(concern: Concern, ctx: MailContext): MailMessage {
	const t = createTranslator(concern.locale, ctx.strings);
	const site = new URL(ctx.siteUrl).host;
	const subject = t('mail.receipt.subject', { reference: ctx.reference });
	const { office } = ctx;
	const contact = [
		office.name,
		office.email,
		office.phone,
		`${office.address.street}, ${office.address.postcode} ${office.address.city}`,
	];
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
	const html = mailHtml(concern.locale, subject, [
		paragraph(t('mail.receipt.intro', { office: office.name })),
		h('p', null, h('strong', null, `${t('mail.reference')}: ${ctx.reference}`)),
		paragraph(t('notify.check.next')),
		paragraph(t('mail.receipt.contact'), ...contact),
		paragraph(t('mail.receipt.privacy')),
		footer(t('mail.footer', { site })),
	]);
	return { from: ctx.from, to: concern.reporterEmail, replyTo: office.email, subject, text, html };
}
