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
	inbox(person: OfficePerson): CaseRow[];
	/** The concern if it belongs to one of the person's offices (audited as `purpose`: a view or an export), else undefined. */
	open(
		person: OfficePerson,
		key: string,
		purpose?: 'view' | 'export',
		now?: number,
	): OpenedCase | undefined;
	/** The case without its content (for the forms' answers), if it is the person's to see. */
	find(person: OfficePerson, key: string): CaseRow | undefined;
	acknowledge(
		person: OfficePerson,
		key: string,
		now?: number,
	): 'acknowledged' | 'already' | 'not-found';
	/** 'not-acknowledged': a new concern is acknowledged first (the notifier hears of it). */
	setStatus(
		person: OfficePerson,
		key: string,
		status: SettableStatus,
		now?: number,
	): 'changed' | 'unchanged' | 'not-acknowledged' | 'not-found';
	/** The audit log of the offices the person administers; undefined when they administer none. */
	auditLog(person: OfficePerson): AuditEntry[] | undefined;
}

export const memberOf = (person: OfficePerson, officeId: string) =>
	person.memberships.some((m) => m.officeId === officeId);
export const adminOf = (person: OfficePerson) =>
	person.memberships.filter((m) => m.role === 'office-admin').map((m) => m.officeId);

export function createOfficeCases(store: Store, dataKey: Buffer, mail: MailLimits): OfficeCases {
	const recipientKey = pseudonymiser(dataKey, 'mail recipients');
	const office = store.office;

	function find(person: OfficePerson, key: string): CaseRow | undefined {
		const row = key.length <= 80 ? office.findCase(key) : undefined;
		return row && memberOf(person, row.officeId) ? row : undefined;
	}
	const contentOf = (row: CaseRow): Concern | undefined => {
		const sealed = store.body(row.submissionId);
		return sealed ? (JSON.parse(decrypt(dataKey, sealed, row.submissionId)) as Concern) : undefined;
	};

	return {
		inbox: (person) => office.inbox(person.memberships.map((m) => m.officeId)),
		find,
		open(person, key, purpose = 'view', now = Date.now()) {
			const row = find(person, key);
			if (!row) return undefined;
			const entry = {
				at: now,
				personId: person.id,
				officeId: row.officeId,
				action: purpose,
				reference: row.reference,
				detail: null,
			};
			if (purpose === 'export') office.recordExport({ ...entry, submissionId: row.submissionId });
			else office.audit(entry);
			return { row, concern: contentOf(row) };
		},
		acknowledge(person, key, now = Date.now()) {
			const row = find(person, key);
			if (!row) return 'not-found';
			if (row.status !== 'new') return 'already';
			// The receipt needs the notifier's address: read here, never kept outside the sealed body.
			const email = contentOf(row)?.reporterEmail;
			const receipt = email
				? { recipient: recipientKey(email), kinds: ['concern-acknowledged' as const], ...mail }
				: undefined;
			return office.acknowledge(row.submissionId, person.id, now, receipt);
		},
		setStatus(person, key, status, now = Date.now()) {
			const row = find(person, key);
			if (!row) return 'not-found';
			if (row.status === 'new') return 'not-acknowledged';
			return office.setStatus(row.submissionId, status satisfies CaseStatus, person.id, now);
		},
		auditLog(person) {
			const offices = adminOf(person);
			return offices.length > 0 ? office.auditLog(offices, AUDIT_PAGE) : undefined;
		},
	};
}
