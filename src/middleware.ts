/**
 * Resolves the locale from the path once per request (and once per prerendered page) and puts
 * a typed translator on `Astro.locals`, as Starlight does.
 */
import { defineMiddleware } from 'astro:middleware';
import { getTranslator } from './content-queries.ts';
import { DEFAULT_LOCALE, localeFromPath } from './lib/locales.ts';

export const onRequest = defineMiddleware(async (context, next) => {
	const locale = localeFromPath(context.url.pathname) ?? DEFAULT_LOCALE;
	context.locals.locale = locale;
	context.locals.t = await getTranslator(locale);
	return next();
});
