/**
 * The HTML part of every e-mail, built from Preact elements and rendered by
 * `preact-render-to-string`: every value is text, so the renderer escapes it and no forgotten
 * escape can put markup into an inbox. Written with `h()`, not JSX: the server's modules are
 * loaded by Node's type stripping, which reads `.ts` and not `.tsx`.
 */
import { h, type ComponentChildren } from 'preact';
import { renderToStaticMarkup } from 'preact-render-to-string';

/** A row of facts: label, value and, for a video link or the like, the address to make a link of. */
export type FactRow = readonly [label: string, value: string, link?: string];

const LABEL_STYLE = 'text-align:left;vertical-align:top;padding:4px 12px 4px 0';

/** Text with its line breaks kept: the lines with a `<br>` between them. */
export function lines(text: string): ComponentChildren[] {
	return text.split('\n').flatMap((line, i) => (i === 0 ? [line] : [h('br', null), line]));
}

/** A paragraph of text lines, e.g. an address block. */
export function paragraph(...texts: string[]): ComponentChildren {
	return h('p', null, ...lines(texts.join('\n')));
}

export function footer(text: string): ComponentChildren {
	return h('p', { style: 'color:#555' }, ...lines(text));
}

/** A table of facts, label beside value; a row with a link shows it under the value. */
export function factsTable(rows: readonly FactRow[], valueStyle?: string): ComponentChildren {
	return h(
		'table',
		null,
		rows.map(([label, value, link]) =>
			h(
				'tr',
				null,
				h('th', { style: LABEL_STYLE }, ...lines(label)),
				h(
					'td',
					valueStyle ? { style: valueStyle } : null,
					...lines(value),
					...(link ? [h('br', null), h('a', { href: link }, link)] : []),
				),
			),
		),
	);
}

/** The whole HTML document: the reader's language, the subject as title, the body. */
export function mailHtml(lang: string, title: string, body: ComponentChildren[]): string {
	return `<!doctype html>${renderToStaticMarkup(
		h(
			'html',
			{ lang },
			h('head', null, h('meta', { charSet: 'utf-8' }), h('title', null, title)),
			h(
				'body',
				{ style: 'font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem' },
				...body,
			),
		),
	)}`;
}
