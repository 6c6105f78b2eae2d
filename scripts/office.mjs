// `npm run office -- <command>`: manage the office workspace's people (see src/server/office/office-cli.ts).
// Uses the same configuration as `npm start` (DATA_DIR, DATA_KEY, SITE_URL for the links, CONTENT_DIR).
import { configOrExit } from './config-or-exit.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSiteContent } from '../src/server/content-files.ts';
import { loadDataKey } from '../src/server/data-crypto.ts';
import { consultingSpecialists, runOfficeCommand } from '../src/server/office/office-cli.ts';
import { createSignInLinks } from '../src/server/office/sign-in-links.ts';
import { openStore } from '../src/server/store.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const infoFile = join(root, 'dist/build-info.json');
// Links point where `npm start` serves: SITE_URL, else what the build was made for.
process.env.SITE_URL ||= existsSync(infoFile)
	? JSON.parse(readFileSync(infoFile, 'utf8')).siteUrl
	: '';
const config = configOrExit();
const content = loadSiteContent(resolve(root, process.env.CONTENT_DIR || 'content'));
const store = await openStore(config);
const dataKey = loadDataKey(config.DATA_DIR, config.DATA_KEY);
const code = await runOfficeCommand(process.argv.slice(2), {
	store,
	links: createSignInLinks(store.office, store.rateLimiter, dataKey, config.SITE_URL),
	offices: consultingSpecialists(content.offices),
	print: (line) => console.log(line),
});
await store.close();
process.exit(code);
