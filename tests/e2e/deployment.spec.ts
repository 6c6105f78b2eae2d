/**
 * The server as it meets the internet: every method on every kind of path, hostile bodies, slow
 * and idle connections, posts from other sites, wrong settings, and what `/healthz` gives away.
 * Each test states the figure it measured in its output.
 */
import { spawnSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import { startApp, TEST_CONTENT_DIR, TEST_GUARD, type AppServer } from '../fixtures/app-server.ts';
import { formPost, rawRequest } from '../fixtures/raw-http.ts';

test.describe.configure({ mode: 'serial' });

/** One path of each kind the server answers. */
const PATHS = {
	'language chooser': '/',
	'guidance page': '/en/de/when-to-notify/',
	'form page': '/da/notify/',
	'cancel page': '/de/consultation/cancel/',
	'calendar endpoint': '/en/consultation/calendar.ics',
	'challenge endpoint': '/api/challenge/',
	health: '/healthz',
	'search index': '/pagefind/pagefind.js',
	'robots.txt': '/robots.txt',
	'missing page': '/en/no-such-page/',
	'missing file': '/_astro/none.js',
	'path without slash': '/en/de/doubt',
};
const DEFINED = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH'];
const UNDEFINED = ['PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'REPORT'];

test.describe('every method on every kind of path', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp();
	});
	test.afterAll(() => app?.kill());

	test('gets a proper answer – 405 with Allow, 501, or what the method is for – and the process lives on', async () => {
		const seen = new Map<string, number>();
		for (const [kind, path] of Object.entries(PATHS)) {
			for (const method of [...DEFINED, ...UNDEFINED]) {
				const answer = await rawRequest(app.url, path, { method, headers: { Origin: app.url } });
				const label = `${method} ${kind}`;
				if (UNDEFINED.includes(method)) expect(answer.status, label).toBe(501);
				else expect(answer.status, label).toBeLessThan(500);
				if (answer.status === 405)
					expect(String(answer.headers['allow']), label).toMatch(/^GET, HEAD(, POST)?, OPTIONS$/);
				if (['PUT', 'DELETE', 'TRACE', 'PATCH'].includes(method))
					expect(answer.status, label).toBe(405);
				if (method === 'OPTIONS') expect(answer.status, label).toBe(204);
				seen.set(String(answer.status), (seen.get(String(answer.status)) ?? 0) + 1);
			}
		}
		// CONNECT never reaches a request handler in Node: it is answered on the socket.
		const connectAnswer = await rawSocket(
			app.url,
			'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n',
		);
		expect(connectAnswer).toMatch(/^HTTP\/1\.1 405 /);
		expect((await rawRequest(app.url, '/healthz')).status).toBe(200);
		expect(app.output()).not.toMatch(/TypeError|Uncaught|server exited/);
		console.log(
			`methods: ${Object.keys(PATHS).length} paths × ${DEFINED.length + UNDEFINED.length} methods + CONNECT; answers ${JSON.stringify(Object.fromEntries(seen))}; process alive`,
		);
	});

	test('a request target that is no path, and a path that is no URL, are answered without harm', async () => {
		for (const target of [
			'http://[',
			'*',
			'//example.org/',
			'/%E0%A4%A',
			'/en/../../etc/passwd',
			'/en/%2e%2e/%2e%2e/package.json',
		]) {
			const answer = await rawSocket(
				app.url,
				`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
			);
			expect(answer, target).toMatch(/^HTTP\/1\.1 (301|400|404) /);
			expect(answer, target).not.toContain('"name": "child-protection-site"');
		}
		expect((await rawRequest(app.url, '/healthz')).status).toBe(200);
	});

	test('built files carry validators and answer 304 when unchanged; pages come compressed', async () => {
		const first = await rawRequest(app.url, '/en/de/doubt/', {
			headers: { 'Accept-Encoding': 'br, gzip' },
		});
		expect(first.status).toBe(200);
		expect(first.headers['content-encoding']).toBe('br');
		expect(first.headers['cross-origin-resource-policy']).toBe('same-origin');
		expect(String(first.headers['content-security-policy'])).toContain("script-src 'self'");
		expect(first.headers['vary']).toBe('Accept-Encoding');
		const etag = String(first.headers['etag']);
		const again = await rawRequest(app.url, '/en/de/doubt/', {
			headers: { 'Accept-Encoding': 'br, gzip', 'If-None-Match': etag },
		});
		expect([again.status, again.headers['etag']]).toEqual([304, etag]);
		// Each representation has its own validator: the Brotli copy's ETag never makes a gzip answer a 304.
		const gzip = await rawRequest(app.url, '/en/de/doubt/', {
			headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag },
		});
		expect(gzip.status).toBe(200);
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gzip.headers['etag']).not.toBe(etag);
		const plain = await rawRequest(app.url, '/en/de/doubt/');
		expect([
			plain.status,
			plain.headers['content-encoding'],
			plain.headers['content-security-policy'],
		]).toEqual([200, undefined, first.headers['content-security-policy']]);
		// Astro's assets carry a content hash in their name: cached for a year, never revalidated.
		const script = /src="(\/_astro\/[^"]+\.js)"/.exec(
			(await rawRequest(app.url, '/en/de/search/')).body,
		)?.[1];
		expect(script).toBeDefined();
		const asset = await rawRequest(app.url, script!, { headers: { 'Accept-Encoding': 'br' } });
		expect([
			asset.status,
			asset.headers['content-encoding'],
			asset.headers['cache-control'],
		]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
		const redirect = await rawRequest(app.url, '/en/de/doubt?x=1');
		expect([redirect.status, redirect.headers['location']]).toEqual([301, '/en/de/doubt/?x=1']);
	});
});

test.describe('hostile bodies and connections', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp({ HEADERS_TIMEOUT_SECONDS: '2', MAX_CONNECTIONS_PER_ADDRESS: '40' });
	});
	test.afterAll(() => app?.kill());

	test('a 64 KB post with 14,000 distinct field names is refused in milliseconds while pages keep answering', async () => {
		const names = Array.from({ length: 14_000 }, (_, i) => `f${i.toString(36)}=`).join('&');
		const body = names.slice(0, 64 * 1024 - 1);
		const posts = Array.from({ length: 10 }, () =>
			formPost(app.url, '/da/notify/?_action=notify', body),
		);
		const page = rawRequest(app.url, '/en/de/doubt/');
		const answers = await Promise.all(posts);
		const pageAnswer = await page;
		for (const answer of answers) expect(answer.status).toBe(413);
		expect(pageAnswer.status).toBe(200);
		const slowest = Math.max(...answers.map((a) => a.ms));
		expect(slowest).toBeLessThan(2000);
		console.log(
			`field flood: 10 posts of ${body.length} bytes, ${body.split('&').length} fields each: 413 in at most ${slowest.toFixed(0)} ms; a page meanwhile in ${pageAnswer.ms.toFixed(0)} ms`,
		);
	});

	test('slow loris: 200 connections that never finish their headers do not stop others, and are closed after the headers timeout', async () => {
		const slow: Socket[] = [];
		const url = new URL(app.url);
		for (let i = 0; i < 200; i++) {
			const socket = connect({ host: url.hostname, port: Number(url.port) });
			socket.on('error', () => {});
			// Read what comes (the server's 408 and its close), as a client's kernel would.
			socket.resume();
			socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
			slow.push(socket);
		}
		await Promise.all(
			slow.map(
				(s) =>
					new Promise((r) => (s.connecting ? s.once('connect', r).once('close', r) : r(undefined))),
			),
		);
		// Another client (another loopback address) is served at once.
		const other = await rawRequest(app.url, '/en/', { localAddress: '127.0.0.2' });
		expect(other.status).toBe(200);
		await expect.poll(() => slow.filter((s) => !s.destroyed).length, { timeout: 8000 }).toBe(0);
		console.log(
			`slow loris: 200 slow connections (at most 40 per address kept); another client served in ${other.ms.toFixed(0)} ms; all slow ones closed after the 2 s headers timeout`,
		);
		expect((await rawRequest(app.url, '/healthz')).status).toBe(200);
	});
});

test.describe('posts from other sites', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp({ RATE_LIMIT_PER_MINUTE: '3' });
	});
	test.afterAll(() => app?.kill());

	test('are refused with 403 and do not use up the allowance of the address they come from', async () => {
		for (let i = 0; i < 10; i++) {
			const refused = await formPost(app.url, '/da/notify/?_action=notify', 'x=1', {
				Origin: 'https://attacker.example.com',
			});
			expect(refused.status).toBe(403);
		}
		const noOrigin = await rawRequest(app.url, '/da/notify/?_action=notify', {
			method: 'POST',
			body: 'x=1',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(noOrigin.status).toBe(403);
		// Not a form either: refused before it counts.
		expect(
			(
				await formPost(app.url, '/da/notify/?_action=notify', '{}', {
					'Content-Type': 'application/json',
				})
			).status,
		).toBe(415);
		const own = await formPost(app.url, '/da/notify/?_action=notify', 'x=1');
		expect(own.status).toBe(400);
	});
});

test.describe('what /healthz gives away', () => {
	test("the public answer is the status and the database's reachability only; counts need the operator token, and without one that endpoint does not exist", async () => {
		const token = 'operator-token-0123456789';
		const app = await startApp({ OPS_TOKEN: token });
		try {
			const open = await rawRequest(app.url, '/healthz');
			expect(JSON.parse(open.body)).toEqual({ status: 'ok', database: 'reachable' });
			expect((await rawRequest(app.url, '/healthz/details')).status).toBe(401);
			expect(
				(
					await rawRequest(app.url, '/healthz/details', {
						headers: { Authorization: 'Bearer wrong-token-0123456789' },
					})
				).status,
			).toBe(401);
			const details = await rawRequest(app.url, '/healthz/details', {
				headers: { Authorization: `Bearer ${token}` },
			});
			expect(JSON.parse(details.body)).toMatchObject({
				status: 'ok',
				outbox: { pending: 0, dead: 0, sent: 0 },
			});
		} finally {
			await app.kill();
		}
		const without = await startApp({ OPS_TOKEN: '' });
		try {
			expect(
				(
					await rawRequest(without.url, '/healthz/details', {
						headers: { Authorization: `Bearer ${token}` },
					})
				).status,
			).toBe(404);
		} finally {
			await without.kill();
		}
	});
});

test.describe('wrong settings', () => {
	const start = (env: Record<string, string>) =>
		spawnSync(process.execPath, ['scripts/start.mjs'], {
			env: {
				...process.env,
				SKIP_BUILD: '1',
				PORT: '0',
				CONTENT_DIR: TEST_CONTENT_DIR,
				...TEST_GUARD,
				...env,
			},
			encoding: 'utf8',
			timeout: 20_000,
		});

	for (const [name, value] of [
		['PORT', 'abc'],
		['PORT', '70000'],
		['RATE_LIMIT_PER_MINUTE', '-1'],
		['DATA_KEY', 'short'],
		['MAIL_TRANSPORT', 'pigeon'],
		['SITE_URL', 'not a url'],
		['OPS_TOKEN', 'short'],
	] as const) {
		test(`${name}=${value} stops start with a message naming it, no stack trace`, () => {
			const result = start({ [name]: value });
			expect(result.status).toBe(1);
			expect(result.stderr).toContain(name);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		});
	}

	test('a SITE_URL other than the build was made for is refused when the build may not be redone', () => {
		const result = start({ SITE_URL: 'https://concerns.example.org' });
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(
			/SITE_URL: https:\/\/concerns\.example\.org\/? differs from the build's/,
		);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});
});

/** Sends raw bytes and returns what comes back until the server closes or a second passes quietly. */
function rawSocket(appUrl: string, data: string): Promise<string> {
	const url = new URL(appUrl);
	return new Promise((resolve) => {
		let text = '';
		const socket = connect({ host: url.hostname, port: Number(url.port) }, () =>
			socket.write(data),
		);
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('data', (c) => (text += c.toString()));
		socket.on('close', () => resolve(text));
		socket.on('error', () => resolve(text));
	});
}

test('a page answers its status with the status\'s own reason phrase, never "400 OK"', async ({
	request,
}) => {
	const refused = await request.get('/en/consultation/cancel/');
	expect([refused.status(), refused.statusText()]).toEqual([400, 'Bad Request']);
	const missing = await request.get('/en/no-such-page/');
	expect([missing.status(), missing.statusText()]).toEqual([404, 'Not Found']);
	const page = await request.get('/en/notify/');
	expect([page.status(), page.statusText()]).toEqual([200, 'OK']);
});
