/**
 * Compression at build time: every built file worth compressing gets a Brotli (`.br`) and a gzip
 * (`.gz`) copy next to it, each at the strongest level, so the server only picks one and never
 * compresses a built file while someone waits (`static-files.ts`). A copy that would not be
 * smaller is not written. Run by `npm run build` after Astro and Pagefind (`scripts/precompress.mjs`).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Text formats; Pagefind's index files are compressed by Pagefind already. */
export const COMPRESSIBLE = new Set([
	'.html',
	'.css',
	'.js',
	'.mjs',
	'.json',
	'.svg',
	'.txt',
	'.xml',
]);

/** Content-Encoding → the suffix of its copy, in the order the server prefers them. */
export const ENCODINGS = { br: '.br', gzip: '.gz' } as const;
export type Encoding = keyof typeof ENCODINGS;

/** gzip at its strongest (level 9); the nginx benchmark serves with the same level. */
export const GZIP_LEVEL = 9;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function encode(body: Buffer, encoding: Encoding): Promise<Buffer> {
	return encoding === 'br'
		? brotli(body, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
					[constants.BROTLI_PARAM_SIZE_HINT]: body.length,
				},
			})
		: gzipAsync(body, { level: GZIP_LEVEL });
}

export function* builtFiles(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* builtFiles(path);
		else if (entry.isFile()) yield path;
	}
}

/** Writes the compressed copies of the files under `dir`; returns how many files got copies. */
export async function precompress(
	dir: string,
): Promise<{ files: number; bytes: number; compressed: Record<Encoding, number> }> {
	const paths = [...builtFiles(dir)].filter((p) => COMPRESSIBLE.has(extname(p)));
	const compressed = { br: 0, gzip: 0 };
	let bytes = 0;
	// A few at a time: zlib runs them on the thread pool, and memory stays small at national scale.
	const queue = [...paths];
	const worker = async () => {
		for (let path = queue.pop(); path; path = queue.pop()) {
			const body = readFileSync(path);
			bytes += body.length;
			for (const encoding of Object.keys(ENCODINGS) as Encoding[]) {
				const copy = await encode(body, encoding);
				// Not smaller: no copy (and none left over from an earlier build).
				if (copy.length >= body.length) rmSync(path + ENCODINGS[encoding], { force: true });
				else writeFileSync(path + ENCODINGS[encoding], copy);
				if (copy.length >= body.length) continue;
				compressed[encoding] += copy.length;
			}
		}
	};
	await Promise.all(Array.from({ length: 4 }, worker));
	return { files: paths.length, bytes, compressed };
}
