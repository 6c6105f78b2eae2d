/// <reference types="astro/client" />

declare namespace App {
	interface Locals {
		/** Locale of the requested page, from its first path segment; the default on `/`. */
		locale: import('./lib/locales.ts').Locale;
		/** Interface strings of that locale. */
		t: import('./lib/i18n.ts').Translate;
	}
}
