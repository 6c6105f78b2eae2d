/**
 * Resolves the locale and the jurisdiction from the path once per request (and once per
 * prerendered page) and puts a typed translator on `Astro.locals`, as Starlight does.
 * A shipped locale the deployment has not enabled (`locales` in site.yaml) has no pages: its
 * on-demand addresses (the forms) answer 404 like any unknown page.
 * A form's post was answered by the server before Astro (server/forms/answer-form.ts): its
 * answer becomes the action result the form's page renders, so Astro neither parses the body
 * again nor runs the action.
 */
import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { getJurisdictions, getLocales, getTranslator } from './content-queries.ts';
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
	const answer = context.locals.formAnswer;
	if (answer) {
		const { setActionResult, serializeActionResult } = getActionContext(context);
		setActionResult(answer.name, serializeActionResult({ data: answer.result, error: undefined }));
	}
	return next();
});
