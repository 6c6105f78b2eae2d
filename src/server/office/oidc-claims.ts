/**
 * What the identity provider says about a person, read as this site's memberships: the operator
 * maps each group (a value of the groups claim, e.g. a Keycloak group path or an Entra ID group's
 * object id) to an office and a role. Groups the map does not name are ignored; a person in no
 * mapped group belongs nowhere.
 */
import { z } from 'zod';
import { OFFICE_ROLES, type Membership, type OfficeRole } from '../store/office-types.ts';

/** Group → the membership it gives. */
export type GroupMap = ReadonlyMap<string, Membership>;

const entry = z
	.string()
	.regex(/^[\w-]+:[\w-]+$/, 'must be "<office id>:<role>"')
	.transform((v) => {
		const [officeId, role] = v.split(':') as [string, string];
		return { officeId, role };
	})
	.refine((m): m is Membership => (OFFICE_ROLES as readonly string[]).includes(m.role), {
		message: `role must be one of ${OFFICE_ROLES.join(', ')}`,
	});
const mapSchema = z.record(z.string().min(1), entry);

/** The map from its JSON form, `{"<group>": "<office id>:<role>"}`; a message when it is not one. */
export function parseGroupMap(json: string): GroupMap | string {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		return 'must be JSON: {"<group>": "<office id>:<role>"}';
	}
	const result = mapSchema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		return `${issue.path.length > 0 ? `"${issue.path.join('.')}": ` : ''}${issue.message}`;
	}
	if (Object.keys(result.data).length === 0) return 'must map at least one group';
	return new Map(Object.entries(result.data) as [string, Membership][]);
}

/** The offices the map names that are not among `officeIds` (a typo would admit people to nothing). */
export function unknownOffices(map: GroupMap, officeIds: Iterable<string>): string[] {
	const known = new Set(officeIds);
	return [...new Set([...map.values()].map((m) => m.officeId))].filter((id) => !known.has(id));
}

/** A higher role wins when several groups name the same office. */
const rank: Record<OfficeRole, number> = { 'case-worker': 0, 'office-admin': 1 };

/**
 * The memberships a groups claim gives: one per office, ordered by office id. The claim may be a
 * list of strings or a single string (providers differ); anything else gives none.
 */
export function membershipsOf(claim: unknown, map: GroupMap): Membership[] {
	const groups = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
	const byOffice = new Map<string, OfficeRole>();
	for (const group of groups) {
		if (typeof group !== 'string') continue;
		const m = map.get(group);
		if (!m) continue;
		const had = byOffice.get(m.officeId);
		if (had === undefined || rank[m.role] > rank[had]) byOffice.set(m.officeId, m.role);
	}
	return [...byOffice]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([officeId, role]) => ({ officeId, role }));
}
