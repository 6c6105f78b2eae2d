/**
 * Deadlines through the real server: a Danish concern whose deadlines passed while the server was
 * down (its arrival moved a month back in the stored data) gets both escalations at the next
 * start, once, to the office's admin, without any of its answers; another restart queues nothing
 * more; and the inbox says "overdue" in words. The simulated clock of the unit tests
 * (tests/unit/deadline-check.test.ts) covers the reminders, weekends and public holidays.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { DANISH, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import { addPeople, signedInPerson, startOfficeApp, type OfficeApp } from './office-helpers.ts';

const MONTH_MS = 30 * 24 * 3600 * 1000;
const ADMIN = 'leder@eksempelby.example.org';

let office: OfficeApp;
test.beforeAll(async () => {
	office = await startOfficeApp();
});
test.afterAll(() => office?.stop());

/** Restart on the same address: sign-in links and passkeys name the host and port. */
const samePort = () => ({ PORT: new URL(office.app.url).port });

/** Runs SQL on the stored data: changes while the server is stopped, reads beside it. */
function onStore<T>(work: (db: DatabaseSync) => T, readOnly = false): T {
	const db = new DatabaseSync(join(office.app.dataDir, 'store.sqlite'), { readOnly });
	try {
		return work(db);
	} finally {
		db.close();
	}
}

test('escalations after both Danish deadlines reach the admin once, without content; the inbox says overdue', async ({
	browser,
}) => {
	await addPeople(office, [
		{
			email: ADMIN,
			name: 'Lea Leder',
			office: 'dk-eksempelby',
			role: 'office-admin',
			locale: 'da',
		},
	]);
	const marker = `mk${randomUUID().slice(0, 8)}`;
	const answers = {
		...DANISH,
		fields: {
			...DANISH.fields,
			childName: `Søren ${marker}`,
			observation: `${DANISH.fields['observation']} ${marker}`,
			reporterName: `Åse ${marker}`,
		},
	};
	const id = randomUUID();
	const sent = await postConcern(office.app.url, answers, id);
	expect(sent.status).toBe(200);
	const reference = referenceIn(sent.html)!;
	await office.resend.waitFor((all) =>
		all.some((e) => e.idempotencyKey === `${id}:concern-office`),
	);

	expect(await office.app.kill()).toBe(0);
	onStore((db) =>
		db
			.prepare('UPDATE office_cases SET received_at = received_at - ? WHERE submission_id = ?')
			.run(MONTH_MS, id),
	);
	await office.app.restart(samePort());

	const isDeadline = (key: string | undefined) => key?.startsWith(`${id}:deadline-`) ?? false;
	const emails = await office.resend.waitFor(
		(all) => all.filter((e) => isDeadline(e.idempotencyKey)).length >= 2,
	);
	const deadlineMails = emails.filter((e) => isDeadline(e.idempotencyKey));
	// Past both deadlines at the first check: no reminder, the escalations say more.
	expect(deadlineMails.map((e) => e.idempotencyKey).sort()).toEqual([
		`${id}:deadline-assessment-escalation`,
		`${id}:deadline-receipt-escalation`,
	]);
	for (const mail of deadlineMails) {
		expect(mail.to).toEqual([ADMIN]);
		expect(mail.subject).toMatch(new RegExp(`^Frist overskredet: .+ ${reference}$`));
		expect(mail.text).toContain('/office/');
		expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(marker);
	}

	// Another restart: the check runs again at start, before the server listens (its store work is
	// synchronous), and finds both notices recorded.
	expect(await office.app.kill()).toBe(0);
	await office.app.restart(samePort());
	const queued = onStore(
		(db) =>
			db
				.prepare(
					"SELECT COUNT(*) AS n FROM outbox WHERE submission_id = ? AND kind LIKE 'deadline-%'",
				)
				.get(id) as { n: number },
		true,
	);
	expect(queued.n).toBe(2);

	const { page } = await signedInPerson(browser, office, {
		email: 'sagsbehandler@eksempelby.example.org',
		name: 'Sofie Sagsbehandler',
		office: 'dk-eksempelby',
		locale: 'da',
	});
	const row = page.locator('tbody tr', { hasText: reference });
	await expect(row).toContainText('Overskredet: Vurdering, senest');
});
