/**
 * WCAG 2.2 SC 1.4.10 Reflow, which axe does not test: at 320 CSS pixels wide (and at 640, a
 * 1280-pixel screen at 200 % zoom) nothing may make the page scroll sideways, and no text may
 * be cut off. Checked in the page: the document's scroll width, every visible element that
 * reaches past the viewport's edges, and every element that hides overflowing text.
 */
import type { Page } from '@playwright/test';

export const NARROW = { width: 320, height: 640 };
export const ZOOMED = { width: 640, height: 512 };

/** What is wrong with the page's reflow: one line per problem, empty when it reflows. */
export async function reflowProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const root = document.documentElement;
		const width = root.clientWidth;
		if (root.scrollWidth > width)
			problems.push(`scrolls sideways: ${root.scrollWidth} px content in ${width} px`);
		const describe = (el: Element) => {
			const id = el.id ? `#${el.id}` : '';
			const cls =
				typeof el.className === 'string' && el.className
					? `.${el.className.trim().split(/\s+/).join('.')}`
					: '';
			const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
		};
		/** Visually hidden text and the skip link are off-screen on purpose. */
		const offScreenByDesign = (el: Element) =>
			el.closest('.visually-hidden, .skip-link, .honeypot, [hidden]') !== null;
		const ownText = (el: Element) =>
			[...el.childNodes].some(
				(n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
			);
		for (const el of document.body.querySelectorAll('*')) {
			// Folded away (a closed menu), not displayed or invisible: nobody sees it, so it cannot be cut off.
			if (
				offScreenByDesign(el) ||
				!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })
			)
				continue;
			const style = getComputedStyle(el);
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			// Text or a form control that sticks out of the viewport is cut off (or makes the page scroll).
			const visible =
				ownText(el) ||
				['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'IMG', 'TABLE'].includes(el.tagName);
			if (visible && (box.right > width + 0.5 || box.left < -0.5))
				problems.push(
					`outside the viewport (${Math.round(box.left)}–${Math.round(box.right)} px): ${describe(el)}`,
				);
			// A box that hides what does not fit cuts text off; one that scrolls is allowed for tables only.
			// (A text field scrolls its own value: that is how inputs work, not clipping.)
			if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
			const clips =
				['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
			const scrolls =
				['auto', 'scroll'].includes(style.overflowX) && el.querySelector('table') === null;
			if ((clips || scrolls) && el.scrollWidth > el.clientWidth + 1)
				problems.push(
					`cuts off its content (${el.scrollWidth} px in ${el.clientWidth} px): ${describe(el)}`,
				);
		}
		// Text wider than its box (a long word in a large heading) overflows without moving the box.
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || !(node.textContent ?? '').trim() || offScreenByDesign(parent)) continue;
			if (!parent.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }))
				continue;
			range.selectNodeContents(node);
			const box = range.getBoundingClientRect();
			if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5))
				problems.push(
					`text outside the viewport (${Math.round(box.left)}–${Math.round(box.right)} px): ${describe(parent)}`,
				);
		}
		return problems;
	});
}
