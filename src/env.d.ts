/// <reference types="astro/client" />

declare namespace App {
	interface Locals {
		/** Locale of the requested page, from its first path segment; the default on `/`. */
		locale: import('./lib/locales.ts').Locale;
		/** Interface strings of that locale. */
		t: import('./lib/translate.ts').Translate;
		/**
		 * The server's services, on on-demand requests only (handed over by `http-server.ts`);
		 * read them with `servicesOf(Astro.locals)`.
		 */
		services?: import('./server/services.ts').Services;
		/** Who is asking, as the rate limits count it (see client-address.ts); on on-demand requests. */
		client?: string;
		/** The origin the browser addressed (see origin-check.ts); the office's passkeys are bound to its host. On on-demand requests. */
		origin?: string | undefined;
		/**
		 * The country whose law the page shows: from the path (or the only one configured); a form
		 * page sets it from its `country` answer. Undefined where the reader has not chosen yet.
		 */
		jurisdiction: import('./lib/country-codes.ts').CountryCode | undefined;
		/** A form's answer to its post, from the server (server/forms/answer-form.ts); the middleware makes it the action result. */
		formAnswer?: import('./server/forms/answer-form.ts').FormAnswer;
		/** Set by the calendar endpoint before it hands a bad link to the page that explains it. */
		calendarLink?: { problem: 'forged' | 'expired' | 'cancelled'; officeId?: string };
	}
}
