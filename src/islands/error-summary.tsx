/**
 * The error summary, built as GOV.UK Frontend builds it: a box at the top of the page that takes
 * focus (`tabindex="-1"`; `autofocus` without JavaScript, focused again by the island whenever it
 * shows new errors), with `role="alert"` on a child rather than on the focused element, so the
 * announcement of the alert and that of the focus do not race each other. Each problem links to
 * the field it is about. Used by the islands and, rendered on the server, by the pages.
 */
import { useEffect, useRef } from 'preact/hooks';

export interface ErrorItem {
	text: string;
	/** `#<id>` of the input to fix; none for a problem with the form as a whole. */
	href?: string | undefined;
}

export function ErrorSummary({
	title,
	description,
	items = [],
	shows,
}: {
	/** "There is a problem", in the visitor's language. */
	title: string;
	/** A sentence about the problem, for a summary without a list of fields. */
	description?: string;
	items?: readonly ErrorItem[];
	/** What the summary shows (e.g. the errors object): a new value moves focus here again. */
	shows?: unknown;
}) {
	const ref = useRef<HTMLDivElement>(null);
	useEffect(() => ref.current?.focus(), [shows]);
	return (
		<div class="error-summary" tabindex={-1} ref={ref} autofocus>
			<div role="alert">
				<h2 id="error-summary-title">{title}</h2>
				{description && <p>{description}</p>}
				{items.length > 0 && (
					<ul>
						{items.map((item) => (
							<li>{item.href ? <a href={item.href}>{item.text}</a> : item.text}</li>
						))}
					</ul>
				)}
			</div>
		</div>
	);
}
