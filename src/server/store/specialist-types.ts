/**
 * The consultations' part of the store interface: which office person is which specialist, and
 * what specialists changed in the workspace – their weekly availability (replacing content's)
 * and their absences (added to content's) – plus their upcoming bookings. Implemented for
 * SQLite in `specialists.ts` and composed in `store.ts` as `store.specialists`; every method
 * answers a Promise, as the PostgreSQL store will.
 */
import type { WeeklyInterval } from '../../lib/content-schemas.ts';
import type { SpecialistChanges } from '../../lib/specialist-availability.ts';
import type { AuditEntry } from './office-types.ts';

export interface SpecialistLink {
	officeId: string;
	specialistId: string;
}

export interface StoredAbsence {
	id: string;
	specialistId: string;
	from: string;
	to: string;
}

/** A booking as the specialist's list shows it: no description, no professional. */
export interface SpecialistBooking {
	id: string;
	reference: string;
	start: number;
	end: number;
	mode: string;
}

/** The audit entry a change writes in the same transaction (the specialist's id as its detail). */
export type SpecialistAudit = Omit<AuditEntry, 'action'>;

export interface SpecialistStore {
	/** Makes a person a specialist of an office (one specialist per person and office). */
	link(personId: string, link: SpecialistLink): Promise<void>;
	/** The specialists a person is, by office. */
	linksOf(personId: string): Promise<SpecialistLink[]>;
	/** What the office's specialists changed in the workspace: weekly hours, absences ending on or after `fromDay`. */
	changes(
		officeId: string,
		fromDay: string,
	): Promise<{ weeks: SpecialistChanges['weeks']; absences: StoredAbsence[] }>;
	/** Sets (or, with undefined, forgets: content's hours apply again) a specialist's weekly hours, audited. */
	setWeek(
		link: SpecialistLink,
		week: readonly WeeklyInterval[] | undefined,
		audit: SpecialistAudit,
	): Promise<void>;
	/** 'exists' when the specialist has an absence of exactly these days (nothing changed, nothing audited). */
	addAbsence(
		link: SpecialistLink,
		absence: Omit<StoredAbsence, 'specialistId'>,
		audit: SpecialistAudit,
	): Promise<'added' | 'exists'>;
	/** False when the specialist has no such absence (nothing changed, nothing audited). */
	removeAbsence(link: SpecialistLink, id: string, audit: SpecialistAudit): Promise<boolean>;
	/** The specialist's booked consultations that start after `now`, earliest first. */
	upcoming(link: SpecialistLink, now: number): Promise<SpecialistBooking[]>;
}
