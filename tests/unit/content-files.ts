/** Reads content files for the unit tests: the tests' own fixture content, and the shipped `content/`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

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
