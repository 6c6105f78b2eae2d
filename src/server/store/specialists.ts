/** The specialists' changes in the workspace (see specialist-types.ts), for SQLite. */
import type { WeeklyInterval } from '../../lib/content-schemas.ts';
import type { Database } from './database.ts';
import type { officeCasesTable } from './office-cases.ts';
import type { AuditAction } from './office-types.ts';
import type {
	SpecialistAudit,
	SpecialistBooking,
	SpecialistLink,
	SpecialistStore,
	StoredAbsence,
} from './specialist-types.ts';

export function specialistStore(
	{ db, transaction }: Database,
	cases: ReturnType<typeof officeCasesTable>,
): SpecialistStore {
	const q = {
		link: db.prepare(
			`INSERT INTO office_specialists (person_id, office_id, specialist_id) VALUES (?, ?, ?)
			 ON CONFLICT (person_id, office_id) DO UPDATE SET specialist_id = excluded.specialist_id`,
		),
		linksOf: db.prepare(
			'SELECT office_id AS officeId, specialist_id AS specialistId FROM office_specialists WHERE person_id = ? ORDER BY office_id',
		),
		weeks: db.prepare(
			'SELECT specialist_id AS specialistId, intervals FROM specialist_weeks WHERE office_id = ?',
		),
		absences: db.prepare(
			`SELECT id, specialist_id AS specialistId, from_day AS "from", to_day AS "to" FROM specialist_absences
			 WHERE office_id = ? AND to_day >= ? ORDER BY from_day, to_day`,
		),
		setWeek: db.prepare(
			`INSERT INTO specialist_weeks (office_id, specialist_id, intervals, changed_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (office_id, specialist_id) DO UPDATE SET intervals = excluded.intervals, changed_at = excluded.changed_at`,
		),
		forgetWeek: db.prepare(
			'DELETE FROM specialist_weeks WHERE office_id = ? AND specialist_id = ?',
		),
		// The same days twice (a double click, a form sent again) are one absence.
		addAbsence: db.prepare(
			`INSERT INTO specialist_absences (id, office_id, specialist_id, from_day, to_day, created_at)
			 SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (
			   SELECT 1 FROM specialist_absences WHERE office_id = ?2 AND specialist_id = ?3 AND from_day = ?4 AND to_day = ?5)`,
		),
		removeAbsence: db.prepare(
			'DELETE FROM specialist_absences WHERE id = ? AND office_id = ? AND specialist_id = ?',
		),
		upcoming: db.prepare(
			`SELECT b.id, s.reference, b.start_utc AS start, b.end_utc AS "end", b.mode
			 FROM bookings b JOIN submissions s ON s.id = b.id
			 WHERE b.office_id = ? AND b.specialist_id = ? AND b.status = 'booked' AND b.start_utc > ?
			 ORDER BY b.start_utc`,
		),
	};
	const audit = (action: AuditAction, entry: SpecialistAudit) => cases.audit({ ...entry, action });
	return {
		async link(personId, { officeId, specialistId }) {
			q.link.run(personId, officeId, specialistId);
		},
		async linksOf(personId) {
			return (q.linksOf.all(personId) as unknown as SpecialistLink[]).map((r) => ({ ...r }));
		},
		async changes(officeId, fromDay) {
			const weeks = new Map(
				(q.weeks.all(officeId) as { specialistId: string; intervals: string }[]).map((r) => [
					r.specialistId,
					JSON.parse(r.intervals) as WeeklyInterval[],
				]),
			);
			const absences = (q.absences.all(officeId, fromDay) as unknown as StoredAbsence[]).map(
				(r) => ({ ...r }),
			);
			return { weeks, absences };
		},
		async setWeek({ officeId, specialistId }, week, entry) {
			transaction(() => {
				if (week) q.setWeek.run(officeId, specialistId, JSON.stringify(week), entry.at);
				else q.forgetWeek.run(officeId, specialistId);
				audit(week ? 'availability' : 'availability-reset', entry);
			});
		},
		async addAbsence({ officeId, specialistId }, absence, entry) {
			return transaction(() => {
				const added = q.addAbsence.run(
					absence.id,
					officeId,
					specialistId,
					absence.from,
					absence.to,
					entry.at,
				).changes;
				if (Number(added) !== 1) return 'exists';
				audit('absence-add', entry);
				return 'added';
			});
		},
		async removeAbsence({ officeId, specialistId }, id, entry) {
			return transaction(() => {
				if (Number(q.removeAbsence.run(id, officeId, specialistId).changes) !== 1) return false;
				audit('absence-remove', entry);
				return true;
			});
		},
		async upcoming({ officeId, specialistId }, now) {
			return (q.upcoming.all(officeId, specialistId, now) as unknown as SpecialistBooking[]).map(
				(r) => ({ ...r }),
			);
		},
	};
}
