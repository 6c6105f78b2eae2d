/**
 * The content the outbox worker needs (settings, offices, countries, UI and e-mail strings), read from the
 * `content/` folder with the same schemas the build uses. The worker runs outside Astro, so it
 * cannot use `astro:content`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
	countrySchema,
	officeSchema,
	siteSchema,
	type Country,
	type Office,
	type Site,
} from '../lib/content-schemas.ts';
import { parseUiStrings } from '../lib/i18n.ts';
import type { Locale } from '../lib/locales.ts';
import type { UiStrings } from '../lib/translate.ts';

export interface SiteContent {
	site: Site;
	offices: Map<string, Office & { id: string }>;
	countries: Map<string, Country>;
	/**
	 * UI and e-mail strings of every locale mail can be written in: the enabled locales (the
	 * professional's) and each office's language. Other locales cannot occur: their addresses
	 * answer 404 before a form is read.
	 */
	ui: Record<Locale, UiStrings>;
}

function yamlIn(folder: string): [string, unknown][] {
	return readdirSync(folder)
		.filter((f) => f.endsWith('.yaml'))
		.map((f) => [f.replace(/\.yaml$/, ''), parse(readFileSync(join(folder, f), 'utf8'))]);
}

export function loadSiteContent(dir = resolve(process.env.CONTENT_DIR ?? 'content')): SiteContent {
	const offices = new Map(
		yamlIn(join(dir, 'offices')).map(([id, data]) => [id, { id, ...officeSchema.parse(data) }]),
	);
	const countries = new Map(
		yamlIn(join(dir, 'countries'))
			.map(([, data]) => countrySchema.parse(data))
			.map((c) => [c.code, c]),
	);
	const site = siteSchema.parse(parse(readFileSync(join(dir, 'site.yaml'), 'utf8')));
	const written = new Set<Locale>([
		...site.locales,
		...[...offices.values()].map((o) => o.language),
	]);
	const ui = Object.fromEntries(
		[...written].map((l) => {
			const file = join(dir, 'ui', `${l}.yaml`);
			return [l, parseUiStrings(l, parse(readFileSync(file, 'utf8')), file)];
		}),
	) as Record<Locale, UiStrings>;
	return { site, offices, countries, ui };
}
