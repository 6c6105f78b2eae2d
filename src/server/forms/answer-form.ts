/**
 * A form's post is answered here, in the server, before Astro: a stored concern is answered
 * with the redirect to its confirmation at once, and every other answer (errors, the check page,
 * the question step, a booking) goes to the form's page as its action result (see
 * src/middleware.ts). Astro's own action handling would parse the body a second time and build a
 * web Request and Response around the commit: on the accept path that cost more than the commit.
 * A form is answered only at its own address (`/<locale>/notify/?_action=notify`), in an enabled
 * locale, and when the deployment has it switched on; any other post goes to Astro as it is.
 */
import type { FormFields } from '../../lib/form-values.ts';
import type { Locale } from '../../lib/locales.ts';
import type { SiteContent } from '../content-files.ts';
import type { Services } from '../services.ts';
import { handlePost, type FormContent } from './form-post.ts';
import { bookPost, notifyPost, type BookResult, type NotifyResult } from './form-posts.ts';

const FORMS = {
	notify: { post: notifyPost, page: 'notify' },
	book: { post: bookPost, page: 'consultation' },
} as const;

export type FormName = keyof typeof FORMS;

/** A form's answer, handed to its page (`locals.formAnswer`). */
export type FormAnswer =
	| { name: 'notify'; result: NotifyResult }
	| { name: 'book'; result: BookResult };

/** The form a post is for: its name and the page's locale, when the post is one to answer here. */
export interface FormTarget {
	name: FormName;
	locale: Locale;
}

export interface FormAnswers {
	/** The form `pathname` and `query` address, if it is one of ours at its own address. */
	target(pathname: string, query: URLSearchParams): FormTarget | undefined;
	answer(
		target: FormTarget,
		fields: FormFields,
		services: Services,
		client: string,
	): Promise<FormAnswer>;
}

export function formAnswers(content: SiteContent): FormAnswers {
	const { site } = content;
	const jurisdictions: readonly string[] = site.jurisdictions;
	const forms: FormContent = {
		features: site.features,
		offices: [...content.offices.values()].filter((o) => jurisdictions.includes(o.country)),
	};
	// The visitor's words for 0–10, per enabled locale, read once.
	const numberWords = new Map(
		site.locales.map((l) => [l, content.ui[l]['spam.numbers'].split(',').map((w) => w.trim())]),
	);
	return {
		target(pathname, query) {
			// Astro's name for the action a form posts to (`actions.notify.queryString`).
			const name = query.get('_action');
			if (name !== 'notify' && name !== 'book') return undefined;
			const form = FORMS[name];
			if (!site.features[form.post.feature]) return undefined;
			const [empty, locale, page, end, ...more] = pathname.split('/');
			const enabled = site.locales.find((l) => l === locale);
			if (empty !== '' || !enabled || page !== form.page || end !== '' || more.length > 0)
				return undefined;
			return { name, locale: enabled };
		},
		async answer({ name, locale }, fields, services, client) {
			const request = {
				services,
				content: forms,
				client,
				locale,
				numberWords: numberWords.get(locale)!,
			};
			return name === 'notify'
				? { name, result: (await handlePost(FORMS.notify.post, fields, request)) as NotifyResult }
				: { name, result: (await handlePost(FORMS.book.post, fields, request)) as BookResult };
		},
	};
}
