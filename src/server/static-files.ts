/**
 * The built site's files (`dist/client`), indexed once at start and served without asking Astro:
 * prerendered pages with their own headers from the build (their Content-Security-Policy with
 * script and style hashes), scripts, styles and search files. Each file is read into memory once
 * (the whole site is a few megabytes) and compressed once per encoding on first request, so a
 * page costs a lookup and a write, not a file read and a compression each time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
/** Pagefind's index files are already compressed by Pagefind; compressing them again only costs. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.txt', '.xml']);

interface StaticFile {
	body: Buffer;
	type: string;
	etag: string;
	lastModified: string;
	cacheControl: string;
	compressible: boolean;
	/** Headers the build recorded for this page (its CSP). */
	headers: readonly [string, string][];
	encoded: Partial<Record<'br' | 'gzip', Buffer>>;
}

export interface StaticFiles {
	/** The file at a request path (`/en/doubt/` is `en/doubt/index.html`), if there is one. */
	find(pathname: string): StaticFile | undefined;
	/** Whether `pathname + "/"` is a page: the path lacks its trailing slash. */
	isFolder(pathname: string): boolean;
	send(req: IncomingMessage, res: ServerResponse, file: StaticFile): void;
}

type HeadersJson = { pathname: string; headers: { key: string; value: string }[] }[];

export function loadStaticFiles(clientDir: string, pageHeaders: HeadersJson = []): StaticFiles {
	const headersByPath = new Map(pageHeaders.map((h) => [h.pathname, h.headers.map(({ key, value }) => [key, value] as [string, string])]));
	const files = new Map<string, StaticFile>();
	for (const path of walk(clientDir)) {
		const urlPath = '/' + relative(clientDir, path).split(sep).join('/');
		const ext = extname(path);
		const body = readFileSync(path);
		const pagePath = urlPath.endsWith('/index.html') ? urlPath.slice(0, -'index.html'.length) : undefined;
		const file: StaticFile = {
			body,
			type: TYPES[ext] ?? 'application/octet-stream',
			etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
			lastModified: statSync(path).mtime.toUTCString(),
			// Astro's own assets carry a content hash in their name: they never change.
			cacheControl: urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
			compressible: COMPRESSIBLE.has(ext),
			headers: (pagePath && headersByPath.get(pagePath)) || [],
			encoded: {},
		};
		files.set(pagePath ?? urlPath, file);
	}

	return {
		find: (pathname) => files.get(pathname),
		isFolder: (pathname) => !pathname.endsWith('/') && files.has(`${pathname}/`),
		send(req, res, file) {
			for (const [name, value] of file.headers) res.setHeader(name, value);
			res.setHeader('Content-Type', file.type);
			res.setHeader('ETag', file.etag);
			res.setHeader('Last-Modified', file.lastModified);
			res.setHeader('Cache-Control', file.cacheControl);
			if (file.compressible) res.setHeader('Vary', 'Accept-Encoding');
			if (fresh(req, file)) {
				res.writeHead(304);
				res.end();
				return;
			}
			const encoding = file.compressible ? preferredEncoding(req.headers['accept-encoding']) : undefined;
			const body = encoding ? (file.encoded[encoding] ??= compress(file.body, encoding)) : file.body;
			if (encoding) res.setHeader('Content-Encoding', encoding);
			res.setHeader('Content-Length', body.length);
			res.writeHead(200);
			res.end(req.method === 'HEAD' ? undefined : body);
		},
	};
}

function* walk(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* walk(path);
		else if (entry.isFile()) yield path;
	}
}

function fresh(req: IncomingMessage, file: StaticFile): boolean {
	const match = req.headers['if-none-match'];
	if (match !== undefined) return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag);
	const since = req.headers['if-modified-since'];
	return since !== undefined && Date.parse(since) >= Date.parse(file.lastModified);
}

/** Brotli where the browser takes it (every current one over HTTPS), else gzip, else none. */
function preferredEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
	if (!accept) return undefined;
	const offered = new Map(
		accept.split(',').map((part) => {
			const [name = '', ...params] = part.trim().toLowerCase().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
			return [name.trim(), q === undefined ? 1 : Number(q)] as const;
		}),
	);
	const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
	if (accepts('br')) return 'br';
	if (accepts('gzip')) return 'gzip';
	return undefined;
}

function compress(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
	return encoding === 'br'
		? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
		: gzipSync(body, { level: 9 });
}
