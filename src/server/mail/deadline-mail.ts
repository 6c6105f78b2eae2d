/**
 * The deadline e-mails, in the office's language: a reminder to the office before a deadline, an
 * escalation to its admins after it. They carry the reference, the urgency, the deadline's kind
 * and when it is due, and a link to the inbox – never anything of the concern itself, which is
 * why they are written without reading its body.
 */
import type { DeadlineKind, Office } from '../../lib/content-schemas.ts';
import { createTranslator, type UiStrings } from '../../lib/translate.ts';
import { shownDueAt } from '../office/deadlines.ts';
import type { DeadlineNoticeKind } from '../store/office-deadline-types.ts';
import type { MailMessage } from './mail-message.ts';
import { inboxPointer } from './office-mail.ts';

export interface DeadlineMail {
	notice: DeadlineNoticeKind;
	deadline: DeadlineKind;
	reference: string;
	urgent: boolean;
	dueAt: number;
	/** The office's address for a reminder; its admins' for an escalation. */
	to: string[];
}

export function deadlineMail(
	mail: DeadlineMail,
	ctx: { office: Office; strings: UiStrings; from: string; siteUrl: string },
): MailMessage {
	const { office } = ctx;
	const t = createTranslator(office.language, ctx.strings);
	const date = new Intl.DateTimeFormat(office.language, {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: office.timeZone,
	}).format(shownDueAt(mail.dueAt, office.timeZone));
	const deadline = t(`office.deadline.${mail.deadline}`);
	const values = { deadline, reference: mail.reference, office: office.name, date };
	const subject = t(`mail.deadline.${mail.notice}.subject`, values);
	const body = inboxPointer(office, t, ctx.siteUrl, subject, [
		t(`mail.deadline.${mail.notice}.intro`, values),
		`${t('mail.reference')}: ${mail.reference}`,
		...(mail.urgent ? [t('mail.notice.urgent')] : []),
	]);
	return { from: ctx.from, to: mail.to, subject, ...body };
}
