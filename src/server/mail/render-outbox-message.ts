/** Turns an outbox entry into its e-mail: decrypt the body, pick the reader's language. */
import type { Concern } from '../../lib/concern-schema.ts';
import type { Config } from '../config.ts';
import type { SiteContent } from '../content-files.ts';
import { decrypt } from '../data-crypto.ts';
import type { OutboxMessage, Store } from '../store.ts';
import { officeMail, receiptMail } from './concern-mail.ts';
import type { MailMessage } from './mail-message.ts';

export function outboxRenderer(store: Store, key: Buffer, content: SiteContent, config: Config) {
	return (message: OutboxMessage): MailMessage | undefined => {
		const sealed = store.body(message.submissionId);
		if (!sealed) return undefined;
		const office = content.offices.get(message.officeId);
		if (!office) throw new Error(`Office ${message.officeId} is no longer in content/offices`);
		const concern = JSON.parse(decrypt(key, sealed, message.submissionId)) as Concern;
		const base = { reference: message.reference, office, from: config.MAIL_FROM, siteUrl: config.SITE_URL };
		switch (message.kind) {
			case 'concern-office':
				return officeMail(concern, { ...base, strings: content.ui[office.language] });
			case 'concern-receipt':
				return receiptMail(concern, { ...base, strings: content.ui[concern.locale] });
		}
	};
}
