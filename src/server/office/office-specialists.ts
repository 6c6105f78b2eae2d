/**
 * Consultations in the office workspace: a specialist sees their upcoming bookings, adds and
 * removes absences, sets their weekly hours and cancels a booking (the professional is told
 * through the outbox). Who may: a person linked to that specialist of an office they belong to
 * (`npm run office -- add … --specialist <id>`), and the office's admins for every specialist of
 * it. Anyone else gets `undefined` – the page answers 404, as for a specialist who does not exist.
 * Every change is audited (the specialist's id, the booking's reference – never content).
 */
import { randomUUID } from 'node:crypto';
import type { Office, Specialist, WeeklyInterval } from '../../lib/content-schemas.ts';
import {
	absenceFromForm,
	dayOf,
	inAbsence,
	weekFromForm,
	type Absence,
	type AbsenceError,
	type TimesError,
} from '../../lib/specialist-availability.ts';
import type { BookingIntake } from '../booking-intake.ts';
import type { Store } from '../store.ts';
import type { OfficePerson } from '../store/office-types.ts';
import type {
	SpecialistBooking,
	SpecialistLink,
	StoredAbsence,
} from '../store/specialist-types.ts';
import { adminOf, memberOf } from './office-cases.ts';

export type OfficeWithId = Office & { id: string };

/** A specialist the person may manage, with their office. */
export interface Managed {
	office: OfficeWithId;
	specialist: Specialist;
}

export interface SpecialistOverview {
	/** Upcoming bookings; `inAbsence`: on a day off, for the specialist to cancel (never done by itself). */
	bookings: (SpecialistBooking & { inAbsence: boolean })[];
	/** Absences set in the workspace (removable there), not yet over. */
	absences: StoredAbsence[];
	/** Content's absences, not yet over (changed by the operator only). */
	contentAbsences: Absence[];
	/** The weekly hours in force, and whether they are content's. */
	week: readonly WeeklyInterval[];
	weekFromContent: boolean;
}

export type Outcome<E> = { ok: true } | { ok: false; errors: E };

export interface OfficeSpecialists {
	/** The specialists (offering consultations) the person may manage, office by office. */
	managed(person: OfficePerson, offices: readonly OfficeWithId[]): Promise<Managed[]>;
	find(
		person: OfficePerson,
		offices: readonly OfficeWithId[],
		officeId: string,
		specialistId: string,
	): Promise<Managed | undefined>;
	overview(managed: Managed, now?: number): Promise<SpecialistOverview>;
	addAbsence(
		person: OfficePerson,
		managed: Managed,
		form: Readonly<Record<string, string>>,
		now?: number,
	): Promise<Outcome<Partial<Record<keyof Absence, AbsenceError>>>>;
	removeAbsence(
		person: OfficePerson,
		managed: Managed,
		id: string,
		now?: number,
	): Promise<'removed' | 'not-found'>;
	setWeek(
		person: OfficePerson,
		managed: Managed,
		form: Readonly<Record<string, string>>,
		now?: number,
	): Promise<Outcome<Partial<Record<string, TimesError>>>>;
	/** Content's weekly hours apply again. */
	resetWeek(person: OfficePerson, managed: Managed, now?: number): Promise<void>;
	/** Frees the slot and queues the professional's notice; 'not-found' for another's or a past booking. */
	cancel(
		person: OfficePerson,
		managed: Managed,
		bookingId: string,
		now?: number,
	): Promise<'cancelled' | 'already' | 'not-found'>;
}

const offersConsultations = (s: Specialist) => s.availability.length > 0;
const linkOf = ({ office, specialist }: Managed): SpecialistLink => ({
	officeId: office.id,
	specialistId: specialist.id,
});

export function createOfficeSpecialists(
	store: Store,
	bookings: Pick<BookingIntake, 'cancel'>,
): OfficeSpecialists {
	const audit = (
		person: OfficePerson,
		m: Managed,
		now: number,
		reference: string | null = null,
	) => ({
		at: now,
		personId: person.id,
		officeId: m.office.id,
		reference,
		detail: m.specialist.id,
	});
	const managed: OfficeSpecialists['managed'] = async (person, offices) => {
		const links = await store.specialists.linksOf(person.id);
		const administered = adminOf(person);
		return offices
			.filter((office) => memberOf(person, office.id))
			.flatMap((office) =>
				office.specialists
					.filter(offersConsultations)
					.filter(
						(s) =>
							administered.includes(office.id) ||
							links.some((l) => l.officeId === office.id && l.specialistId === s.id),
					)
					.map((specialist) => ({ office, specialist })),
			);
	};
	return {
		managed,
		async find(person, offices, officeId, specialistId) {
			return (await managed(person, offices)).find(
				(m) => m.office.id === officeId && m.specialist.id === specialistId,
			);
		},
		async overview(m, now = Date.now()) {
			const { timeZone } = m.office;
			const today = dayOf(now, timeZone);
			const changes = await store.specialists.changes(m.office.id, today);
			const absences = changes.absences.filter((a) => a.specialistId === m.specialist.id);
			const contentAbsences = m.specialist.absences.filter((a) => a.to >= today);
			const off = [...contentAbsences, ...absences];
			const upcoming = await store.specialists.upcoming(linkOf(m), now);
			const own = changes.weeks.get(m.specialist.id);
			return {
				bookings: upcoming.map((b) => ({ ...b, inAbsence: inAbsence(b.start, timeZone, off) })),
				absences,
				contentAbsences,
				week: own ?? m.specialist.availability,
				weekFromContent: own === undefined,
			};
		},
		async addAbsence(person, m, form, now = Date.now()) {
			const today = dayOf(now, m.office.timeZone);
			const parsed = absenceFromForm(form['from'] ?? '', form['to'] ?? '', today);
			if (!parsed.ok) return parsed;
			await store.specialists.addAbsence(
				linkOf(m),
				{ id: randomUUID(), ...parsed.absence },
				audit(person, m, now),
			);
			return { ok: true };
		},
		async removeAbsence(person, m, id, now = Date.now()) {
			if (id.length > 80) return 'not-found';
			return (await store.specialists.removeAbsence(linkOf(m), id, audit(person, m, now)))
				? 'removed'
				: 'not-found';
		},
		async setWeek(person, m, form, now = Date.now()) {
			const parsed = weekFromForm(form, m.specialist.slotMinutes);
			if (!parsed.ok) return parsed;
			await store.specialists.setWeek(linkOf(m), parsed.week, audit(person, m, now));
			return { ok: true };
		},
		async resetWeek(person, m, now = Date.now()) {
			await store.specialists.setWeek(linkOf(m), undefined, audit(person, m, now));
		},
		async cancel(person, m, bookingId, now = Date.now()) {
			const row = bookingId.length <= 80 ? await store.booking(bookingId) : undefined;
			if (
				!row ||
				row.officeId !== m.office.id ||
				row.specialistId !== m.specialist.id ||
				row.start <= now
			)
				return 'not-found';
			// The same path as the professional's cancel link, with their mail budget; only then the audit entry,
			// so the log never claims a cancellation that did not happen.
			const result = await bookings.cancel(bookingId, now);
			if (result === 'cancelled')
				await store.office.audit({
					...audit(person, m, now, row.reference),
					action: 'booking-cancel',
				});
			return result === 'missing' ? 'not-found' : result;
		},
	};
}
