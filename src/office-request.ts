/**
 * What every office workspace page does first: no caching and no indexing, the signed-in person
 * (from the session cookie), and the translator of their chosen language – before sign-in, of
 * `?lang=` or the browser's preferred language. Kept out of `src/server` because it uses Astro's
 * request objects and the content collections.
 */
import type { AstroGlobal } from 'astro';
import { getLocales, getTranslator } from './content-queries.ts';
import { isLocale, LOCALES, type Locale } from './lib/locales.ts';
import type { Translate } from './lib/translate.ts';
import { ABSOLUTE_MS } from './server/office/office-sessions.ts';
import type { OfficeServices } from './server/office/office-services.ts';
import type { SignedIn } from './server/office/office-sessions.ts';
import { servicesOf } from './server/services.ts';

export interface OfficeRequest {
	office: OfficeServices;
	signedIn: SignedIn | undefined;
	locale: Locale;
	t: Translate;
	/** The origin the browser addressed: passkeys are bound to its host. */
	origin: string;
	/** The posted form (a body that is no form counts as an empty one). */
	form: FormData | undefined;
	/** Starts the session cookie for a session id. */
	setSession(id: string): void;
	clearSession(): void;
}

/** The first of the browser's languages the workspace has, else the site's first language. */
function preferredLocale(header: string | null, fallback: Locale): Locale {
	for (const part of (header ?? '').split(',')) {
		const tag = part.split(';')[0]!.trim().toLowerCase().split('-')[0];
		if (isLocale(tag)) return tag;
	}
	return fallback;
}

export async function officeRequest(astro: AstroGlobal): Promise<OfficeRequest> {
	const { office } = servicesOf(astro.locals);
	astro.response.headers.set('Cache-Control', 'no-store');
	astro.response.headers.set('X-Robots-Tag', 'noindex, nofollow');
	const { cookie } = office.sessions;
	const signedIn = await office.sessions.resolve(astro.cookies.get(cookie.name)?.value);
	const asked = astro.url.searchParams.get('lang');
	const chosen = signedIn?.person.locale;
	const locale: Locale = isLocale(chosen)
		? chosen
		: isLocale(asked)
			? asked
			: preferredLocale(astro.request.headers.get('accept-language'), (await getLocales())[0]!);
	astro.locals.locale = locale;
	const t = await getTranslator(locale);
	astro.locals.t = t;
	const form =
		astro.request.method === 'POST'
			? await astro.request.formData().catch(() => new FormData())
			: undefined;
	return {
		office,
		signedIn,
		locale,
		t,
		origin: astro.locals.origin ?? astro.url.origin,
		form,
		setSession(id) {
			astro.cookies.set(cookie.name, id, {
				httpOnly: true,
				secure: cookie.secure,
				sameSite: 'strict',
				path: '/',
				maxAge: ABSOLUTE_MS / 1000,
			});
		},
		clearSession() {
			astro.cookies.delete(cookie.name, {
				httpOnly: true,
				secure: cookie.secure,
				sameSite: 'strict',
				path: '/',
			});
		},
	};
}

/** A posted text field, trimmed; '' when missing. */
export const field = (form: FormData | undefined, name: string) =>
	String(form?.get(name) ?? '').trim();

export { LOCALES };
