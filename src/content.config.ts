/**
 * Content collections: everything operators edit lives in the top-level `content/` folder (or the
 * folder named by `CONTENT_DIR`: the tests build against their own fixture content) and is
 * validated here at build time. A bad entry fails the build with the file and the field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
	countrySchema,
	guidanceSchema,
	officeSchema,
	siteSchema,
} from './lib/content-schemas.ts';
import { parseUiStrings } from './lib/i18n.ts';
import { LOCALES } from './lib/locales.ts';

const CONTENT_DIR = process.env['CONTENT_DIR'] || './content';
const yamlFiles = (folder: string) => glob({ pattern: '*.yaml', base: `${CONTENT_DIR}/${folder}` });

export const collections = {
	/** `content/site.yaml`: one entry with the id "site". */
	site: defineCollection({
		loader: async () => [{ id: 'site', ...parse(await readFile(`${CONTENT_DIR}/site.yaml`, 'utf8')) }],
		schema: siteSchema,
	}),
	/** `content/countries/<code>.yaml`, id = lower-case country code. */
	countries: defineCollection({ loader: yamlFiles('countries'), schema: countrySchema }),
	/** `content/offices/<id>.yaml`, one file per office. */
	offices: defineCollection({ loader: yamlFiles('offices'), schema: officeSchema }),
	/**
	 * `content/ui/<locale>.yaml`, id = locale. Checked in the loader, which knows the locale: a
	 * plural string needs the forms of its own language.
	 */
	ui: defineCollection({
		loader: () =>
			Promise.all(
				LOCALES.map(async (locale) => {
					const file = `${CONTENT_DIR}/ui/${locale}.yaml`;
					return { id: locale, ...parseUiStrings(locale, parse(await readFile(file, 'utf8')), file) };
				}),
			),
	}),
	/** `content/guidance/<locale>/<slug>.mdx`, id = "<locale>/<slug>". */
	guidance: defineCollection({
		loader: glob({ pattern: '*/*.mdx', base: `${CONTENT_DIR}/guidance` }),
		schema: guidanceSchema,
	}),
};
