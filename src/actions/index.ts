/**
 * The forms' actions, as Astro knows them: their addresses (`actions.notify.queryString`) and
 * the type of their results (`Astro.getActionResult(actions.notify)`). Their posts are answered
 * by the server before Astro (server/forms/answer-form.ts, the path in form-post.ts); what
 * reaches these handlers is a post the server did not take as the form's – at another address,
 * in a locale this deployment does not offer, with the form switched off, or to Astro's
 * `/_actions/` endpoint – and it is answered as a form that is not there.
 */
import { ActionError, defineAction } from 'astro:actions';
import type { BookResult, NotifyResult } from '../server/forms/form-posts.ts';

const notHere = () => new ActionError({ code: 'NOT_FOUND' });

export const server = {
	notify: defineAction({
		accept: 'form',
		handler: (): NotifyResult => {
			throw notHere();
		},
	}),
	book: defineAction({
		accept: 'form',
		handler: (): BookResult => {
			throw notHere();
		},
	}),
};
