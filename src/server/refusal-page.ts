/**
 * The server's own answers to a post it will not hand on to the site (from another site, too
 * many posts, too large, not a form): a small page in the visitor's language, from the path's locale, so a
 * person without JavaScript reads what happened and what to do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createTranslator, type UiStrings } from '../lib/i18n.ts';
import { DEFAULT_LOCALE, localeFromPath } from '../lib/locales.ts';
import { escapeHtml } from '../lib/escape-html.ts';

/** 403: not sent from a page of this site; 413: too large or too many fields; 415: not a form. */
export type Refusal = { status: 429; retryAfterSeconds: number } | { status: 403 | 413 | 415 };

export function writeRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal, ui: Record<string, UiStrings>): void {
	// The raw request target, not a URL: a client may send anything there ("POST http://[").
	const locale = localeFromPath((req.url ?? '/').split(/[?#]/)[0]!) ?? DEFAULT_LOCALE;
	const t = createTranslator(ui[locale]!);
	const [title, text] =
		refusal.status === 429 ? [t('rate.title'), t('rate.text', { seconds: refusal.retryAfterSeconds })] : [t('error.summary'), t('error.form')];
	const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' };
	if (refusal.status === 429) headers['Retry-After'] = String(refusal.retryAfterSeconds);
	res.writeHead(refusal.status, headers);
	res.end(
		`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
			`<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="/${locale}/">${escapeHtml(t('notFound.home'))}</a></p></main></body></html>`,
	);
	// Do not read a body we refused: close the connection once the answer is out.
	res.once('finish', () => req.destroy());
}
