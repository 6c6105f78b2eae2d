/**
 * Consultations in the workspace on a real store, SQLite and PostgreSQL: who manages which
 * specialist, refused forms store nothing, the slot list follows, the audit log keeps its entries
 * through SQLite's 0011.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends, type OpenedStore } from '../fixtures/store-backends.ts';
import { createBookingIntake } from '../../src/server/booking-intake.ts';
import { loadSiteContent } from '../../src/server/content-files.ts';
import {
	createOfficeSpecialists,
	type Managed,
} from '../../src/server/office/office-specialists.ts';
import { freeSlotsOf } from '../../src/server/office-slots.ts';
import type { Store } from '../../src/server/store.ts';
import { migrationFiles } from '../../src/server/store/database.ts';
import type { OfficePerson } from '../../src/server/store/office-types.ts';
import { addStaff, type StaffRole } from '../fixtures/office-staff.ts';

// Tuesday 1 December 2026, 00:00 in Berlin.
const T0 = Date.UTC(2026, 10, 30, 23);
const DAY = 24 * 3600 * 1000;
const offices = [...loadSiteContent('tests/fixtures/content').offices.values()];
const musterstadt = offices.find((o) => o.id === 'de-musterstadt')!;

let opened: OpenedStore;
let store: Store;
let cancelled: string[];

const specialists = () =>
	createOfficeSpecialists(store, {
		cancel: async (id) => {
			cancelled.push(id);
			return 'cancelled';
		},
	});

async function person(
	id: string,
	memberships: [string, StaffRole][],
	specialist?: [string, string],
): Promise<OfficePerson> {
	await addStaff(store, id, memberships, T0);
	if (specialist)
		await store.specialists.link(id, { officeId: specialist[0], specialistId: specialist[1] });
	return (await store.office.person(id))!;
}
/** Anna, the specialist `beispiel` of Musterstadt, and what she manages. */
async function annaManaging(service: ReturnType<typeof specialists>) {
	const anna = await person(
		'anna',
		[['de-musterstadt', 'case-worker']],
		['de-musterstadt', 'beispiel'],
	);
	return { anna, managed: (await service.find(anna, offices, 'de-musterstadt', 'beispiel'))! };
}
const names = (managed: Managed[]) => managed.map((m) => `${m.office.id}/${m.specialist.id}`);

describe.each(storeBackends())('on the $name store', (backend) => {
	beforeEach(async () => {
		opened = await backend.open();
		store = opened.store;
		cancelled = [];
	});
	afterEach(async () => {
		await opened.cleanup();
	});

	describe('who manages which specialist', () => {
		it('the specialist themselves, and the office admin every specialist who offers consultations; nobody else', async () => {
			const service = specialists();
			const admin = await person('admin', [['de-musterstadt', 'office-admin']]);
			const { anna } = await annaManaging(service);
			const colleague = await person('colleague', [['de-musterstadt', 'case-worker']]);
			// Linked to a specialist of an office they are no member of: nothing.
			const stray = await person(
				'stray',
				[['dk-eksempelby', 'office-admin']],
				['de-musterstadt', 'beispiel'],
			);
			expect(names(await service.managed(admin, offices))).toEqual([
				'de-musterstadt/beispiel',
				'de-musterstadt/muster',
			]);
			expect(names(await service.managed(anna, offices))).toEqual(['de-musterstadt/beispiel']);
			expect(await service.managed(colleague, offices)).toEqual([]);
			expect(names(await service.managed(stray, offices))).toEqual(['dk-eksempelby/eksempel']);
			expect(await service.find(stray, offices, 'de-musterstadt', 'beispiel')).toBeUndefined();
			expect(await service.find(admin, offices, 'de-musterstadt', 'intake')).toBeUndefined();
		});
	});

	describe('changes', () => {
		it('a refused absence or week stores nothing and audits nothing; an accepted one changes the slot list at once', async () => {
			const service = specialists();
			const { anna, managed } = await annaManaging(service);
			const before = await freeSlotsOf(store, musterstadt, T0);

			expect(
				await service.addAbsence(anna, managed, { from: '2026-12-03', to: '2026-12-02' }, T0),
			).toEqual({
				ok: false,
				errors: { to: 'order' },
			});
			expect(await service.setWeek(anna, managed, { 'day-mon': '9-12' }, T0)).toEqual({
				ok: false,
				errors: { mon: 'times' },
			});
			expect(await service.removeAbsence(anna, managed, 'no-such-absence', T0)).toBe('not-found');
			expect(await store.specialists.changes('de-musterstadt', '2026-12-01')).toEqual({
				weeks: new Map(),
				absences: [],
			});
			expect(await store.office.auditLog(['de-musterstadt'], 10)).toEqual([]);
			expect(await freeSlotsOf(store, musterstadt, T0)).toEqual(before);

			// Thursday 3 December off: Anna's slots that day go, Jonas's (Mon/Fri) are untouched. Sent
			// twice (a double click), it is one absence, audited once.
			for (const _ of [1, 2])
				expect(
					await service.addAbsence(anna, managed, { from: '2026-12-03', to: '2026-12-03' }, T0),
				).toEqual({ ok: true });
			expect(
				(await store.specialists.changes('de-musterstadt', '2026-12-01')).absences,
			).toHaveLength(1);
			const after = await freeSlotsOf(store, musterstadt, T0);
			const annaOn = (slots: typeof before, day: string) =>
				slots.filter((s) => s.specialistId === 'beispiel' && s.date === day).length;
			expect(annaOn(before, '2026-12-03')).toBeGreaterThan(0);
			expect(annaOn(after, '2026-12-03')).toBe(0);
			expect(after.filter((s) => s.specialistId === 'muster')).toEqual(
				before.filter((s) => s.specialistId === 'muster'),
			);

			// Weekly hours of her own replace content's; given back, content's apply again.
			expect(await service.setWeek(anna, managed, { 'day-sat': '10:00-11:30' }, T0 + 1)).toEqual({
				ok: true,
			});
			const saturdays = (await freeSlotsOf(store, musterstadt, T0)).filter(
				(s) => s.specialistId === 'beispiel',
			);
			expect(new Set(saturdays.map((s) => new Date(s.start).getUTCDay()))).toEqual(new Set([6]));
			await service.resetWeek(anna, managed, T0 + 2);
			expect(await freeSlotsOf(store, musterstadt, T0)).toEqual(after);

			expect(
				(await store.office.auditLog(['de-musterstadt'], 10)).map((e) => [
					e.action,
					e.detail,
					e.reference,
				]),
			).toEqual([
				['availability-reset', 'beispiel', null],
				['availability', 'beispiel', null],
				['absence-add', 'beispiel', null],
			]);
		});

		it('cancels only an upcoming booking of this specialist, through the booking path, and audits it with its reference', async () => {
			const intake = createBookingIntake(
				store,
				Buffer.alloc(32, 3),
				() => {},
				{ perEmail: 5, perClient: 5 },
				{ perRecipient: 5, total: 100 },
			);
			const book = (id: string, specialistId: string, start: number) =>
				intake.book(
					{
						submissionId: id,
						locale: 'en',
						country: 'DE',
						area: 'Musterstadt',
						officeId: 'de-musterstadt',
						mode: 'video',
						reporterName: 'Grace',
						reporterRole: 'Teacher',
						reporterOrganisation: 'School',
						reporterEmail: 'teacher@example.com',
						reporterPhone: '+49 30 23125 999',
						description: 'DESCRIPTION-MARKER',
						slot: '',
						specialistId,
						start,
						end: start + 45 * 60_000,
						personalDataFindings: [],
					} as Parameters<typeof intake.book>[0],
					'client',
					undefined,
					T0,
				);
			await book('b-anna', 'beispiel', T0 + 2 * DAY);
			await book('b-jonas', 'muster', T0 + 6 * DAY);
			const service = specialists();
			const { anna, managed } = await annaManaging(service);

			expect(
				(await service.overview(managed, T0)).bookings.map((b) => [b.id, b.mode, b.inAbsence]),
			).toEqual([['b-anna', 'video', false]]);
			expect(JSON.stringify(await service.overview(managed, T0))).not.toContain(
				'DESCRIPTION-MARKER',
			);
			expect(await service.cancel(anna, managed, 'b-jonas', T0)).toBe('not-found');
			expect(await service.cancel(anna, managed, 'b-anna', T0 + 3 * DAY)).toBe('not-found');
			expect(cancelled).toEqual([]);
			expect(await service.cancel(anna, managed, 'b-anna', T0)).toBe('cancelled');
			expect(cancelled).toEqual(['b-anna']);
			const [entry] = await store.office.auditLog(['de-musterstadt'], 10);
			expect(entry).toMatchObject({
				action: 'booking-cancel',
				detail: 'beispiel',
				personId: 'anna',
			});
			expect(entry!.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		});
	});
});

describe('SQLite migration 0011', () => {
	it('keeps the audit log’s entries, takes the new actions and stays append-only', () => {
		const dir = mkdtempSync(join(tmpdir(), 'specialists-migration-'));
		const old = new DatabaseSync(join(dir, 'old.sqlite'));
		const files = migrationFiles();
		const folder = join(import.meta.dirname, '../../src/server/store/migrations');
		for (const file of files.slice(0, 7)) old.exec(readFileSync(join(folder, file), 'utf8'));
		old.exec(
			`INSERT INTO office_audit (id, at, person_id, office_id, action, reference, detail) VALUES ('a1', 1, 'p', 'o', 'view', 'AAAA-BBBB', NULL)`,
		);
		expect(() =>
			old.exec(
				`INSERT INTO office_audit (id, at, person_id, office_id, action) VALUES ('a2', 2, 'p', 'o', 'absence-add')`,
			),
		).toThrow(/CHECK/);
		for (const file of files.slice(7)) old.exec(readFileSync(join(folder, file), 'utf8'));
		old.exec(
			`INSERT INTO office_audit (id, at, person_id, office_id, action, detail) VALUES ('a2', 2, 'p', 'o', 'absence-add', 'beispiel')`,
		);
		expect(
			old
				.prepare('SELECT id, action, reference FROM office_audit ORDER BY at')
				.all()
				.map((r) => ({ ...r })),
		).toEqual([
			{ id: 'a1', action: 'view', reference: 'AAAA-BBBB' },
			{ id: 'a2', action: 'absence-add', reference: null },
		]);
		expect(() => old.exec(`UPDATE office_audit SET action = 'export'`)).toThrow(/append-only/);
		expect(() => old.exec('DELETE FROM office_audit')).toThrow(/append-only/);
		old.close();
		rmSync(dir, { recursive: true, force: true });
	});
});
