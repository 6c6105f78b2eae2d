/**
 * The free consultation slots of an office right now: its specialists' weekly availability
 * (content, or what the specialist set in the workspace instead) minus absences (content's and
 * the workspace's), minus what is booked (store), minus the minimum notice, within the horizon.
 * Read from the store on every call, so a change in the workspace shows at once.
 */
import type { Office } from '../lib/content-schemas.ts';
import { freeSlots, type Slot } from '../lib/slots.ts';
import { dayOf, withChanges } from '../lib/specialist-availability.ts';
import type { Store } from './store.ts';

const MIN_NOTICE_MS = 24 * 3600 * 1000;
const HORIZON_DAYS = 21;
const DAY = 24 * 3600 * 1000;

export async function freeSlotsOf(
	store: Store,
	office: Office & { id: string },
	now: number,
): Promise<Slot[]> {
	const changes = await store.specialists.changes(office.id, dayOf(now, office.timeZone));
	return freeSlots({
		timeZone: office.timeZone,
		specialists: withChanges(office.specialists, changes).filter((s) => s.availability.length > 0),
		booked: await store.bookedSlots(office.id, now, now + (HORIZON_DAYS + 1) * DAY),
		now,
		minNoticeMs: MIN_NOTICE_MS,
		horizonDays: HORIZON_DAYS,
	});
}
