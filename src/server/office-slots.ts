/**
 * The free consultation slots of an office right now: its specialists' weekly availability
 * (content) minus what is booked (store), minus the minimum notice, within the horizon.
 */
import type { Office } from '../lib/content-schemas.ts';
import { freeSlots, type Slot } from '../lib/slots.ts';
import type { Store } from './store.ts';

const MIN_NOTICE_MS = 24 * 3600 * 1000;
const HORIZON_DAYS = 21;
const DAY = 24 * 3600 * 1000;

export async function freeSlotsOf(
	store: Store,
	office: Office & { id: string },
	now: number,
): Promise<Slot[]> {
	return freeSlots({
		timeZone: office.timeZone,
		specialists: office.specialists.filter((s) => s.availability.length > 0),
		booked: await store.bookedSlots(office.id, now, now + (HORIZON_DAYS + 1) * DAY),
		now,
		minNoticeMs: MIN_NOTICE_MS,
		horizonDays: HORIZON_DAYS,
	});
}
