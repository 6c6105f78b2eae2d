import type { Config } from '../config.ts';
import { fileTransport } from './file-transport.ts';
import type { MailTransport } from './mail-message.ts';
import { resendTransport } from './resend-transport.ts';
import { smtpTransport } from './smtp-transport.ts';

/** The transport MAIL_TRANSPORT names; `file` unless an operator chooses the network. */
export function transportFromConfig(config: Config): MailTransport {
	const domain = new URL(config.SITE_URL).hostname;
	switch (config.MAIL_TRANSPORT) {
		case 'smtp':
			return smtpTransport(config.SMTP_URL!, domain);
		case 'resend':
			return resendTransport(config.RESEND_API_KEY!);
		case 'file':
			return fileTransport(config.DATA_DIR, domain);
	}
}
