// `npm start`: check the configuration, build when the build is missing, older than the sources
// or made for another SITE_URL or content folder, refuse a production start with demo offices,
// then serve pages, actions and endpoints from one Node process on HOST:PORT (default 127.0.0.1:4321).
// CONTENT_DIR names the content folder (default `content/`; the tests use their own).
// The V8 heap limits come first (heap-limits.mjs): they restart the process before anything loads.
import './heap-limits.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../src/server/config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const entry = join(dist, 'server/entry.mjs');
const infoFile = join(dist, 'build-info.json');
const contentDir = resolve(root, process.env.CONTENT_DIR || 'content');
// The build and the server read the same folder (the server reads offices and e-mail texts).
process.env.CONTENT_DIR = contentDir;

/** Newest modification time below a path (files and folders). */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce(
		(max, name) => Math.max(max, newest(join(path, name))),
		stat.mtimeMs,
	);
}

/** What the existing build was made for, if there is a build. */
function builtFor() {
	if (!existsSync(entry) || !existsSync(infoFile)) return undefined;
	return JSON.parse(readFileSync(infoFile, 'utf8'));
}

const fail = (message) => {
	console.error(message);
	process.exit(1);
};

// Canonical links and the sitemap are written into the pages at build time; links in e-mails and
// the origin check use SITE_URL at run time. Unset, it is what the build was made for.
let built = builtFor();
process.env.SITE_URL ||= built?.siteUrl ?? '';
let config;
try {
	config = loadConfig();
} catch (error) {
	if (error instanceof ConfigError) fail(error.message);
	throw error;
}

const sameSite = (a, b) => new URL(a).href === new URL(b).href;
const sources = [
	join(root, 'src'),
	contentDir,
	...['public', 'astro.config.mjs', 'package.json'].map((p) => join(root, p)),
];
const stale =
	!built ||
	!sameSite(built.siteUrl, config.SITE_URL) ||
	built.contentDir !== contentDir ||
	Math.max(...sources.map(newest)) > statSync(entry).mtimeMs;
if (stale && process.env.SKIP_BUILD === '1') {
	if (!built) fail('No build to serve: run `npm run build` first, or start without SKIP_BUILD.');
	if (built.contentDir !== contentDir) {
		fail(
			`The build in dist/ was made from ${built.contentDir ?? 'other content'}, not ${contentDir}: build again with the same CONTENT_DIR (npm run build), or start without SKIP_BUILD.`,
		);
	}
	if (!sameSite(built.siteUrl, config.SITE_URL)) {
		fail(
			`Invalid configuration:\n  SITE_URL: ${config.SITE_URL} differs from the build's ${built.siteUrl}; build again with this SITE_URL (npm run build) or start without SKIP_BUILD.`,
		);
	}
} else if (stale) {
	console.log(
		'Building the site (sources changed, no build yet, another SITE_URL or other content)…',
	);
	const result = spawnSync('npm', ['run', 'build'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, SITE_URL: config.SITE_URL },
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
	built = builtFor();
}

// Demo offices reach no one: a production start refuses to run while any is configured.
const { loadSiteContent } = await import('../src/server/content-files.ts');
const { demoRefusal } = await import('../src/server/demo-guard.ts');
const content = loadSiteContent(contentDir);
const refusal = demoRefusal(process.env, content.offices.values());
if (refusal) fail(refusal);
// Single sign-on's groups must name offices there are (config.ts cannot know the content).
const { unknownOffices } = await import('../src/server/office/oidc-claims.ts');
const unknown = config.OIDC_GROUPS
	? unknownOffices(config.OIDC_GROUPS, content.offices.keys())
	: [];
if (unknown.length > 0)
	fail(
		`Invalid configuration:\n  OIDC_GROUPS: no office ${unknown.join(', ')} in ${join(contentDir, 'offices')}/`,
	);

const { serve } = await import('../src/server/http-server.ts');
try {
	await serve({ config, distDir: dist, contentDir, content });
} catch (error) {
	// PostgreSQL not reachable, a wrong password, no such database: say which, without a stack trace.
	if (error?.name === 'DatabaseUnavailable') fail(error.message);
	// A port in use or an address that cannot be had: say which, without a stack trace.
	if (error?.code === 'EADDRINUSE' || error?.code === 'EADDRNOTAVAIL' || error?.code === 'EACCES') {
		fail(
			`Cannot listen on ${config.HOST}:${config.PORT}: ${error.code}. Choose another HOST or PORT.`,
		);
	}
	throw error;
}
