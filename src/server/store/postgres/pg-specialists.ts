/** The specialists' changes in the workspace (see ../specialist-types.ts) on PostgreSQL, statement by statement as specialists.ts. */
import { randomUUID } from 'node:crypto';
import type { WeeklyInterval } from '../../../lib/content-schemas.ts';
import type { AuditAction } from '../office-types.ts';
import type {
	SpecialistAudit,
	SpecialistBooking,
	SpecialistLink,
	SpecialistStore,
	StoredAbsence,
} from '../specialist-types.ts';
import type { PgDatabase, Queryable } from './pg-database.ts';

const changed = (result: { rowCount: number | null }) => (result.rowCount ?? 0) > 0;

async function audit(db: Queryable, action: AuditAction, e: SpecialistAudit): Promise<void> {
	await db.query(
		'INSERT INTO office_audit (id, at, person_id, office_id, action, reference, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
		[randomUUID(), e.at, e.personId, e.officeId, action, e.reference, e.detail],
	);
}

export function pgSpecialistStore({
	query,
	transaction,
	writeTransaction,
}: PgDatabase): SpecialistStore {
	return {
		async link(personId, { officeId, specialistId }) {
			await query(
				`INSERT INTO office_specialists (person_id, office_id, specialist_id) VALUES ($1, $2, $3)
				 ON CONFLICT (person_id, office_id) DO UPDATE SET specialist_id = excluded.specialist_id`,
				[personId, officeId, specialistId],
			);
		},
		async linksOf(personId) {
			const { rows } = await query<SpecialistLink>(
				'SELECT office_id AS "officeId", specialist_id AS "specialistId" FROM office_specialists WHERE person_id = $1 ORDER BY office_id',
				[personId],
			);
			return rows;
		},
		async changes(officeId, fromDay) {
			const [weeks, absences] = await Promise.all([
				query<{ specialistId: string; intervals: string }>(
					'SELECT specialist_id AS "specialistId", intervals FROM specialist_weeks WHERE office_id = $1',
					[officeId],
				),
				query<StoredAbsence>(
					`SELECT id, specialist_id AS "specialistId", from_day AS "from", to_day AS "to" FROM specialist_absences
					 WHERE office_id = $1 AND to_day >= $2 ORDER BY from_day, to_day`,
					[officeId, fromDay],
				),
			]);
			return {
				weeks: new Map(
					weeks.rows.map((r) => [r.specialistId, JSON.parse(r.intervals) as WeeklyInterval[]]),
				),
				absences: absences.rows,
			};
		},
		async setWeek({ officeId, specialistId }, week, entry) {
			await transaction(async (db) => {
				if (week)
					await db.query(
						`INSERT INTO specialist_weeks (office_id, specialist_id, intervals, changed_at) VALUES ($1, $2, $3, $4)
						 ON CONFLICT (office_id, specialist_id) DO UPDATE SET intervals = excluded.intervals, changed_at = excluded.changed_at`,
						[officeId, specialistId, JSON.stringify(week), entry.at],
					);
				else
					await db.query(
						'DELETE FROM specialist_weeks WHERE office_id = $1 AND specialist_id = $2',
						[officeId, specialistId],
					);
				await audit(db, week ? 'availability' : 'availability-reset', entry);
			});
		},
		async addAbsence({ officeId, specialistId }, absence, entry) {
			// Reads, then writes: the one write lock, so the same days sent twice at once (two
			// instances, a double click) are one absence, audited once.
			return writeTransaction(async (db) => {
				const added = await db.query(
					`INSERT INTO specialist_absences (id, office_id, specialist_id, from_day, to_day, created_at)
					 SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (
					   SELECT 1 FROM specialist_absences WHERE office_id = $2 AND specialist_id = $3 AND from_day = $4 AND to_day = $5)`,
					[absence.id, officeId, specialistId, absence.from, absence.to, entry.at],
				);
				if (!changed(added)) return 'exists';
				await audit(db, 'absence-add', entry);
				return 'added';
			});
		},
		async removeAbsence({ officeId, specialistId }, id, entry) {
			return transaction(async (db) => {
				const removed = await db.query(
					'DELETE FROM specialist_absences WHERE id = $1 AND office_id = $2 AND specialist_id = $3',
					[id, officeId, specialistId],
				);
				if (!changed(removed)) return false;
				await audit(db, 'absence-remove', entry);
				return true;
			});
		},
		async upcoming({ officeId, specialistId }, now) {
			const { rows } = await query<SpecialistBooking>(
				`SELECT b.id, s.reference, b.start_utc AS start, b.end_utc AS "end", b.mode
				 FROM bookings b JOIN submissions s ON s.id = b.id
				 WHERE b.office_id = $1 AND b.specialist_id = $2 AND b.status = 'booked' AND b.start_utc > $3
				 ORDER BY b.start_utc`,
				[officeId, specialistId, now],
			);
			return rows;
		},
	};
}
