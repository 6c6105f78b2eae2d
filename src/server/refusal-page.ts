/**
 * The server's own answers to a post it will not hand on to the site (from another site, too
 * many posts, too large, not a form): a small page in the visitor's language, from the path's
 * locale, so a person without JavaScript reads what happened and what to do. A form refused for
 * too many posts keeps its answers: the page carries them as hidden fields with a button that
 * sends them again, and links back to the start of the form. Rendered with Preact (`h()`: this
 * module is loaded by Node's type stripping, which reads no JSX), so every value is escaped.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { h } from 'preact';
import { renderToStaticMarkup } from 'preact-render-to-string';
import { localeFromPath, type Locale } from '../lib/locales.ts';
import { createTranslator, type UiStrings } from '../lib/translate.ts';

/** 403: not sent from a page of this site; 413: too large or too many fields; 415: not a form. */
export type Refusal = { status: 429; retryAfterSeconds: number } | { status: 403 | 413 | 415 };

/** The most of a refused post read back into the page; the forms' own limit (http-server.ts). */
const MAX_KEPT_BYTES = 64 * 1024;
/** A refused client gets no more of our time than this to send its answers. */
const MAX_READ_MS = 5_000;
/** The forms whose posts can be sent again from the page. */
const FORM_PATH = /^\/[a-z]{2}\/(?:notify|consultation)\/$/;

/** The answers of a refused form post, or undefined when it is no form of ours or too large. */
function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	// A body the server has read already (a later limit) is not there to read again.
	if (
		type !== 'application/x-www-form-urlencoded' ||
		Number(req.headers['content-length'] ?? 0) > MAX_KEPT_BYTES ||
		req.readableEnded
	)
		return Promise.resolve(undefined);
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const timer = setTimeout(() => resolve(undefined), MAX_READ_MS);
		const done = (form: URLSearchParams | undefined) => {
			clearTimeout(timer);
			resolve(form);
		};
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_KEPT_BYTES) chunks.push(chunk);
		});
		req.once('end', () =>
			done(
				size <= MAX_KEPT_BYTES
					? new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
					: undefined,
			),
		);
		req.once('error', () => done(undefined));
	});
}

export async function writeRefusal(
	req: IncomingMessage,
	res: ServerResponse,
	refusal: Refusal,
	ui: Record<string, UiStrings>,
	locales: readonly Locale[],
): Promise<void> {
	// The raw request target, not a URL: a client may send anything there ("POST http://[").
	const target = req.url ?? '/';
	const path = target.split(/[?#]/)[0]!;
	const fromPath = localeFromPath(path);
	// In the path's locale when the deployment offers it, else in its first.
	const locale = fromPath && locales.includes(fromPath) ? fromPath : locales[0]!;
	const t = createTranslator(locale, ui[locale]!);
	const form =
		refusal.status === 429 && fromPath === locale && FORM_PATH.test(path)
			? await readForm(req)
			: undefined;
	const [title, text] =
		refusal.status === 429
			? [t('rate.title'), t('rate.text', { count: refusal.retryAfterSeconds })]
			: [t('error.summary'), t('error.form')];
	const headers: Record<string, string> = {
		'Content-Type': 'text/html; charset=utf-8',
		'Cache-Control': 'no-store',
		Connection: 'close',
	};
	if (refusal.status === 429) headers['Retry-After'] = String(refusal.retryAfterSeconds);
	const head = h(
		'head',
		null,
		h('meta', { charSet: 'utf-8' }),
		h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
		// Sent again from this page, the form must carry its Origin: the page lets the referrer through to this site only.
		form && h('meta', { name: 'referrer', content: 'same-origin' }),
		h('title', null, title),
	);
	const again = form && [
		h('p', null, t('rate.kept')),
		h(
			'form',
			{ method: 'post', action: target },
			[...form].map(([name, value]) => h('input', { type: 'hidden', name, value })),
			h('button', { type: 'submit' }, t('rate.again')),
		),
		h('p', null, h('a', { href: path }, t('rate.back'))),
	];
	const body = h(
		'body',
		null,
		h(
			'main',
			null,
			h('h1', null, title),
			h('p', null, text),
			again,
			h('p', null, h('a', { href: `/${locale}/` }, t('notFound.home'))),
		),
	);
	res.writeHead(refusal.status, headers);
	res.end(`<!doctype html>${renderToStaticMarkup(h('html', { lang: locale }, head, body))}`);
	// Do not read a body we refused: close the connection once the answer is out.
	res.once('finish', () => req.destroy());
}
