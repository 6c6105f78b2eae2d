/**
 * Which HTTP methods a path takes. Every request gets a proper answer before anything else
 * looks at it: a method this site does not use gets 405 with `Allow` (one HTTP defines) or 501
 * (any other), so no method reaches code that was never meant for it.
 */
import { LOCALES } from '../lib/locales.ts';

/** Methods RFC 9110 and RFC 5789 define: a known method we do not allow is a 405, anything else a 501. */
const DEFINED = new Set([
	'GET',
	'HEAD',
	'POST',
	'PUT',
	'DELETE',
	'CONNECT',
	'OPTIONS',
	'TRACE',
	'PATCH',
]);

/** The pages whose forms post to themselves (Astro Actions with `accept: 'form'`). */
const FORM_PAGE = new RegExp(
	`^/(?:${LOCALES.join('|')})/(?:notify|consultation|consultation/cancel)/$`,
);

export type MethodAnswer =
	| { status: 'ok' }
	/** OPTIONS: what the path allows, and nothing else (no CORS: other sites get no permission). */
	| { status: 204; allow: string }
	| { status: 405; allow: string }
	| { status: 501 };

/** The office workspace's pages that take a form (see src/pages/office/). */
const OFFICE_FORM_PAGE =
	/^\/office\/(?:sign-in|link|passkey|sign-out|account|people|concerns\/[^/]+|specialists\/[^/]+\/[^/]+(?:\/availability)?)\/$/;

export function allowedMethods(pathname: string): string[] {
	return FORM_PAGE.test(pathname) || OFFICE_FORM_PAGE.test(pathname)
		? ['GET', 'HEAD', 'POST']
		: ['GET', 'HEAD'];
}

export function answerMethod(method: string | undefined, pathname: string): MethodAnswer {
	const allowed = allowedMethods(pathname);
	if (method !== undefined && allowed.includes(method)) return { status: 'ok' };
	if (method === 'OPTIONS') return { status: 204, allow: [...allowed, 'OPTIONS'].join(', ') };
	if (method !== undefined && DEFINED.has(method))
		return { status: 405, allow: [...allowed, 'OPTIONS'].join(', ') };
	return { status: 501 };
}
