/** Reads the shipped content files for the unit tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const CONTENT = join(import.meta.dirname, '../../content');

export function readYaml(path: string): unknown {
	return parse(readFileSync(join(CONTENT, path), 'utf8'));
}

export function yamlFiles(folder: string): string[] {
	return readdirSync(join(CONTENT, folder)).filter((f) => f.endsWith('.yaml'));
}

/** The YAML frontmatter of an MDX file. */
export function frontmatter(path: string): unknown {
	const text = readFileSync(join(CONTENT, path), 'utf8');
	const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
	if (!match) throw new Error(`${path} has no frontmatter`);
	return parse(match[1]!);
}
