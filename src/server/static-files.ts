/**
 * The built site's files (`dist/client`), indexed once at start and served without asking Astro:
 * prerendered pages with their own headers from the build (their Content-Security-Policy with
 * script and style hashes), scripts, styles and search files. Each file and the Brotli and gzip
 * copies the build wrote next to it (`precompress.ts`) are read into memory once, so a request
 * costs a lookup and a write: no file read, no compression, and no header built – each
 * representation's complete header list (security headers, the page's CSP, validators) is made
 * at start and handed to Node as it is. Each representation has its own ETag, so a cache never
 * gets a 304 for the Brotli copy when it holds the gzip one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, sep } from 'node:path';
import { builtFiles, COMPRESSIBLE, ENCODINGS, type Encoding } from './precompress.ts';
import { securityHeadersFor, STRICT_TRANSPORT } from './security-headers.ts';

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

/** Header names and values in turn, as `writeHead` takes them without copying. */
type HeaderList = string[];

interface Representation {
	body: Buffer;
	etag: string;
	/** For a 200 and for a 304 (which carries no body headers). */
	full: HeaderList;
	notModified: HeaderList;
}

interface StaticFile {
	lastModified: string;
	/** Whether compressed copies exist, so the answer depends on Accept-Encoding. */
	varies: boolean;
	identity: Representation;
	encoded: Partial<Record<Encoding, Representation>>;
}

export interface StaticFiles {
	/** The file at a request path (`/en/doubt/` is `en/doubt/index.html`), if there is one. */
	find(pathname: string): StaticFile | undefined;
	/** Whether `pathname + "/"` is a page: the path lacks its trailing slash. */
	isFolder(pathname: string): boolean;
	/** `https`: the request came over HTTPS, so the answer carries HSTS. */
	send(req: IncomingMessage, res: ServerResponse, file: StaticFile, https: boolean): void;
}

type HeadersJson = { pathname: string; headers: { key: string; value: string }[] }[];

/** `common` holds the headers of every answer about the file; the page's own (its CSP) win over the general ones. */
function representation(
	body: Buffer,
	tag: string,
	common: Record<string, string>,
	encoding?: Encoding,
): Representation {
	const etag = `"${tag}"`;
	const notModified = Object.entries({ ...common, ETag: etag }).flat();
	const full = [
		...notModified,
		...(encoding ? ['Content-Encoding', encoding] : []),
		'Content-Length',
		String(body.length),
	];
	return { body, etag, full, notModified };
}

export function loadStaticFiles(clientDir: string, pageHeaders: HeadersJson = []): StaticFiles {
	const headersByPath = new Map(
		pageHeaders.map((h) => [
			h.pathname,
			h.headers.map(({ key, value }) => [key, value] as [string, string]),
		]),
	);
	const files = new Map<string, StaticFile>();
	for (const path of builtFiles(clientDir)) {
		const ext = extname(path);
		// A compressed copy is served in place of its file, never at its own address.
		if (COPY_SUFFIXES.has(ext) && existsSync(path.slice(0, -ext.length))) continue;
		const urlPath = '/' + relative(clientDir, path).split(sep).join('/');
		const body = readFileSync(path);
		const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
		const copies = COMPRESSIBLE.has(ext)
			? (Object.entries(ENCODINGS) as [Encoding, string][]).filter(([, suffix]) =>
					existsSync(path + suffix),
				)
			: [];
		const pagePath = urlPath.endsWith('/index.html')
			? urlPath.slice(0, -'index.html'.length)
			: undefined;
		const lastModified = statSync(path).mtime.toUTCString();
		const common: Record<string, string> = {
			...securityHeadersFor(urlPath),
			...Object.fromEntries((pagePath && headersByPath.get(pagePath)) || []),
			'Content-Type': TYPES[ext] ?? 'application/octet-stream',
			'Last-Modified': lastModified,
			// Astro's own assets carry a content hash in their name: they never change.
			'Cache-Control': urlPath.startsWith('/_astro/')
				? 'public, max-age=31536000, immutable'
				: 'public, max-age=0, must-revalidate',
			...(copies.length > 0 ? { Vary: 'Accept-Encoding' } : {}),
		};
		files.set(pagePath ?? urlPath, {
			lastModified,
			varies: copies.length > 0,
			identity: representation(body, hash, common),
			encoded: Object.fromEntries(
				copies.map(([encoding, suffix]) => [
					encoding,
					representation(
						readFileSync(path + suffix),
						`${hash}-${suffix.slice(1)}`,
						common,
						encoding,
					),
				]),
			),
		});
	}

	return {
		find: (pathname) => files.get(pathname),
		isFolder: (pathname) => !pathname.endsWith('/') && files.has(`${pathname}/`),
		send(req, res, file, https) {
			const encoding = file.varies
				? preferredEncoding(req.headers['accept-encoding'], file)
				: undefined;
			const chosen = encoding ? file.encoded[encoding]! : file.identity;
			const notModified = fresh(req, chosen.etag, file.lastModified);
			const headers = notModified ? chosen.notModified : chosen.full;
			res.writeHead(notModified ? 304 : 200, https ? [...headers, ...STRICT_TRANSPORT] : headers);
			res.end(notModified || req.method === 'HEAD' ? undefined : chosen.body);
		},
	};
}

function fresh(req: IncomingMessage, etag: string, lastModified: string): boolean {
	const match = req.headers['if-none-match'];
	if (match !== undefined)
		return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
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
	return (Object.keys(ENCODINGS) as Encoding[]).find(
		(encoding) => file.encoded[encoding] && accepts(encoding),
	);
}
