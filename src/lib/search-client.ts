/**
 * Browser side of the search page: asks Pagefind (self-hosted under /pagefind/) and renders the
 * results as a plain list. Runs only on the search page.
 */
import { createTranslator } from './translate.ts';

interface PagefindResult {
	data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
	debouncedSearch(
		query: string,
		options?: object,
		ms?: number,
	): Promise<{ results: PagefindResult[] } | null>;
}

export interface SearchElements {
	/** Carries `data-locale` and `data-strings` (the status messages, as JSON). */
	form: HTMLFormElement;
	input: HTMLInputElement;
	/** A `role="status"` element: result counts are announced to screen readers from here. */
	status: HTMLElement;
	list: HTMLOListElement;
}

const MAX_RESULTS = 10;

export function runSearch({ form, input, status, list }: SearchElements): void {
	const t = createTranslator(form.dataset['locale']!, JSON.parse(form.dataset['strings']!));
	// Loaded on first use; the path is computed so the bundler leaves it to the browser.
	let pagefind: Promise<Pagefind> | undefined;
	const load = () =>
		(pagefind ??= import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`));

	async function search(query: string) {
		if (query.trim() === '') {
			list.replaceChildren();
			status.textContent = '';
			return;
		}
		let found: Awaited<ReturnType<Pagefind['debouncedSearch']>>;
		try {
			// Only pages of the reader's jurisdiction (the filter each guidance page carries).
			const country = form.dataset['jurisdiction'];
			found = await (await load()).debouncedSearch(
				query,
				country ? { filters: { jurisdiction: country } } : {},
				250,
			);
		} catch {
			status.textContent = t('search.unavailable');
			return;
		}
		if (found === null) return; // superseded by a newer query
		const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
		list.replaceChildren(
			...results.map((r) => {
				const item = document.createElement('li');
				const link = document.createElement('a');
				link.href = r.url;
				link.textContent = r.meta.title ?? r.url;
				const excerpt = document.createElement('p');
				// Pagefind escapes the page text and only adds <mark> around the matched words.
				excerpt.innerHTML = r.excerpt;
				item.append(link, excerpt);
				return item;
			}),
		);
		status.textContent =
			results.length > 0
				? t('search.results', { count: found.results.length })
				: t('search.noResults');
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
		void search(input.value);
	});
	input.addEventListener('input', () => void search(input.value));

	// A query in the address (shared link, or the form sent before the script ran) runs at once.
	const initial = new URLSearchParams(location.search).get('q');
	if (initial) {
		input.value = initial;
		void search(initial);
	}
}
