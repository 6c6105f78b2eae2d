/**
 * The concern flow as data. Before anything is posted the page asks with GET steps: is a child
 * in danger (`danger`), where does the child live (`where`), then the form (`form`: the island,
 * one step per section; one page without JavaScript). The form posts to the `notify` action,
 * whose answer is one of the states below.
 */
import { CONCERN_STEPS } from './concern-fields.ts';
import { defineFlow, POST_EVENTS, POST_STATES } from './form-flow.ts';

export const CONCERN_FLOW = defineFlow({
	states: {
		...POST_STATES,
		/** Stored and committed: the page redirects to the confirmation (notify/sent.astro), so reloading sends nothing. */
		accepted: { view: 'sent', status: 303 },
	},
	on: { ...POST_EVENTS, stored: 'accepted' },
});

export type ConcernState = keyof typeof CONCERN_FLOW.states;
export type ConcernView = (typeof CONCERN_FLOW.states)[ConcernState]['view'] | 'danger' | 'where';

/** The progress line: the two GET steps, one per section of the form, and "check your answers". */
export const CONCERN_PROGRESS = {
	danger: 1,
	where: 2,
	firstStep: 3,
	total: 2 + CONCERN_STEPS.length + 1,
} as const;

/** Which view the page shows: the action's state after a post, the query's answers before. */
export function concernView(
	state: ConcernState | undefined,
	query: { danger: string | null; officeChosen: boolean },
): ConcernView {
	if (state) return CONCERN_FLOW.states[state].view;
	if (query.danger !== 'no') return 'danger';
	return query.officeChosen ? 'form' : 'where';
}
