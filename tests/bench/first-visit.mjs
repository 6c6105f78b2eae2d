// Bytes a first visit transfers, as Chromium counts them on the wire (gzip included), split by
// resource type and origin. Shared by the page benchmarks.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export async function launchBrowser() {
	const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
	return chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
}

export async function firstVisit(browser, origin, path) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const types = new Map();
	const totals = { bytes: 0, js: 0, requests: 0, foreign: 0, fonts: 0 };
	cdp.on('Network.responseReceived', (e) =>
		types.set(e.requestId, { type: e.type, url: e.response.url }),
	);
	cdp.on('Network.loadingFinished', (e) => {
		const info = types.get(e.requestId);
		if (!info || info.url.startsWith('data:')) return;
		totals.bytes += e.encodedDataLength;
		totals.requests += 1;
		if (info.type === 'Script') totals.js += e.encodedDataLength;
		if (info.type === 'Font') totals.fonts += 1;
		if (new URL(info.url).origin !== origin) totals.foreign += 1;
	});
	await page.goto(origin + path, { waitUntil: 'networkidle' });
	await context.close();
	return totals;
}

export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
