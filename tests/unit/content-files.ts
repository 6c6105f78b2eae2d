/** Reads content files for the unit tests: the tests' own fixture content, and the shipped `content/`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseUiStrings } from '../../src/lib/i18n.ts';
import { LOCALES, type Locale } from '../../src/lib/locales.ts';
import { createTranslator, type Translate, type UiStrings } from '../../src/lib/translate.ts';

/** The tests' own content (tests/fixtures/content), independent of the demo data operators replace. */
export const CONTENT = join(import.meta.dirname, '../fixtures/content');
/** The content this repository ships (demo data an operator replaces): checked for validity only. */
export const SHIPPED = join(import.meta.dirname, '../../content');

export function readYaml(path: string, dir = CONTENT): unknown {
	return parse(readFileSync(join(dir, path), 'utf8'));
}

export function yamlFiles(folder: string, dir = CONTENT): string[] {
	return readdirSync(join(dir, folder)).filter((f) => f.endsWith('.yaml'));
}

/** The text of a file, e.g. an MDX guidance page. */
export function readText(path: string, dir = CONTENT): string {
	return readFileSync(join(dir, path), 'utf8');
}

/** The YAML frontmatter of an MDX file. */
export function frontmatter(path: string, dir = CONTENT): unknown {
	const text = readFileSync(join(dir, path), 'utf8');
	const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
	if (!match) throw new Error(`${path} has no frontmatter`);
	return parse(match[1]!);
}

/** The UI strings of one locale, checked as the build checks them. */
export function readUi(locale: Locale, dir = CONTENT): UiStrings {
	return parseUiStrings(locale, readYaml(`ui/${locale}.yaml`, dir), `ui/${locale}.yaml`);
}

/** The UI strings of every locale. */
export const allUi = (dir = CONTENT) =>
	Object.fromEntries(LOCALES.map((l) => [l, readUi(l, dir)])) as Record<Locale, UiStrings>;

/** The translator a page of this locale gets. */
export const translatorFor = (locale: Locale, dir = CONTENT): Translate =>
	createTranslator(locale, readUi(locale, dir));
