/**
 * Runtime configuration from environment variables, validated once. A bad value stops start-up
 * with a message naming the variable. Read by the HTTP server, the outbox worker and the actions.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
	.enum(['', '0', '1', 'true', 'false'])
	.default('')
	.transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
	/** Folder for the store, the generated data key and file-transport mail. */
	DATA_DIR: z.string().min(1).default('./data'),
	/** Key for data at rest: 32 bytes, base64. Without it a key is generated into DATA_DIR. */
	DATA_KEY: z
		.string()
		.refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
		.optional(),
	/** Where e-mail goes: files under DATA_DIR/mail (default), an SMTP server, or Resend. */
	MAIL_TRANSPORT: z.enum(['file', 'smtp', 'resend']).default('file'),
	/** Sender address of every e-mail. */
	MAIL_FROM: z.string().min(3).default('Child protection site <no-reply@example.org>'),
	/** smtp://user:pass@host:port or smtps://… when MAIL_TRANSPORT=smtp. */
	SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
	/** API key when MAIL_TRANSPORT=resend. (The SDK reads RESEND_BASE_URL itself.) */
	RESEND_API_KEY: z.string().min(1).optional(),
	/** Most e-mails per second the worker sends (Resend allows about 2 by default). */
	MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(2),
	/** First retry delay after a failed delivery, doubling each time (capped at an hour). */
	MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
	/** Public origin for links in e-mails. */
	SITE_URL: z.url().default('http://127.0.0.1:4321'),
	/** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
	TRUST_PROXY: flag,
	/** Form posts (submissions, bookings, cancellations) allowed per client address and minute; 0 switches the limit off. */
	RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(10),
	/** A form sent sooner than this after it was shown is taken for a bot (answered like success, nothing kept). */
	SPAM_MIN_FILL_SECONDS: z.coerce.number().min(0).max(600).default(3),
	/** Proof-of-work difficulty: the browser tries up to this many hashes (a fifth to all of it; about a second on a phone at 25000). */
	POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000).default(25_000),
});

export type Config = z.infer<typeof envSchema> & { DATA_DIR: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	// Empty variables count as unset, as in most deployment tools.
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
	const result = envSchema.safeParse(present);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const config = { ...result.data, DATA_DIR: resolve(result.data.DATA_DIR) };
	if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL) throw new ConfigError('Invalid configuration:\n  SMTP_URL: required when MAIL_TRANSPORT=smtp');
	if (config.MAIL_TRANSPORT === 'resend' && !config.RESEND_API_KEY)
		throw new ConfigError('Invalid configuration:\n  RESEND_API_KEY: required when MAIL_TRANSPORT=resend');
	return config;
}

let cached: Config | undefined;
/** The process's configuration, read on first use. */
export function config(): Config {
	return (cached ??= loadConfig());
}
