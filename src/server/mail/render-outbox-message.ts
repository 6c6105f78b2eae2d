/** Turns an outbox entry into its e-mail: decrypt the body, pick the reader's language. */
import type { Concern } from '../../lib/concern-schema.ts';
import type { Office } from '../../lib/content-schemas.ts';
import type { Locale } from '../../lib/locales.ts';
import type { BookingIntake, StoredBooking } from '../booking-intake.ts';
import type { Config } from '../config.ts';
import type { SiteContent } from '../content-files.ts';
import { decrypt } from '../data-crypto.ts';
import type { OutboxMessage, Store } from '../store.ts';
import { parseDeadlineMessageKind } from '../store/office-deadline-types.ts';
import {
	cancelledMail,
	cancelNoticeMail,
	professionalMail,
	specialistMail,
} from './booking-mail.ts';
import { officeMail, receiptMail } from './concern-mail.ts';
import { deadlineMail } from './deadline-mail.ts';
import type { MailMessage } from './mail-message.ts';
import {
	acknowledgementMail,
	concernNoticeMail,
	feedbackMail,
	signInLinkMail,
} from './office-mail.ts';
import { readFeedback } from '../office/office-feedback.ts';
import type { SignInLinkBody } from '../office/sign-in-links.ts';

/** `tokens`: the booking's signed links (see booking-intake.ts), for the cancel link in its e-mail. */
export function outboxRenderer(
	store: Store,
	key: Buffer,
	content: SiteContent,
	config: Config,
	tokens: BookingIntake['tokens'],
) {
	/** The chosen template's text in the notifier's language, from the office's country. */
	async function feedbackText(
		submissionId: string,
		office: Office,
		locale: Locale,
	): Promise<string> {
		const sent = await store.office.feedback.sent(submissionId);
		if (!sent?.body) throw new Error(`The feedback of ${submissionId} is gone`);
		const { choice } = readFeedback(key, submissionId, sent.body);
		const template = content.countries
			.get(office.country)
			?.feedbackTemplates.find((c) => c.id === choice);
		if (!template)
			throw new Error(
				`Feedback template ${choice} is no longer in content/countries/${office.country.toLowerCase()}.yaml`,
			);
		return template.text[locale];
	}

	/** A deadline's reminder or escalation: from the case and the notice only, never the concern's body. */
	async function renderDeadline(
		message: OutboxMessage,
		kind: NonNullable<ReturnType<typeof parseDeadlineMessageKind>>,
	): Promise<MailMessage | undefined> {
		const office = content.offices.get(message.officeId);
		if (!office) throw new Error(`Office ${message.officeId} is no longer in content/offices`);
		const found = await store.office.findCase(message.submissionId);
		const dueAt = await store.deadlines.noticeDueAt(
			message.submissionId,
			kind.deadline,
			kind.notice,
		);
		if (!found || dueAt === undefined) return undefined;
		// An office without an admin yet: its own address, so the escalation reaches someone.
		const admins =
			kind.notice === 'escalation' ? await store.deadlines.officeAdminEmails(office.id) : [];
		return deadlineMail(
			{
				...kind,
				reference: message.reference,
				urgent: found.urgent,
				dueAt,
				to: admins.length > 0 ? admins : [office.email],
			},
			{
				office,
				strings: content.ui[office.language],
				from: config.MAIL_FROM,
				siteUrl: config.SITE_URL,
			},
		);
	}

	return async (message: OutboxMessage): Promise<MailMessage | undefined> => {
		const deadline = parseDeadlineMessageKind(message.kind);
		if (deadline) return renderDeadline(message, deadline);
		const sealed = await store.body(message.submissionId);
		if (!sealed) return undefined;
		if (message.kind === 'office-sign-in-link') {
			const link = JSON.parse(decrypt(key, sealed, message.submissionId)) as SignInLinkBody;
			return signInLinkMail(link, {
				strings: content.ui[link.locale as keyof typeof content.ui],
				from: config.MAIL_FROM,
				siteUrl: config.SITE_URL,
			});
		}
		const office = content.offices.get(message.officeId);
		if (!office) throw new Error(`Office ${message.officeId} is no longer in content/offices`);
		const body = JSON.parse(decrypt(key, sealed, message.submissionId)) as unknown;
		const base = { reference: message.reference, from: config.MAIL_FROM, siteUrl: config.SITE_URL };

		if (
			message.kind === 'concern-office' ||
			message.kind === 'concern-receipt' ||
			message.kind === 'concern-acknowledged' ||
			message.kind === 'concern-feedback'
		) {
			const concern = body as Concern;
			const forOffice = { ...base, office, strings: content.ui[office.language] };
			const forNotifier = { ...base, office, strings: content.ui[concern.locale] };
			if (message.kind === 'concern-receipt') return receiptMail(concern, forNotifier);
			if (message.kind === 'concern-acknowledged')
				return acknowledgementMail(
					concern,
					(await store.office.findCase(message.submissionId))?.acknowledgedAt ?? Date.now(),
					forNotifier,
				);
			if (message.kind === 'concern-feedback')
				return feedbackMail(
					concern,
					await feedbackText(message.submissionId, office, concern.locale),
					forNotifier,
				);
			// The concern itself is read in the office workspace; the full e-mail only where the office chose it.
			return office.deliverFullConcernByEmail
				? officeMail(concern, forOffice)
				: concernNoticeMail(concern.urgency === 'today', forOffice);
		}

		const booking = body as StoredBooking;
		const specialist = office.specialists.find((s) => s.id === booking.specialistId);
		if (!specialist)
			throw new Error(
				`Specialist ${booking.specialistId} is no longer in content/offices/${office.id}`,
			);
		const ctx = { ...base, office, specialist };
		switch (message.kind) {
			case 'booking-professional': {
				const { cancel } = tokens(booking.submissionId, booking.start, booking.end);
				const cancelUrl = new URL(
					`/${booking.locale}/consultation/cancel/?token=${cancel}`,
					config.SITE_URL,
				).href;
				return professionalMail(
					booking,
					{ ...ctx, strings: content.ui[booking.locale] },
					cancelUrl,
				);
			}
			case 'booking-specialist':
				return specialistMail(booking, { ...ctx, strings: content.ui[office.language] });
			case 'booking-cancel-specialist':
				return cancelNoticeMail(booking, { ...ctx, strings: content.ui[office.language] });
			case 'booking-cancel-professional':
				return cancelledMail(booking, { ...ctx, strings: content.ui[booking.locale] });
			default:
				throw new Error(`No e-mail for the message kind ${message.kind}`);
		}
	};
}
