/**
 * The one HTTP server: wraps the handler of the built Astro app (static files, on-demand pages,
 * actions and endpoints) with the response headers every page needs, and shuts down cleanly.
 * Loaded directly by Node (type stripping), so only erasable TypeScript here.
 */
import compression from 'compression';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { securityHeaders } from './security-headers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ServeOptions {
	/** Path of the built server entry (`dist/server/entry.mjs`). */
	entry: string;
	host?: string;
	port?: number;
}

export async function serve({ entry, host = process.env.HOST || '127.0.0.1', port = Number(process.env.PORT || 4321) }: ServeOptions) {
	// The adapter would start its own server on import; we start ours around its handler.
	process.env.ASTRO_NODE_AUTOSTART = 'disabled';
	const { handler } = (await import(pathToFileURL(entry).href)) as { handler: Handler };

	// gzip for pages, styles and scripts: a guidance page is a few kilobytes on the wire.
	const compress = compression();
	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(securityHeaders(req))) res.setHeader(name, value);
		// `compression` is typed for Express; plain Node request and response are what it uses.
		compress(req as never, res as never, () => handler(req, res));
	});
	server.keepAliveTimeout = 5_000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	console.log(`Listening on http://${host}:${port}/`);

	const stop = (signal: string) => {
		console.log(`${signal}: no new connections; finishing open requests.`);
		server.close(() => process.exit(0));
		server.closeIdleConnections();
		// Do not hang forever on a client that keeps a connection open.
		setTimeout(() => process.exit(0), 10_000).unref();
	};
	process.once('SIGTERM', () => stop('SIGTERM'));
	process.once('SIGINT', () => stop('SIGINT'));
	return server;
}
