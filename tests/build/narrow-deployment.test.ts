/**
 * A deployment that serves one country in some of the shipped languages: a Danish municipality
 * with Danish law in Danish and English only. Built for real from a copy of the tests' content
 * with `locales: [da, en]` and `jurisdictions: [DK]`, in which the Danish country file has lost
 * its texts in the other three languages (a municipality writes its own texts only in the
 * languages it offers). Then the built pages are read and the server is started on the build.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { LOCALES } from '../../src/lib/locales.ts';
import { TEST_CONTENT_DIR, TEST_GUARD } from '../fixtures/app-server.ts';

const root = resolve(import.meta.dirname, '../..');
// Inside the project: the built server's chunks import packages from its node_modules.
mkdirSync(join(root, 'test-results'), { recursive: true });
const work = mkdtempSync(join(root, 'test-results', 'narrow-deployment-'));
const contentDir = join(work, 'content');
const distDir = join(work, 'dist');
const ENABLED = ['da', 'en'];
const OTHERS = LOCALES.filter((l) => !ENABLED.includes(l));

/** Removes the other locales' entries from every text (an object keyed by locales only). */
function keepEnabled(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(keepEnabled);
	if (!value || typeof value !== 'object') return value;
	const entries = Object.entries(value);
	if (entries.every(([k]) => (LOCALES as readonly string[]).includes(k)))
		return Object.fromEntries(entries.filter(([k]) => ENABLED.includes(k)));
	return Object.fromEntries(entries.map(([k, v]) => [k, keepEnabled(v)]));
}

function narrowContent(): void {
	cpSync(resolve(root, TEST_CONTENT_DIR), contentDir, { recursive: true });
	const site = parse(readFileSync(join(contentDir, 'site.yaml'), 'utf8'));
	writeFileSync(
		join(contentDir, 'site.yaml'),
		stringify({ ...site, locales: ENABLED, jurisdictions: ['DK'] }),
	);
	for (const l of OTHERS) {
		rmSync(join(contentDir, 'guidance', l), { recursive: true });
		rmSync(join(contentDir, 'ui', `${l}.yaml`));
	}
	for (const file of readdirSync(join(contentDir, 'countries')).filter((f) => f !== 'dk.yaml'))
		rmSync(join(contentDir, 'countries', file));
	for (const file of readdirSync(join(contentDir, 'offices')).filter((f) => !f.startsWith('dk-')))
		rmSync(join(contentDir, 'offices', file));
	const dk = join(contentDir, 'countries', 'dk.yaml');
	writeFileSync(dk, stringify(keepEnabled(parse(readFileSync(dk, 'utf8')))));
}

function build(content: string, outDir: string) {
	return spawnSync(
		process.execPath,
		[join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
		{
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, CONTENT_DIR: content, ASTRO_TELEMETRY_DISABLED: '1' },
		},
	);
}

const page = (path: string) => readFileSync(join(distDir, 'client', path, 'index.html'), 'utf8');

let server: ReturnType<typeof spawn> | undefined;
let base = '';

beforeAll(() => {
	narrowContent();
	const result = build(contentDir, distDir);
	if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}, 240_000);

afterAll(() => {
	server?.kill('SIGKILL');
	rmSync(work, { recursive: true, force: true });
});

describe('a deployment of Danish law in Danish and English', () => {
	it('builds pages for the enabled locales only, at /<locale>/<slug>/', () => {
		const top = readdirSync(join(distDir, 'client'));
		for (const l of ENABLED) expect(top).toContain(l);
		for (const l of OTHERS) expect(top).not.toContain(l);
		expect(existsSync(join(distDir, 'client/da/when-to-notify/index.html'))).toBe(true);
		// The country's own address only leads to the page (see below).
		expect(page('da/dk/when-to-notify')).toMatch(/http-equiv="refresh"/);
	});

	it('offers only the enabled languages: chooser, switcher, alternates and sitemap', () => {
		const chooser = page('');
		expect(chooser).toMatch(/<html lang="da"/);
		expect([...chooser.matchAll(/hreflang="([a-z-]+)"/g)].map((m) => m[1])).toEqual(
			expect.arrayContaining(ENABLED),
		);
		for (const l of OTHERS) expect(chooser).not.toContain(`href="/${l}/"`);
		const guidance = page('da/when-to-notify');
		const alternates = [...guidance.matchAll(/<link rel="alternate" hreflang="([^"]+)"/g)].map(
			(m) => m[1],
		);
		expect(alternates.sort()).toEqual([...ENABLED, 'x-default'].sort());
		for (const l of OTHERS) expect(guidance).not.toMatch(new RegExp(`href="/${l}/`));
		const sitemap = readdirSync(join(distDir, 'client'))
			.filter((f) => f.startsWith('sitemap-') && f !== 'sitemap-index.xml')
			.map((f) => readFileSync(join(distDir, 'client', f), 'utf8'))
			.join('');
		expect(sitemap).toContain('/da/when-to-notify/');
		expect(sitemap).not.toContain('/da/dk/');
		for (const l of OTHERS) expect(sitemap).not.toMatch(new RegExp(`/${l}/`));
	});

	it('leads the several-countries address of a page (shared before) to the page', () => {
		const old = page('da/dk/doubt');
		expect(old).toMatch(/<meta http-equiv="refresh" content="0;url=\/da\/doubt\/"/);
		expect(page('en/dk')).toMatch(/content="0;url=\/en\/"/);
		expect(existsSync(join(distDir, 'client/da/de'))).toBe(false);
	});

	it('names no other country on a page', () => {
		const guidance =
			page('da/when-to-notify') + page('en/after-notification') + page('en/contacts');
		for (const name of ['Jugendamt', 'gyermekjóléti', 'Дирекция'])
			expect(guidance).not.toContain(name);
	});

	it('serves the forms of enabled locales and answers 404 for the others, also to a post', async () => {
		server = spawn(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`import { loadConfig } from './src/server/config.ts'; import { serve } from './src/server/http-server.ts'; await serve({ config: loadConfig(), distDir: ${JSON.stringify(distDir)}, contentDir: ${JSON.stringify(contentDir)} });`,
			],
			{
				cwd: root,
				env: {
					...process.env,
					...TEST_GUARD,
					HOST: '127.0.0.1',
					PORT: '0',
					DATA_DIR: join(work, 'data'),
					CONTENT_DIR: contentDir,
					MAIL_TRANSPORT: 'file',
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		base = await new Promise<string>((resolve, reject) => {
			let out = '';
			server!.stdout!.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				const match = /Listening on (http:\/\/[^/]+)\//.exec(out);
				if (match) resolve(match[1]!);
			});
			server!.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
			server!.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
		});
		expect((await fetch(`${base}/da/notify/`)).status).toBe(200);
		expect((await fetch(`${base}/en/consultation/`)).status).toBe(200);
		const post = (locale: string) =>
			fetch(`${base}/${locale}/notify/?_action=notify`, {
				method: 'POST',
				// The build's own origin (SITE_URL unset: the default), so the origin check lets it through.
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Origin: 'http://127.0.0.1:4321',
				},
				body: 'office=dk-eksempelby&area=9999',
			});
		// The same post in an enabled locale is read (and refused for its missing answers).
		expect((await post('da')).status).toBe(400);
		for (const l of OTHERS) {
			const get = await fetch(`${base}/${l}/notify/`);
			expect(get.status).toBe(404);
			expect(await get.text()).toMatch(/<html lang="da"/);
			expect((await post(l)).status).toBe(404);
		}
	}, 60_000);

	it('fails the build naming the file and field when an enabled locale lacks a text', () => {
		const broken = join(work, 'broken');
		cpSync(contentDir, broken, { recursive: true });
		const dk = join(broken, 'countries', 'dk.yaml');
		const country = parse(readFileSync(dk, 'utf8'));
		delete country.notifierIdentity.text.en;
		writeFileSync(dk, stringify(country));
		const result = build(broken, join(work, 'dist-broken'));
		expect(result.status).not.toBe(0);
		expect(result.stdout + result.stderr).toMatch(/dk/);
		expect(result.stdout + result.stderr).toMatch(/notifierIdentity\.text\.en/);
	}, 240_000);
});
