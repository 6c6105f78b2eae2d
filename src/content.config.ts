/**
 * Content collections: everything operators edit lives in the top-level `content/` folder (or the
 * folder named by `CONTENT_DIR`: the tests build against their own fixture content) and is
 * validated here at build time. A bad entry fails the build with the file and the field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
	countrySchemaFor,
	guidanceSchema,
	officeSchema,
	siteSchema,
} from './lib/content-schemas.ts';
import { parseUiStrings } from './lib/i18n.ts';

const CONTENT_DIR = process.env['CONTENT_DIR'] || './content';
/**
 * The enabled locales, read ahead of the collections because the countries' texts are checked
 * against them (the site entry itself is validated by `siteSchema` below).
 */
const enabledLocales = siteSchema.shape.locales.parse(
	parse(readFileSync(`${CONTENT_DIR}/site.yaml`, 'utf8'))?.locales,
);
const yamlFiles = (folder: string) => glob({ pattern: '*.yaml', base: `${CONTENT_DIR}/${folder}` });

export const collections = {
	/** `content/site.yaml`: one entry with the id "site". */
	site: defineCollection({
		loader: async () => [
			{ id: 'site', ...parse(await readFile(`${CONTENT_DIR}/site.yaml`, 'utf8')) },
		],
		schema: siteSchema,
	}),
	/** `content/countries/<code>.yaml`, id = lower-case country code. */
	countries: defineCollection({
		loader: yamlFiles('countries'),
		schema: countrySchemaFor(enabledLocales),
	}),
	/** `content/offices/<id>.yaml`, one file per office. */
	offices: defineCollection({ loader: yamlFiles('offices'), schema: officeSchema }),
	/**
	 * `content/ui/<locale>.yaml`, id = locale. Checked in the loader, which knows the locale: a
	 * plural string needs the forms of its own language.
	 */
	ui: defineCollection({
		loader: async () =>
			Promise.all(
				(await readdir(`${CONTENT_DIR}/ui`))
					.filter((name) => name.endsWith('.yaml'))
					.map(async (name) => {
						const locale = name.slice(0, -'.yaml'.length);
						const file = `${CONTENT_DIR}/ui/${name}`;
						return {
							id: locale,
							...parseUiStrings(locale, parse(await readFile(file, 'utf8')), file),
						};
					}),
			),
	}),
	/** `content/guidance/<locale>/<slug>.mdx`, id = "<locale>/<slug>". */
	guidance: defineCollection({
		loader: glob({ pattern: '*/*.mdx', base: `${CONTENT_DIR}/guidance` }),
		schema: guidanceSchema,
	}),
};
