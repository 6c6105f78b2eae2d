/**
 * The one process: an HTTP server around the built Astro app's handler (static files, on-demand
 * pages, actions, endpoints) with the headers every response needs, plus the outbox worker.
 * SIGTERM: stop accepting, let open requests and the e-mail being sent finish, then exit.
 * Loaded directly by Node (type stripping), so only erasable TypeScript here.
 */
import compression from 'compression';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { config, ConfigError, type Config } from './config.ts';
import { loadSiteContent } from './content-files.ts';
import { writeHealth } from './health.ts';
import { outboxRenderer } from './mail/render-outbox-message.ts';
import { transportFromConfig } from './mail/transport-from-config.ts';
import { startOutboxWorker } from './outbox-worker.ts';
import { setOutboxWake } from './outbox-wake.ts';
import { getDataKey, getStore } from './runtime.ts';
import { clientAddress } from './client-address.ts';
import { createRateLimiter } from './rate-limit.ts';
import { writeRefusal, type Refusal } from './refusal-page.ts';
import { securityHeaders } from './security-headers.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Same as the adapter's bodySizeLimit in astro.config.mjs. */
const MAX_BODY_BYTES = 64 * 1024;
/** What a form posts as; anything else is not one of our forms. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The body of a request, or undefined as soon as it is longer than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				req.off('data', onData);
				req.pause();
				resolve(undefined);
				return;
			}
			chunks.push(chunk);
		};
		req.on('data', onData);
		req.once('end', () => resolve(Buffer.concat(chunks)));
		req.once('error', reject);
	});
}

export interface ServeOptions {
	/** Path of the built server entry (`dist/server/entry.mjs`). */
	entry: string;
}

export async function serve({ entry }: ServeOptions) {
	let settings: Config;
	try {
		settings = config();
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	const host = process.env.HOST || '127.0.0.1';
	const port = Number(process.env.PORT || 4321);

	// The adapter would start its own server on import; we start ours around its handler.
	process.env.ASTRO_NODE_AUTOSTART = 'disabled';
	const { handler } = (await import(pathToFileURL(entry).href)) as { handler: Handler };

	const store = getStore();
	const content = loadSiteContent();
	const worker = startOutboxWorker({
		store,
		transport: transportFromConfig(settings),
		render: outboxRenderer(store, getDataKey(), content, settings),
		ratePerSecond: settings.MAIL_RATE_PER_SECOND,
		retryBaseMs: settings.MAIL_RETRY_BASE_MS,
		retention: content.site.retention,
	});
	setOutboxWake(worker.wake);

	// Every post on this site is a form sent by a person: submissions, bookings, cancellations.
	const posts = createRateLimiter(settings.RATE_LIMIT_PER_MINUTE);
	setInterval(() => posts.sweep(), 1000).unref();
	function refusePost(req: IncomingMessage): Refusal | undefined {
		const rate = posts.take(clientAddress(req, settings.TRUST_PROXY));
		if (!rate.ok) return { status: 429, retryAfterSeconds: rate.retryAfterSeconds };
		const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
		if (!FORM_TYPES.includes(type)) return { status: 415 };
		return undefined;
	}

	// gzip for pages, styles and scripts: a guidance page is a few kilobytes on the wire.
	const compress = compression();
	const server = createServer((req, res) => {
		for (const [name, value] of Object.entries(securityHeaders(req, settings.TRUST_PROXY))) res.setHeader(name, value);
		if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return writeHealth(store, res);
		const refusal = req.method === 'POST' ? refusePost(req) : undefined;
		if (refusal) return writeRefusal(req, res, refusal, content.ui);
		// Refuse a declared oversized body before reading it.
		if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return writeRefusal(req, res, { status: 413 }, content.ui);
		// `compression` is typed for Express; plain Node request and response are what it uses.
		const next = () => compress(req as never, res as never, () => handler(req, res));
		if (req.method !== 'POST') return next();
		// Read a post here, so one sent in chunks past the limit also gets 413 (the adapter would
		// answer 500); the adapter takes a body already read from `req.body`.
		return void readBody(req, MAX_BODY_BYTES).then(
			(body) => {
				if (body === undefined) return writeRefusal(req, res, { status: 413 }, content.ui);
				(req as IncomingMessage & { body?: Buffer }).body = body;
				return next();
			},
			() => req.destroy(),
		);
	});
	server.keepAliveTimeout = 5_000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	console.log(`Listening on http://${host}:${actualPort}/ (mail: ${settings.MAIL_TRANSPORT}, data: ${settings.DATA_DIR})`);

	const stop = async (signal: string) => {
		console.log(`${signal}: finishing open requests and the e-mail being sent.`);
		// Do not hang forever on a client that keeps a connection open.
		setTimeout(() => process.exit(0), 15_000).unref();
		server.close();
		server.closeIdleConnections();
		await worker.stop();
		store.close();
		process.exit(0);
	};
	process.once('SIGTERM', () => void stop('SIGTERM'));
	process.once('SIGINT', () => void stop('SIGINT'));
	return server;
}
