/**
 * The booking flow as data. Before anything is posted the page asks with GET steps: which office
 * and how to talk (`where`), a free time (`slots`), then the form (`form`: about you and an
 * optional description). The form posts to the `book` action, whose answer is one of the states
 * below. The cancel link has a flow of its own (`CANCEL_FLOW`).
 */
import { defineFlow, POST_EVENTS, POST_STATES } from './form-flow.ts';
import type { UiKey } from './ui-keys.ts';

export const BOOKING_FLOW = defineFlow({
	states: {
		...POST_STATES,
		/** The slot went to someone else (or is no longer offered): back to the free times. */
		taken: { view: 'slots', status: 409 },
		booked: { view: 'booked', status: 200 },
	},
	on: { ...POST_EVENTS, taken: 'taken', stored: 'booked' },
});

export type BookingState = keyof typeof BOOKING_FLOW.states;
export type BookingView = (typeof BOOKING_FLOW.states)[BookingState]['view'] | 'where';

/** The progress line: where, how, when, about you, check; the confirmation is no step of its own. */
export const BOOKING_PROGRESS = {
	where: 1,
	how: 2,
	slots: 3,
	form: 4,
	review: 5,
	total: 5,
} as const;

/**
 * Which view the page shows: the action's state after a post; before, the query's choices – a
 * slot that was picked a moment ago and is no longer free goes back to the list.
 */
export function bookingView(
	state: BookingState | undefined,
	query: { modeChosen: boolean; slot: 'none' | 'free' | 'gone' },
): BookingView {
	if (state) return BOOKING_FLOW.states[state].view;
	if (!query.modeChosen) return 'where';
	return query.slot === 'free' ? 'form' : 'slots';
}

/** The cancel link: opening it asks (link scanners must not cancel anything); the button posts. */
export const CANCEL_FLOW = {
	ask: { status: 200 },
	done: { status: 200, message: 'booking.cancel.done' },
	already: { status: 410, message: 'booking.cancel.already' },
	forged: { status: 400, message: 'booking.cancel.forged' },
	expired: { status: 410, message: 'booking.cancel.expired' },
} as const satisfies Record<string, { status: number; message?: UiKey }>;
