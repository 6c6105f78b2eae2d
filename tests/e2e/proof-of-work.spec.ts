/**
 * The proof of work runs in a Web Worker: the page's own thread has no task of 200 ms or more
 * while it is solved, and the concern goes out with the worker's solution (no question step). A
 * submission made before the solution is there is held with a status and then sent by itself.
 * Without Worker support, or with a worker the browser could not load, the person gets the
 * question step and still sends. No step violates the Content-Security-Policy.
 */
import { expect, test, type Page } from '@playwright/test';
import { startApp, type AppServer } from '../fixtures/app-server.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { DANISH } from '../fixtures/concern-answers.ts';
import { isStored } from '../fixtures/store-file.ts';
import { fillAboutYou, reachSlots } from './consultation-helpers.ts';
import { passHumanCheck } from './human-check.ts';
import { fillStepByStep, reachForm } from './notify-helpers.ts';

test.describe.configure({ mode: 'serial' });

const answers = DANISH;
let app: AppServer;
// Four times the default difficulty (not the tests' low one): solved on the page's thread, as
// before, this takes over 200 ms even on a fast machine, so ALTCHA's loop (which yields every
// 200 ms) would show a long task of at least that; in a worker the page has none.
test.beforeAll(async () => {
	app = await startApp({ POW_MAX_NUMBER: '100000' });
});
test.afterAll(async () => {
	await app.kill();
});

/**
 * Before any page script: long tasks of the page's thread, the workers the page creates, and CSP
 * violations, kept on `window` (and CSP violations also collected here, across navigations).
 */
async function watch(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.addInitScript(() => {
		const w = window as unknown as {
			longTasks: { start: number; duration: number }[];
			workers: number;
		};
		w.longTasks = [];
		w.workers = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries())
				w.longTasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
		const Original = Worker;
		window.Worker = class extends Original {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				w.workers += 1;
			}
		};
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
		);
	});
	page.on('console', (m) => {
		if (/Content Security Policy|CSP violation/i.test(m.text()))
			violations.push(`${page.url()}: ${m.text()}`);
	});
	return violations;
}

/** How many workers this page has created (see `watch`). */
const workersOf = (page: Page) =>
	page.evaluate(() => (window as unknown as { workers: number }).workers);

/** The sent concern: its confirmation with a reference that is in the store. */
async function expectStored(page: Page) {
	const reference = (await page.locator('.reference strong').innerText()).trim();
	expect(isStored(app.dataDir, reference), 'the confirmed reference is in the store').toBe(true);
}

test('the page stays free while a worker solves the proof of work, and the concern goes out with its solution', async ({
	page,
}) => {
	const violations = await watch(page);
	const response = await page.goto(
		`${app.url}/${answers.locale}/notify/?danger=no&country=${answers.country}&area=${answers.area}`,
	);
	expect(response!.headers()['content-security-policy']).toContain("worker-src 'self'");
	// Typing into the first field starts the solve at the latest.
	await expect(page.locator('.concern-form .progress')).toBeVisible();
	await page.locator('#childName').fill('Anna');
	await expect(page.locator('input[name="_pow"]')).not.toHaveValue('', { timeout: 15_000 });
	const { longTasks, workers, challengeAt } = await page.evaluate(() => ({
		...(window as unknown as { longTasks: { start: number; duration: number }[]; workers: number }),
		challengeAt: performance
			.getEntriesByType('resource')
			.find((e) => e.name.includes('/api/challenge/'))!.startTime,
	}));
	expect(workers, 'the solve ran in a worker').toBeGreaterThan(0);
	const during = longTasks.filter((t) => t.start + t.duration >= challengeAt);
	expect(
		Math.max(0, ...during.map((t) => t.duration)),
		'longest task of the page while solving (ms)',
	).toBeLessThan(200);

	await fillStepByStep(page, answers);
	await page.locator('button[name="_confirm"]').click();
	await expect(page.locator('#human-check-title')).toHaveCount(0);
	await expectStored(page);
	expect(violations).toEqual([]);
});

/** Holds the challenge back until the returned function is called: the solve cannot end before. */
async function holdChallenge(page: Page): Promise<() => void> {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/challenge/', async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

test('"send" before the solution is there: a status says so, the focus stays, and the concern goes out by itself', async ({
	page,
}) => {
	const violations = await watch(page);
	const release = await holdChallenge(page);
	await reachForm(page, app.url, answers);
	await fillStepByStep(page, answers);
	const send = page.locator('button[name="_confirm"]');
	await send.click();
	const status = page.getByRole('status').filter({ hasText: /./ });
	await expect(status).toBeVisible();
	await expect(send).toBeFocused();
	await expect(page.locator('.reference')).toHaveCount(0);
	// A second press while held (the button says it is busy) sends nothing more.
	await page.keyboard.press('Enter');
	release();
	await expect(page.locator('.reference strong')).toBeVisible({ timeout: 15_000 });
	await expect(page.locator('#human-check-title')).toHaveCount(0);
	await expectStored(page);
	expect(violations).toEqual([]);
});

test('booking: "continue" before the solution is there is held once, with a status, and goes on by itself', async ({
	page,
}) => {
	const violations = await watch(page);
	const release = await holdChallenge(page);
	const posts: string[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST') posts.push(r.url());
	});
	const b = BOOKINGS.de;
	await reachSlots(page, app.url, b);
	await page.locator('input[name="slot"]').first().check();
	await page.locator('form.slot-picker button[type="submit"]').click();
	// Astro takes the `ssr` mark off the island once it is hydrated.
	await expect(page.locator('astro-island:not([ssr])')).toHaveCount(1);
	await fillAboutYou(page, b);
	const next = page.locator('button[name="_review"]');
	await next.click();
	await expect(page.getByRole('status').filter({ hasText: /./ })).toBeVisible();
	await expect(next).toBeFocused();
	await next.click();
	release();
	await expect(page.locator('#section-review-title')).toBeVisible();
	expect(posts, 'one post for two clicks').toHaveLength(1);
	await page.locator('button[name="_confirm"]').click();
	await expect(page.locator('.reference strong')).toBeVisible();
	expect(violations).toEqual([]);
});

test('without Worker support the person gets the question step and still sends', async ({
	page,
}) => {
	const violations = await watch(page);
	await page.addInitScript(() => {
		delete (window as { Worker?: unknown }).Worker;
	});
	await reachForm(page, app.url, answers);
	await fillStepByStep(page, answers);
	expect(await workersOf(page)).toBe(0);
	await page.locator('button[name="_confirm"]').click();
	await passHumanCheck(page);
	await expectStored(page);
	expect(violations).toEqual([]);
});

test('a worker the browser cannot load (blocked, as by a stricter policy) also leads to the question step', async ({
	page,
}) => {
	await watch(page);
	await page.route('**/_astro/proof-of-work.worker*', (route) => route.abort());
	await reachForm(page, app.url, answers);
	await fillStepByStep(page, answers);
	expect(await workersOf(page), 'a worker was tried').toBeGreaterThan(0);
	await page.locator('button[name="_confirm"]').click();
	await passHumanCheck(page);
	await expectStored(page);
});
