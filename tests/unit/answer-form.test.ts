/**
 * Which posts the server answers as one of the forms (server/forms/answer-form.ts): only each
 * form at its own address, in a locale the deployment offers, with the form switched on. Every
 * other post goes to Astro, whose action handlers answer "not found".
 */
import { describe, expect, it } from 'vitest';
import { TEST_CONTENT_DIR } from '../fixtures/app-server.ts';
import { loadSiteContent } from '../../src/server/content-files.ts';
import { formAnswers } from '../../src/server/forms/answer-form.ts';

const content = loadSiteContent(TEST_CONTENT_DIR);
const target = (path: string, site = content.site) => {
	const [pathname, query = ''] = path.split('?');
	return formAnswers({ ...content, site }).target(pathname!, new URLSearchParams(query));
};

describe('the forms the server answers', () => {
	it('each form at its own address, in every offered locale', () => {
		expect(target('/de/notify/?_action=notify')).toEqual({ name: 'notify', locale: 'de' });
		expect(target('/hu/consultation/?_action=book')).toEqual({ name: 'book', locale: 'hu' });
	});

	it('not a form at another address, under another name, without a name or at a longer path', () => {
		for (const path of [
			'/de/consultation/?_action=notify',
			'/de/notify/?_action=book',
			'/de/notify/?_action=other',
			'/de/notify/',
			'/de/notify?_action=notify',
			'/de/notify/sent/?_action=notify',
			'//de/notify/?_action=notify',
			'/de//notify/?_action=notify',
			'/_actions/notify?_action=notify',
			'/xx/notify/?_action=notify',
		])
			expect(target(path), path).toBeUndefined();
	});

	it('not in a locale the deployment does not offer, nor with the form switched off', () => {
		const narrow = { ...content.site, locales: ['da', 'en'] as typeof content.site.locales };
		expect(target('/da/notify/?_action=notify', narrow)).toEqual({ name: 'notify', locale: 'da' });
		expect(target('/de/notify/?_action=notify', narrow)).toBeUndefined();
		const noBooking = {
			...content.site,
			features: { ...content.site.features, consultation: false },
		};
		expect(target('/de/consultation/?_action=book', noBooking)).toBeUndefined();
		expect(target('/de/notify/?_action=notify', noBooking)).toEqual({
			name: 'notify',
			locale: 'de',
		});
	});
});
