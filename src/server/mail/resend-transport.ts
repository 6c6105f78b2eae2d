/**
 * Resend over its SDK. The SDK answers `{ data, error, headers }` instead of throwing; an
 * `error` is a failed send. It reads RESEND_BASE_URL itself (tests point it at a local fake).
 */
import { Resend } from 'resend';
import { isRetryableStatus, parseRetryAfter } from '../retry-policy.ts';
import {
	assertHeaderSafe,
	type MailMessage,
	type MailTransport,
	type SendOutcome,
} from './mail-message.ts';

export function resendTransport(apiKey: string): MailTransport {
	const client = new Resend(apiKey);
	return {
		name: 'resend',
		async send(message: MailMessage, idempotencyKey: string): Promise<SendOutcome> {
			assertHeaderSafe(message);
			const { data, error, headers } = await client.emails.send(
				{
					from: message.from,
					to: [message.to].flat(),
					subject: message.subject,
					text: message.text,
					html: message.html,
					...(message.replyTo ? { replyTo: message.replyTo } : {}),
					...(message.attachments
						? {
								attachments: message.attachments.map((a) => ({
									filename: a.filename,
									content: Buffer.from(a.content, 'utf8').toString('base64'),
									contentType: a.contentType,
								})),
							}
						: {}),
				},
				{ idempotencyKey },
			);
			if (!error) return { ok: true, providerId: data?.id };
			const status = typeof error.statusCode === 'number' ? error.statusCode : undefined;
			if (status === undefined)
				return { ok: false, retry: true, reason: `resend network (${error.name})` };
			const retryAfterMs = parseRetryAfter(headers?.['retry-after'], Date.now());
			return {
				ok: false,
				retry: isRetryableStatus(status),
				reason: `resend ${status} ${error.name}`,
				...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
			};
		},
	};
}
