/** What every transport sends, and what it reports back to the outbox. */

export interface MailAttachment {
	filename: string;
	contentType: string;
	content: string;
}

export interface MailMessage {
	from: string;
	/** One address, or several (an office's admins) who see each other's. */
	to: string | string[];
	replyTo?: string;
	subject: string;
	text: string;
	html: string;
	attachments?: MailAttachment[];
}

export type SendOutcome =
	| { ok: true; providerId?: string }
	/**
	 * `retry`: worth trying again (network, 5xx, 429). `reason` is a short classification such
	 * as "resend 503" – never message content, since it is stored and may be logged.
	 */
	| { ok: false; retry: boolean; retryAfterMs?: number; reason: string };

export interface MailTransport {
	readonly name: string;
	/** `idempotencyKey` is the same for every attempt at the same message. */
	send(message: MailMessage, idempotencyKey: string): Promise<SendOutcome>;
	close?(): void;
}

/**
 * The Message-ID of a message, the same for every attempt, so a receiving system can recognise
 * a repeat after a crash between "250 OK" and our bookkeeping. Only characters RFC 5322 allows.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
	return `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;
}

const HEADER_BREAK = /[\r\n\u2028\u2029]/;

/**
 * Header-bound values must be single lines: a line break in a subject or an address is how
 * header injection works. The schemas already refuse them; this is the last line of defence.
 */
export function assertHeaderSafe(message: MailMessage): void {
	for (const field of ['from', 'to', 'replyTo', 'subject'] as const) {
		for (const value of [message[field] ?? []].flat())
			if (HEADER_BREAK.test(value)) throw new Error(`Line break in e-mail header field "${field}"`);
	}
	for (const a of message.attachments ?? []) {
		if (HEADER_BREAK.test(a.filename) || HEADER_BREAK.test(a.contentType))
			throw new Error('Line break in attachment header');
	}
}
