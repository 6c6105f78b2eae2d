/**
 * The default transport: each e-mail becomes an `.eml` file under DATA_DIR/mail, named by its
 * idempotency key, so nothing leaves the machine until an operator configures SMTP or Resend.
 * Writing the same key twice leaves one file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import {
	assertHeaderSafe,
	messageIdFor,
	type MailMessage,
	type MailTransport,
	type SendOutcome,
} from './mail-message.ts';

export function fileTransport(dataDir: string, messageIdDomain: string): MailTransport {
	const folder = join(dataDir, 'mail');
	mkdirSync(folder, { recursive: true, mode: 0o700 });
	const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		name: 'file',
		async send(message: MailMessage, idempotencyKey: string): Promise<SendOutcome> {
			assertHeaderSafe(message);
			const info = await composer.sendMail({
				...message,
				messageId: messageIdFor(idempotencyKey, messageIdDomain),
			});
			const file = join(folder, `${idempotencyKey.replace(/[^A-Za-z0-9-]/g, '_')}.eml`);
			const temporary = `${file}.tmp`;
			writeFileSync(temporary, info.message as Buffer, { mode: 0o600 });
			renameSync(temporary, file);
			return { ok: true, providerId: file };
		},
	};
}
