/**
 * SMTP through nodemailer. SMTP reply codes 4xx are temporary and 5xx permanent; connection
 * problems are temporary. The Message-ID is derived from the idempotency key (see messageIdFor).
 */
import { createTransport } from 'nodemailer';
import {
	assertHeaderSafe,
	messageIdFor,
	type MailMessage,
	type MailTransport,
	type SendOutcome,
} from './mail-message.ts';

export function smtpTransport(url: string, messageIdDomain: string): MailTransport {
	const transport = createTransport(url);
	return {
		name: 'smtp',
		async send(message: MailMessage, idempotencyKey: string): Promise<SendOutcome> {
			assertHeaderSafe(message);
			try {
				const info = await transport.sendMail({
					...message,
					messageId: messageIdFor(idempotencyKey, messageIdDomain),
				});
				return { ok: true, providerId: info.messageId };
			} catch (error) {
				const code = (error as { responseCode?: number }).responseCode;
				if (typeof code === 'number')
					return { ok: false, retry: code < 500, reason: `smtp ${code}` };
				return {
					ok: false,
					retry: true,
					reason: `smtp ${(error as { code?: string }).code ?? 'error'}`,
				};
			}
		},
		close() {
			transport.close();
		},
	};
}
