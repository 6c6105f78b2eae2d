/**
 * The office workspace's part of the store interface: people and their roles, passkeys,
 * sessions, sign-in links, the handling of each concern and the audit log. Implemented for
 * SQLite in `office-*.ts` next to this file and composed in `store.ts`; a PostgreSQL store
 * implements the same interface.
 */
import type { MailBudget } from '../store.ts';
import type { OfficeFeedbackStore } from './office-feedback.ts';

export type OfficeRole = 'case-worker' | 'office-admin';
export const OFFICE_ROLES: readonly OfficeRole[] = ['case-worker', 'office-admin'];
export type CaseStatus = 'new' | 'acknowledged' | 'in-assessment' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = [
	'new',
	'acknowledged',
	'in-assessment',
	'closed',
];
export type AuditAction =
	| 'view'
	| 'acknowledge'
	| 'status'
	| 'export'
	| 'feedback'
	/** A specialist's weekly hours set, or given back to content's; the detail is the specialist's id. */
	| 'availability'
	| 'availability-reset'
	| 'absence-add'
	| 'absence-remove'
	/** A consultation cancelled from the workspace; the reference is the booking's. */
	| 'booking-cancel'
	/** A role given or taken away; the detail is the role, the office the entry's. */
	| 'member-add'
	| 'member-remove';
/** 'enrol': signed in by an e-mail link, may only add a passkey; 'passkey': a full session (a passkey or single sign-on). */
export type SessionLevel = 'enrol' | 'passkey';

export interface Membership {
	officeId: string;
	role: OfficeRole;
}

export interface OfficePerson {
	id: string;
	email: string;
	name: string;
	locale: string;
	/** Manages offices and their admins; reads no concern unless also a member of its office. */
	operator: boolean;
	memberships: Membership[];
}

export interface NewOfficePerson {
	id: string;
	email: string;
	name: string;
	locale: string;
	operator: boolean;
	now: number;
}

export interface StoredPasskey {
	/** The credential id, base64url. */
	id: string;
	personId: string;
	/** The COSE public key, base64url. */
	publicKey: string;
	counter: number;
	transports: string[];
}

export interface SessionRow {
	personId: string;
	level: SessionLevel;
	createdAt: number;
	lastSeenAt: number;
}

export interface CaseRow {
	submissionId: string;
	reference: string;
	officeId: string;
	/** The notifier's language (the acknowledgement is written in it). */
	locale: string;
	urgent: boolean;
	status: CaseStatus;
	receivedAt: number;
	acknowledgedAt: number | null;
	statusChangedAt: number;
	exportedAt: number | null;
}

export interface AuditEntry {
	at: number;
	personId: string;
	officeId: string;
	action: AuditAction;
	reference: string | null;
	/** A fixed word (the new status), never content. */
	detail: string | null;
}

/** What the e-mail with a sign-in link needs: a submission of its own, so the outbox can send it. */
export interface SignInLinkMessage {
	submissionId: string;
	/** The encrypted link (purged with the other bodies). */
	body: Uint8Array;
	locale: string;
}

export interface OfficeStore {
	/** 'exists' when the e-mail address already belongs to someone (nothing changed). */
	addPerson(person: NewOfficePerson): Promise<'added' | 'exists'>;
	/** Gives a person a role in an office (replacing the role they had there). */
	setMembership(personId: string, officeId: string, role: OfficeRole): Promise<void>;
	/** Takes a person's role in an office away; false when they had none there. */
	removeMembership(personId: string, officeId: string): Promise<boolean>;
	person(id: string): Promise<OfficePerson | undefined>;
	/** Every person's id, by e-mail address. */
	listPeople(): Promise<string[]>;
	personByEmail(email: string): Promise<OfficePerson | undefined>;
	setLocale(personId: string, locale: string): Promise<void>;

	passkeys(personId: string): Promise<StoredPasskey[]>;
	passkey(id: string): Promise<StoredPasskey | undefined>;
	addPasskey(passkey: StoredPasskey, now: number): Promise<void>;
	/** Records a sign-in with the passkey: its new signature counter. */
	usePasskey(id: string, counter: number, now: number): Promise<void>;
	/** Recovery: forgets a person's passkeys and ends their sessions, so a sign-in link can enrol a new one. */
	removePasskeys(personId: string): Promise<number>;

	createSession(idHash: string, personId: string, level: SessionLevel, now: number): Promise<void>;
	session(idHash: string): Promise<SessionRow | undefined>;
	touchSession(idHash: string, now: number): Promise<void>;
	endSession(idHash: string): Promise<void>;
	/** Signs a person out everywhere; returns how many sessions ended. */
	endSessions(personId: string): Promise<number>;
	/** Forgets sessions last seen before `idleBefore` or created before `createdBefore`, links and challenges past expiry. */
	forgetExpired(now: number, idleBefore: number, createdBefore: number): Promise<void>;

	/** Stores the link's hash and queues its e-mail, in one transaction. */
	createSignInLink(
		tokenHash: string,
		personId: string,
		now: number,
		expiresAt: number,
		message: SignInLinkMessage,
	): Promise<void>;
	/** Uses a link up: the person it signs in, once, before it expires. */
	useSignInLink(tokenHash: string, now: number): Promise<string | undefined>;
	/** Uses a passkey challenge up: false when it was used before. */
	useChallenge(challengeHash: string, expiresAt: number): Promise<boolean>;

	/** The concerns of these offices: urgent ones first, then the newest first. */
	inbox(officeIds: readonly string[]): Promise<CaseRow[]>;
	/** A concern by its reference or its submission id. */
	findCase(key: string): Promise<CaseRow | undefined>;
	/**
	 * Marks a concern acknowledged (from 'new' only), writes the audit entry and queues the
	 * notifier's acknowledgement within `receipt` (none: no e-mail), in one transaction.
	 */
	acknowledge(
		submissionId: string,
		personId: string,
		now: number,
		receipt: MailBudget | undefined,
	): Promise<'acknowledged' | 'already'>;
	/** Sets the status and writes the audit entry, in one transaction; 'unchanged' when it already was. */
	setStatus(
		submissionId: string,
		status: CaseStatus,
		personId: string,
		now: number,
	): Promise<'changed' | 'unchanged'>;
	audit(entry: AuditEntry): Promise<void>;
	/** Audits an export and notes the first one (from then on retention counts), in one transaction. */
	recordExport(entry: AuditEntry & { submissionId: string }): Promise<void>;
	/** The newest entries of these offices first. */
	auditLog(officeIds: readonly string[], limit: number): Promise<AuditEntry[]>;
	/** Feedback to the notifier (store/office-feedback.ts). */
	feedback: OfficeFeedbackStore;
}
