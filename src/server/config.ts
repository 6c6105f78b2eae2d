/**
 * Runtime configuration from environment variables: one schema for every variable, read once by
 * the composition root (`http-server.ts`) and handed on from there. A bad value stops start-up
 * with a message naming the variable, never a stack trace.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseGroupMap } from './office/oidc-claims.ts';

const flag = z
	.enum(['', '0', '1', 'true', 'false'])
	.default('')
	.transform((v) => v === '1' || v === 'true');

/** A whole number from `min` to `max`, from a string as the environment gives it. */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
	/** Address to listen on. */
	HOST: z.string().min(1).default('127.0.0.1'),
	/** Port to listen on (0: any free port, for tests). */
	PORT: int(0, 65_535).default(4321),
	/** Folder for the store, the generated data key and file-transport mail. */
	DATA_DIR: z.string().min(1).default('./data'),
	/** Key for data at rest: 32 bytes, base64. Without it a key is generated into DATA_DIR. */
	DATA_KEY: z
		.string()
		.refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
		.optional(),
	/**
	 * postgres://user:password@host:port/database: everything stored goes to PostgreSQL, and
	 * several instances can share it. Unset: SQLite in DATA_DIR (one instance).
	 */
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
	/** Connections each instance keeps to PostgreSQL at most. */
	DATABASE_POOL_SIZE: int(1, 200).default(10),
	/**
	 * How long an outbox message claimed by an instance is its alone (seconds). When the instance
	 * dies, another sends the message after this long; longer than any one send can take.
	 */
	OUTBOX_LEASE_SECONDS: int(5, 3600).default(300),
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
	/**
	 * Public origin: canonical links and the sitemap (at build time), links in e-mails and the
	 * origin check (at run time). `scripts/start.mjs` makes both the same.
	 */
	SITE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4321'),
	/** Trust X-Forwarded-For / -Proto / -Host from a reverse proxy. */
	TRUST_PROXY: flag,
	/** Bearer token for the operator's status endpoint (`/healthz/details`); unset: that endpoint does not exist. */
	OPS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	/** Open connections at most; past it new ones are closed at once. */
	MAX_CONNECTIONS: int(1, 100_000).default(1000),
	/**
	 * Open connections per client address at most (not behind a proxy, where every connection is
	 * the proxy's). A school's network is one address with dozens of browsers, six connections each.
	 */
	MAX_CONNECTIONS_PER_ADDRESS: int(1, 100_000).default(256),
	/** Seconds a client may take to send a request's headers, and the whole request. */
	HEADERS_TIMEOUT_SECONDS: int(1, 600).default(10),
	REQUEST_TIMEOUT_SECONDS: int(1, 3600).default(30),
	/** Answers to the question step (the path without proof of work) per client address and hour; 0 switches the limit off. */
	QUESTION_ANSWERS_PER_HOUR: int(0, 100_000).default(6),
	/** Receipts and booking e-mails one professional's address can be sent a day. */
	MAIL_PER_RECIPIENT_PER_DAY: int(1, 1000).default(5),
	/** Receipts and booking e-mails to professionals the whole site sends a day (the offices' copies are never held back). */
	MAIL_TO_PROFESSIONALS_PER_DAY: int(1, 1_000_000).default(2000),
	/** Consultations not yet held that one professional's e-mail address may have booked. */
	BOOKINGS_PER_EMAIL: int(1, 100).default(2),
	/** Consultations not yet held that one client address may have booked. */
	BOOKINGS_PER_ADDRESS: int(1, 1000).default(6),
	/** Form posts (submissions, bookings, cancellations) allowed per client address and minute; 0 switches the limit off. */
	RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(10),
	/**
	 * Posts to the office workspace (sign-in, acknowledgements, status changes) per client address
	 * and minute, counted apart from the public forms: an office's people share one address, and a
	 * flood of concern posts from it must not lock them out. 0 switches it off.
	 */
	OFFICE_POSTS_PER_MINUTE: int(0, 100_000).default(120),
	/** A form sent sooner than this after it was shown is taken for a bot (answered like success, nothing kept). */
	SPAM_MIN_FILL_SECONDS: z.coerce.number().min(0).max(600).default(3),
	/** Proof-of-work difficulty: the browser tries up to this many hashes (a fifth to all of it; about a second on a phone at 25000). */
	POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000).default(25_000),
	/**
	 * Single sign-on with the municipality's OpenID Connect provider (all of the OIDC_ variables
	 * or none; unset, the workspace signs in with passkeys only). The issuer is the provider's
	 * address before `/.well-known/openid-configuration`; plain http only on this machine (tests).
	 */
	OIDC_ISSUER: z
		.url({ protocol: /^https?$/ })
		.refine(
			(v) =>
				v.startsWith('https:') || ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(v).hostname),
			'must be https (plain http only for 127.0.0.1 or localhost)',
		)
		.optional(),
	/** The client this site is registered as at the provider. */
	OIDC_CLIENT_ID: z.string().min(1).optional(),
	OIDC_CLIENT_SECRET: z.string().min(1).optional(),
	/** The claim (in the ID token or from the userinfo endpoint) that lists the person's groups. */
	OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
	/**
	 * Which group gives which role in which office, as JSON: `{"<group>": "<office id>:<role>"}`,
	 * role `case-worker` or `office-admin`. A person in none of them is refused.
	 */
	OIDC_GROUPS: z
		.string()
		.transform((v, ctx) => {
			const parsed = parseGroupMap(v);
			if (typeof parsed === 'string') {
				ctx.addIssue({ code: 'custom', message: parsed });
				return z.NEVER;
			}
			return parsed;
		})
		.optional(),
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
	if (config.MAIL_TRANSPORT === 'smtp' && !config.SMTP_URL)
		throw new ConfigError('Invalid configuration:\n  SMTP_URL: required when MAIL_TRANSPORT=smtp');
	if (config.MAIL_TRANSPORT === 'resend' && !config.RESEND_API_KEY)
		throw new ConfigError(
			'Invalid configuration:\n  RESEND_API_KEY: required when MAIL_TRANSPORT=resend',
		);
	// A key generated into one instance's DATA_DIR would be unknown to the others.
	if (config.DATABASE_URL && !config.DATA_KEY)
		throw new ConfigError(
			'Invalid configuration:\n  DATA_KEY: required with DATABASE_URL (the same key on every instance)',
		);
	const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_GROUPS'] as const;
	const missing = oidc.filter((name) => config[name] === undefined);
	if (missing.length > 0 && missing.length < oidc.length)
		throw new ConfigError(
			`Invalid configuration:\n${missing.map((name) => `  ${name}: required when any of ${oidc.join(', ')} is set`).join('\n')}`,
		);
	return config;
}
