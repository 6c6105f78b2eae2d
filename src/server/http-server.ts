/**
 * The one process and its composition root: the configuration, the store, the data key, the
 * content the e-mails need and the outbox worker are built here once, and handed to Astro's
 * pages and actions with each request (`locals.services`, see services.ts). The HTTP server in
 * front answers everything that is not the site's business itself – methods, health, the built
 * files, refusals – so only form pages and endpoints reach Astro.
 * SIGTERM: stop accepting, let open requests and the e-mail being sent finish, then exit.
 * Loaded directly by Node (type stripping), so only erasable TypeScript here.
 */
import compression from 'compression';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clientAddress } from './client-address.ts';
import type { Config } from './config.ts';
import { capConnections, serverOptions, type ConnectionLimits } from './connection-guard.ts';
import { loadSiteContent, type SiteContent } from './content-files.ts';
import { loadDataKey, pseudonymiser } from './data-crypto.ts';
import { countFields, formFields, formType, readBody } from './form-body.ts';
import { formAnswers, type FormAnswer } from './forms/answer-form.ts';
import { writeHealth, writeHealthDetails } from './health.ts';
import { outboxRenderer } from './mail/render-outbox-message.ts';
import { transportFromConfig } from './mail/transport-from-config.ts';
import { answerMethod } from './method-policy.ts';
import { requestOrigin, sameOrigin } from './origin-check.ts';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.ts';
import { withReasonPhrases } from './reason-phrase.ts';
import { createDeadlineCheck } from './office/deadline-check.ts';
import { writeRefusal, type Refusal } from './refusal-page.ts';
import { overHttps, securityHeaders } from './security-headers.ts';
import { createServices } from './services.ts';
import { loadStaticFiles } from './static-files.ts';
import { openStore } from './store.ts';
import { CONCERN_FLOW } from '../lib/concern-flow.ts';
import { CONTROL_FIELDS } from '../lib/control-fields.ts';

/** Astro's handler in the node adapter's middleware mode: `locals` reach every page and action. */
type AstroHandler = (
	req: IncomingMessage,
	res: ServerResponse,
	next: undefined,
	locals: App.Locals | object,
) => Promise<void>;

/** A concern is a few kilobytes; 64 KB leaves room and refuses anything bigger (413). */
const MAX_BODY_BYTES = 64 * 1024;
/** The concern form has about 30 fields with every category ticked; nothing of ours posts more. */
const MAX_FIELDS = 200;
/** Deadlines are minutes apart at the finest (the hour-based ones): a minute is soon enough. */
const DEADLINE_CHECK_MS = 60_000;

export interface ServeOptions {
	config: Config;
	/** The build: `dist/` with `server/entry.mjs`, `client/` and `_headers.json`. */
	distDir: string;
	/** The content folder (offices, countries, texts) the e-mails are written from. */
	contentDir: string;
	/**
	 * That folder's content when the caller has read it already (`npm start` reads it for the
	 * demo guard): at national scale, reading hundreds of office files again doubled the start.
	 */
	content?: SiteContent;
}

export async function serve({
	config,
	distDir,
	contentDir,
	content = loadSiteContent(contentDir),
}: ServeOptions) {
	const { handler: astro } = (await import(
		pathToFileURL(join(distDir, 'server/entry.mjs')).href
	)) as { handler: AstroHandler };
	const headersFile = join(distDir, '_headers.json');
	const files = loadStaticFiles(
		join(distDir, 'client'),
		existsSync(headersFile) ? JSON.parse(readFileSync(headersFile, 'utf8')) : [],
	);

	const store = await openStore(config);
	const dataKey = loadDataKey(config.DATA_DIR, config.DATA_KEY);
	const transport = transportFromConfig(config);
	let worker: OutboxWorker | undefined;
	const wakeOutbox = () => worker?.wake();
	const services = createServices({ config, store, dataKey, wakeOutbox, content });
	const forms = formAnswers(content);
	worker = startOutboxWorker({
		store,
		transport,
		render: outboxRenderer(store, dataKey, content, config, services.bookings.tokens),
		ratePerSecond: config.MAIL_RATE_PER_SECOND,
		retryBaseMs: config.MAIL_RETRY_BASE_MS,
		retention: content.site.retention,
		leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
	});
	// Reminders before each concern's deadlines and escalations after them, queued once each.
	const deadlineCheck = createDeadlineCheck({ store, deadlines: services.deadlines, wakeOutbox });
	deadlineCheck.start(DEADLINE_CHECK_MS);

	const publicOrigin = new URL(config.SITE_URL).origin;
	// Every post on this site is a form sent by a person: submissions, bookings, cancellations.
	const posts = store.rateLimiter('posts', config.RATE_LIMIT_PER_MINUTE, 60_000);
	const officePosts = store.rateLimiter('office-posts', config.OFFICE_POSTS_PER_MINUTE, 60_000);
	// The question step is the way past the proof of work: a script that answers it pays with time.
	const answers = store.rateLimiter('answers', config.QUESTION_ANSWERS_PER_HOUR, 3600_000);
	// Limits may live in the database (PostgreSQL): it sees keyed hashes, never client addresses.
	const clientKey = pseudonymiser(dataKey, 'rate limits');
	setInterval(
		() =>
			void Promise.all([posts.sweep(), officePosts.sweep(), answers.sweep()]).catch(
				(error: Error) => console.error(`rate limits: sweep failed: ${error.name}`),
			),
		1000,
	).unref();
	setInterval(
		() =>
			void services.office
				.sweep()
				.catch((error: Error) => console.error(`office: sweep failed: ${error.name}`)),
		60_000,
	).unref();

	/**
	 * Checks a form post in the order that keeps others' allowance safe, then answers it: one of
	 * our forms here (forms/answer-form.ts), its page rendered by Astro unless the answer is the
	 * redirect to a stored concern's confirmation; any other post is Astro's.
	 */
	async function post(
		req: IncomingMessage,
		res: ServerResponse,
		pathname: string,
		client: string,
		next: (formAnswer?: FormAnswer) => Promise<void>,
	): Promise<void> {
		const refuse = (refusal: Refusal) =>
			writeRefusal(req, res, refusal, content.ui, content.site.locales);
		// Only posts that are ours to judge count against anyone's allowance.
		if (!sameOrigin(req, publicOrigin, config.TRUST_PROXY)) return refuse({ status: 403 });
		const type = formType(req);
		if (!type) return refuse({ status: 415 });
		const key = clientKey(client);
		const rate = await (req.url?.startsWith('/office/') ? officePosts : posts).take(key);
		if (!rate.ok) return refuse({ status: 429, retryAfterSeconds: rate.retryAfterSeconds });
		// Refuse a declared oversized body before reading it; one sent in chunks is cut off at the limit.
		if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuse({ status: 413 });
		const body = await readBody(req, MAX_BODY_BYTES);
		if (body === undefined) return refuse({ status: 413 });
		const contentType = req.headers['content-type'] ?? '';
		if (countFields(body, contentType) > MAX_FIELDS) return refuse({ status: 413 });
		// The adapter takes a body already read from `req.body`.
		(req as IncomingMessage & { body?: Buffer }).body = body;
		const target = forms.target(pathname, new URLSearchParams(req.url!.slice(pathname.length)));
		if (!target) return next();
		const fields = await formFields(body, contentType);
		if (!fields) return refuse({ status: 415 });
		if (fields.has(CONTROL_FIELDS.answer)) {
			const asked = await answers.take(key);
			if (!asked.ok) return refuse({ status: 429, retryAfterSeconds: asked.retryAfterSeconds });
		}
		const answer = await forms.answer(target, fields, services, client);
		// Stored: the confirmation's address, so neither reloading nor going back sends it again.
		if (answer.name === 'notify' && answer.result.state === 'accepted') {
			res.writeHead(CONCERN_FLOW.states.accepted.status, {
				Location: `/${target.locale}/notify/sent/?token=${encodeURIComponent(answer.result.token)}`,
				'Cache-Control': 'no-store',
			});
			return void res.end();
		}
		return next(answer);
	}

	// gzip for what Astro renders on demand (the form pages); built files come compressed already.
	const compress = compression();
	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		// The raw request target, not a URL: a client may send anything there ("GET http://[").
		const pathname = (req.url ?? '/').split(/[?#]/)[0]!;
		// Built files first: most requests, every path takes GET and HEAD, and their headers
		// (security headers included) were prepared at start.
		const file = req.method === 'GET' || req.method === 'HEAD' ? files.find(pathname) : undefined;
		if (file) return files.send(req, res, file, overHttps(req, config.TRUST_PROXY));
		for (const [name, value] of Object.entries(securityHeaders(req, config.TRUST_PROXY)))
			res.setHeader(name, value);
		const method = answerMethod(req.method, pathname);
		if (method.status !== 'ok') {
			res.writeHead(method.status, method.status === 501 ? {} : { Allow: method.allow });
			return void res.end();
		}
		if (pathname === '/healthz') return writeHealth(store, res);
		if (pathname === '/healthz/details')
			return writeHealthDetails(store, req, res, config.OPS_TOKEN);
		if (files.isFolder(pathname)) {
			const query = req.url!.slice(pathname.length);
			res.writeHead(301, { Location: `${pathname}/${query}` });
			return void res.end();
		}
		const client = clientAddress(req, config.TRUST_PROXY);
		withReasonPhrases(res);
		// Astro's failures come back to the caller (and its 500), not to the process.
		const toAstro = (formAnswer?: FormAnswer) =>
			new Promise<void>((resolve, reject) =>
				compress(req as never, res as never, () =>
					astro(req, res, undefined, {
						services,
						client,
						origin: requestOrigin(req, config.TRUST_PROXY),
						...(formAnswer ? { formAnswer } : {}),
					}).then(resolve, reject),
				),
			);
		if (req.method === 'POST') return post(req, res, pathname, client, toAstro);
		return toAstro();
	}

	const limits: ConnectionLimits = {
		maxConnections: config.MAX_CONNECTIONS,
		perAddress: config.TRUST_PROXY ? undefined : config.MAX_CONNECTIONS_PER_ADDRESS,
		headersTimeoutMs: config.HEADERS_TIMEOUT_SECONDS * 1000,
		requestTimeoutMs: config.REQUEST_TIMEOUT_SECONDS * 1000,
		keepAliveTimeoutMs: 5_000,
	};
	const server = createServer(serverOptions(limits), (req, res) => {
		// One request's failure is that request's: answer it, log it without content, keep serving.
		const fail = (error: unknown) => {
			console.error(
				`request failed: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? ''}`.slice(
					0,
					300,
				),
			);
			if (!res.headersSent) {
				res.writeHead(500, {
					'Content-Type': 'text/plain; charset=utf-8',
					'Cache-Control': 'no-store',
				});
				res.end('Internal server error.');
			} else res.destroy();
		};
		try {
			handle(req, res).catch(fail);
		} catch (error) {
			fail(error);
		}
	});
	capConnections(server, limits);
	// CONNECT (a proxy tunnel) never reaches the request handler: answer it here too.
	server.on('connect', (_req, socket) => {
		socket.end(
			'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, OPTIONS\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
		);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.PORT, config.HOST, resolve);
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : config.PORT;
	console.log(
		`Listening on http://${config.HOST}:${actualPort}/ (mail: ${config.MAIL_TRANSPORT}, data: ${config.DATA_DIR})`,
	);

	const stop = async (signal: string) => {
		console.log(`${signal}: finishing open requests and the e-mail being sent.`);
		// Do not hang forever on a client that keeps a connection open.
		setTimeout(() => process.exit(0), 15_000).unref();
		server.close();
		server.closeIdleConnections();
		deadlineCheck.stop();
		await worker.stop();
		transport.close?.();
		await store.close();
		process.exit(0);
	};
	process.once('SIGTERM', () => void stop('SIGTERM'));
	process.once('SIGINT', () => void stop('SIGINT'));
	return server;
}
