/**
 * What an office person may do with concerns, and nothing more: the inbox holds the concerns of
 * the person's offices only; any other concern – by reference or by id – is "not found", exactly
 * as one that does not exist. Opening one decrypts it for that request only and writes the
 * audit entry first; acknowledging queues the notifier's receipt; the audit log is for the
 * office admin. Audit entries name the person, the office, the action and the reference, never content.
 */
import type { Concern } from '../../lib/concern-schema.ts';
import type { MailLimits } from '../concern-intake.ts';
import { decrypt, pseudonymiser } from '../data-crypto.ts';
import type { Store } from '../store.ts';
import type { AuditEntry, CaseRow, CaseStatus, OfficePerson } from '../store/office-types.ts';

/** The statuses a person sets by hand; 'new' → 'acknowledged' is the acknowledgement itself. */
export const SETTABLE_STATUSES = ['in-assessment', 'closed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];
export const AUDIT_PAGE = 200;

export interface OpenedCase {
	row: CaseRow;
	/** Undefined once retention purged it. */
	concern: Concern | undefined;
}

export interface OfficeCases {
	inbox(person: OfficePerson): Promise<CaseRow[]>;
	/** The concern if it belongs to one of the person's offices (audited as `purpose`: a view or an export), else undefined. */
	open(
		person: OfficePerson,
		key: string,
		purpose?: 'view' | 'export',
		now?: number,
	): Promise<OpenedCase | undefined>;
	/** The case without its content (for the forms' answers), if it is the person's to see. */
	find(person: OfficePerson, key: string): Promise<CaseRow | undefined>;
	acknowledge(
		person: OfficePerson,
		key: string,
		now?: number,
	): Promise<'acknowledged' | 'already' | 'not-found'>;
	/** 'not-acknowledged': a new concern is acknowledged first (the notifier hears of it). */
	setStatus(
		person: OfficePerson,
		key: string,
		status: SettableStatus,
		now?: number,
	): Promise<'changed' | 'unchanged' | 'not-acknowledged' | 'not-found'>;
	/** The audit log of the offices the person administers; undefined when they administer none. */
	auditLog(person: OfficePerson): Promise<AuditEntry[] | undefined>;
}

export const memberOf = (person: OfficePerson, officeId: string) =>
	person.memberships.some((m) => m.officeId === officeId);
export const adminOf = (person: OfficePerson) =>
	person.memberships.filter((m) => m.role === 'office-admin').map((m) => m.officeId);

export function createOfficeCases(store: Store, dataKey: Buffer, mail: MailLimits): OfficeCases {
	const recipientKey = pseudonymiser(dataKey, 'mail recipients');
	const office = store.office;

	async function find(person: OfficePerson, key: string): Promise<CaseRow | undefined> {
		const row = key.length <= 80 ? await office.findCase(key) : undefined;
		return row && memberOf(person, row.officeId) ? row : undefined;
	}
	const contentOf = async (row: CaseRow): Promise<Concern | undefined> => {
		const sealed = await store.body(row.submissionId);
		return sealed ? (JSON.parse(decrypt(dataKey, sealed, row.submissionId)) as Concern) : undefined;
	};

	return {
		inbox: (person) => office.inbox(person.memberships.map((m) => m.officeId)),
		find,
		async open(person, key, purpose = 'view', now = Date.now()) {
			const row = await find(person, key);
			if (!row) return undefined;
			const entry = {
				at: now,
				personId: person.id,
				officeId: row.officeId,
				action: purpose,
				reference: row.reference,
				detail: null,
			};
			if (purpose === 'export')
				await office.recordExport({ ...entry, submissionId: row.submissionId });
			else await office.audit(entry);
			return { row, concern: await contentOf(row) };
		},
		async acknowledge(person, key, now = Date.now()) {
			const row = await find(person, key);
			if (!row) return 'not-found';
			if (row.status !== 'new') return 'already';
			// The receipt needs the notifier's address: read here, never kept outside the sealed body.
			const email = (await contentOf(row))?.reporterEmail;
			const receipt = email
				? { recipient: recipientKey(email), kinds: ['concern-acknowledged' as const], ...mail }
				: undefined;
			return office.acknowledge(row.submissionId, person.id, now, receipt);
		},
		async setStatus(person, key, status, now = Date.now()) {
			const row = await find(person, key);
			if (!row) return 'not-found';
			if (row.status === 'new') return 'not-acknowledged';
			return office.setStatus(row.submissionId, status satisfies CaseStatus, person.id, now);
		},
		async auditLog(person) {
			const offices = adminOf(person);
			return offices.length > 0 ? office.auditLog(offices, AUDIT_PAGE) : undefined;
		},
	};
}
