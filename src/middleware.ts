/**
 * Resolves the locale and the jurisdiction from the path once per request (and once per
 * prerendered page) and puts a typed translator on `Astro.locals`, as Starlight does.
 */
import { defineMiddleware } from 'astro:middleware';
import { getJurisdictions, getTranslator } from './content-queries.ts';
import { DEFAULT_LOCALE, localeFromPath } from './lib/locales.ts';
import { jurisdictionFromPath } from './lib/site-paths.ts';

export const onRequest = defineMiddleware(async (context, next) => {
	const locale = localeFromPath(context.url.pathname) ?? DEFAULT_LOCALE;
	context.locals.locale = locale;
	context.locals.t = await getTranslator(locale);
	context.locals.jurisdiction = jurisdictionFromPath(context.url.pathname, await getJurisdictions());
	return next();
});
