/**
 * What a form's flow is made of, as data: the states a post can end in – each with the view the
 * page shows and the HTTP status it answers with – and which state each event leads to. The
 * server's post path (src/server/forms/form-post.ts) detects the events, always in the same order; the pages read
 * the view and the status from the state. One flow per form: concern-flow.ts, booking-flow.ts.
 */

/** What the page shows in a state, and the HTTP status it answers with. */
export interface FlowState<View extends string> {
	view: View;
	status: number;
}

/**
 * What can happen to a post, in the order the action checks for it:
 * - `change`: "Change" on the check page – back to the form with the answers;
 * - `invalid`: an answer the schema or the server refuses (or a form that is not ours);
 * - `taken`: (bookings) the slot is no longer free;
 * - `unconfirmed`: valid, not yet sent – check your answers;
 * - `ask` / `askAgain`: the spam guard's question step, first or after an answer or a solution
 *   that did not count;
 * - `stored`: accepted and committed (or the same submission sent again);
 * - `failed`: the store could not take it – say so plainly, never a false success.
 */
export type FlowEvent =
	| 'change'
	| 'invalid'
	| 'taken'
	| 'unconfirmed'
	| 'ask'
	| 'askAgain'
	| 'stored'
	| 'failed';

export interface Flow<State extends string, View extends string> {
	states: Record<State, FlowState<View>>;
	/** Event → the state it leads to. A flow without slots has no `taken`. */
	on: Record<Exclude<FlowEvent, 'taken'>, State> & Partial<Record<'taken', State>>;
}

/** The states every form's post can end in, whatever the form; a flow adds its own (stored, taken). */
export const POST_STATES = {
	edit: { view: 'form', status: 200 },
	invalid: { view: 'form', status: 400 },
	review: { view: 'review', status: 200 },
	question: { view: 'question', status: 200 },
	'question-again': { view: 'question', status: 400 },
	unavailable: { view: 'unavailable', status: 503 },
} as const;

/** Where the events every post can meet lead. */
export const POST_EVENTS = {
	change: 'edit',
	invalid: 'invalid',
	unconfirmed: 'review',
	ask: 'question',
	askAgain: 'question-again',
	failed: 'unavailable',
} as const;

/** Declares a flow, checking that every event leads to one of its states. */
export function defineFlow<const State extends string, const View extends string>(
	flow: Flow<State, View>,
): Flow<State, View> {
	return flow;
}
