/**
 * Office sessions: a random id in an HttpOnly, SameSite=Strict cookie (Secure and `__Host-`
 * when the site is served over TLS), stored only as its SHA-256, so a copy of the database
 * signs nobody in. A session ends after 30 minutes without a request and 12 hours after
 * sign-in; one opened by an e-mail link ('enrol') may only add a passkey, for 15 minutes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OfficePerson, OfficeStore, SessionLevel } from '../store/office-types.ts';

export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 3600_000;
export const ENROL_MS = 15 * 60_000;
/** A request within this time of the last one does not write `last_seen_at` again. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionCookie {
	name: string;
	secure: boolean;
}

/** `__Host-` binds the cookie to this host and path `/`; browsers accept it only with Secure. */
export function sessionCookie(siteUrl: string): SessionCookie {
	const secure = new URL(siteUrl).protocol === 'https:';
	return { name: secure ? '__Host-office-session' : 'office-session', secure };
}

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('base64url');

export interface SignedIn {
	person: OfficePerson;
	level: SessionLevel;
	/** The cookie's value, for signing this session out. */
	id: string;
}

export interface OfficeSessions {
	cookie: SessionCookie;
	/** Opens a session and returns its id (the cookie's value). */
	start(personId: string, level: SessionLevel, now?: number): Promise<string>;
	/** The person a cookie's session signs in, while it has not run out. */
	resolve(id: string | undefined, now?: number): Promise<SignedIn | undefined>;
	end(id: string): Promise<void>;
	/** Every session of the person, on every device. */
	endEverywhere(personId: string): Promise<number>;
}

export function createOfficeSessions(store: OfficeStore, siteUrl: string): OfficeSessions {
	return {
		cookie: sessionCookie(siteUrl),
		async start(personId, level, now = Date.now()) {
			const id = randomBytes(32).toString('base64url');
			await store.createSession(hashSessionId(id), personId, level, now);
			return id;
		},
		async resolve(id, now = Date.now()) {
			// Anything that is not one of our ids is not looked up at all.
			if (!id || !/^[\w-]{43}$/.test(id)) return undefined;
			const hash = hashSessionId(id);
			const session = await store.session(hash);
			if (!session) return undefined;
			const lifetime = session.level === 'enrol' ? ENROL_MS : ABSOLUTE_MS;
			if (
				now - session.lastSeenAt >= IDLE_MS ||
				now - session.createdAt >= lifetime ||
				now < session.createdAt
			) {
				await store.endSession(hash);
				return undefined;
			}
			const person = await store.person(session.personId);
			if (!person) return undefined;
			if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchSession(hash, now);
			return { person, level: session.level, id };
		},
		async end(id) {
			await store.endSession(hashSessionId(id));
		},
		endEverywhere: (personId) => store.endSessions(personId),
	};
}
