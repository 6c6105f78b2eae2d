import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. No rule is disabled. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Fails with every violation on the page, named, so one run shows them all. */
export async function expectNoAxeViolations(page: Page, label: string) {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(
		violations.map(
			(v) => `${label}: ${v.id} ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
		),
	).toEqual([]);
}
