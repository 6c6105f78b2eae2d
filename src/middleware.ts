/**
 * Resolves the locale and the jurisdiction from the path once per request (and once per
 * prerendered page) and puts a typed translator on `Astro.locals`, as Starlight does.
 * A shipped locale the deployment has not enabled (`locales` in site.yaml) has no pages: its
 * on-demand addresses (the forms) answer 404 like any unknown page.
 * A concern sent from the form is handled here: once it is stored, the answer is the redirect to
 * its confirmation straight away, without rendering the form page that would only have returned
 * that redirect (on the accept path that render cost more than the commit). Every other answer
 * of the form goes to the page as before.
 */
import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { getJurisdictions, getLocales, getTranslator } from './content-queries.ts';
import { CONCERN_FLOW } from './lib/concern-flow.ts';
import { localeFromPath } from './lib/locales.ts';
import { jurisdictionFromPath } from './lib/site-paths.ts';

export const onRequest = defineMiddleware(async (context, next) => {
	const enabled = await getLocales();
	const fromPath = localeFromPath(context.url.pathname);
	if (fromPath && !enabled.includes(fromPath) && !context.isPrerendered)
		return context.rewrite('/404/');
	const locale = fromPath && enabled.includes(fromPath) ? fromPath : enabled[0]!;
	context.locals.locale = locale;
	context.locals.t = await getTranslator(locale);
	context.locals.jurisdiction = jurisdictionFromPath(
		context.url.pathname,
		await getJurisdictions(),
	);
	const { action, setActionResult, serializeActionResult } = getActionContext(context);
	if (action?.calledFrom === 'form' && action.name === 'notify') {
		const result = await action.handler();
		// Only after the commit: "accepted" means stored.
		if (result.data?.state === 'accepted')
			return context.redirect(
				`/${locale}/notify/sent/?token=${encodeURIComponent(result.data.token)}`,
				CONCERN_FLOW.states.accepted.status as 303,
			);
		setActionResult(action.name, serializeActionResult(result));
	}
	return next();
});
