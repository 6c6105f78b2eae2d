/**
 * The built site's files (`dist/client`), indexed once at start and served without asking Astro:
 * prerendered pages with their own headers from the build (their Content-Security-Policy with
 * script and style hashes), scripts, styles and search files. Each file and the Brotli and gzip
 * copies the build wrote next to it (`precompress.ts`) are read into memory once, so a request
 * costs a lookup and a write: no file read, no compression. Each representation has its own
 * ETag, so a cache never gets a 304 for the Brotli copy when it holds the gzip one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, sep } from 'node:path';
import { builtFiles, COMPRESSIBLE, ENCODINGS, type Encoding } from './precompress.ts';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml',
	'.wasm': 'application/wasm',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
};
const COPY_SUFFIXES = new Set<string>(Object.values(ENCODINGS));

interface Representation {
	body: Buffer;
	etag: string;
}

interface StaticFile {
	type: string;
	lastModified: string;
	cacheControl: string;
	/** Whether compressed copies exist, so the answer depends on Accept-Encoding. */
	varies: boolean;
	/** Headers the build recorded for this page (its CSP). */
	headers: readonly [string, string][];
	identity: Representation;
	encoded: Partial<Record<Encoding, Representation>>;
}

export interface StaticFiles {
	/** The file at a request path (`/en/doubt/` is `en/doubt/index.html`), if there is one. */
	find(pathname: string): StaticFile | undefined;
	/** Whether `pathname + "/"` is a page: the path lacks its trailing slash. */
	isFolder(pathname: string): boolean;
	send(req: IncomingMessage, res: ServerResponse, file: StaticFile): void;
}

type HeadersJson = { pathname: string; headers: { key: string; value: string }[] }[];

function representation(body: Buffer, tag: string): Representation {
	return { body, etag: `"${tag}"` };
}

export function loadStaticFiles(clientDir: string, pageHeaders: HeadersJson = []): StaticFiles {
	const headersByPath = new Map(pageHeaders.map((h) => [h.pathname, h.headers.map(({ key, value }) => [key, value] as [string, string])]));
	const files = new Map<string, StaticFile>();
	for (const path of builtFiles(clientDir)) {
		const ext = extname(path);
		// A compressed copy is served in place of its file, never at its own address.
		if (COPY_SUFFIXES.has(ext) && existsSync(path.slice(0, -ext.length))) continue;
		const urlPath = '/' + relative(clientDir, path).split(sep).join('/');
		const body = readFileSync(path);
		const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
		const encoded: StaticFile['encoded'] = {};
		if (COMPRESSIBLE.has(ext)) {
			for (const [encoding, suffix] of Object.entries(ENCODINGS) as [Encoding, string][]) {
				if (existsSync(path + suffix)) encoded[encoding] = representation(readFileSync(path + suffix), `${hash}-${suffix.slice(1)}`);
			}
		}
		const pagePath = urlPath.endsWith('/index.html') ? urlPath.slice(0, -'index.html'.length) : undefined;
		files.set(pagePath ?? urlPath, {
			type: TYPES[ext] ?? 'application/octet-stream',
			lastModified: statSync(path).mtime.toUTCString(),
			// Astro's own assets carry a content hash in their name: they never change.
			cacheControl: urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
			varies: Object.keys(encoded).length > 0,
			headers: (pagePath && headersByPath.get(pagePath)) || [],
			identity: representation(body, hash),
			encoded,
		});
	}

	return {
		find: (pathname) => files.get(pathname),
		isFolder: (pathname) => !pathname.endsWith('/') && files.has(`${pathname}/`),
		send(req, res, file) {
			const encoding = file.varies ? preferredEncoding(req.headers['accept-encoding'], file) : undefined;
			const chosen = encoding ? file.encoded[encoding]! : file.identity;
			for (const [name, value] of file.headers) res.setHeader(name, value);
			res.setHeader('Content-Type', file.type);
			res.setHeader('ETag', chosen.etag);
			res.setHeader('Last-Modified', file.lastModified);
			res.setHeader('Cache-Control', file.cacheControl);
			if (file.varies) res.setHeader('Vary', 'Accept-Encoding');
			if (fresh(req, chosen.etag, file.lastModified)) {
				res.writeHead(304);
				res.end();
				return;
			}
			if (encoding) res.setHeader('Content-Encoding', encoding);
			res.setHeader('Content-Length', chosen.body.length);
			res.writeHead(200);
			res.end(req.method === 'HEAD' ? undefined : chosen.body);
		},
	};
}

function fresh(req: IncomingMessage, etag: string, lastModified: string): boolean {
	const match = req.headers['if-none-match'];
	if (match !== undefined) return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
	const since = req.headers['if-modified-since'];
	return since !== undefined && Date.parse(since) >= Date.parse(lastModified);
}

/** Brotli where the browser takes it (every current one over HTTPS), else gzip, else none. */
function preferredEncoding(accept: string | undefined, file: StaticFile): Encoding | undefined {
	if (!accept) return undefined;
	const offered = new Map(
		accept.split(',').map((part) => {
			const [name = '', ...params] = part.trim().toLowerCase().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return [name.trim(), q === undefined ? 1 : Number(q)] as const;
		}),
	);
	const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
	return (Object.keys(ENCODINGS) as Encoding[]).find((encoding) => file.encoded[encoding] && accepts(encoding));
}
