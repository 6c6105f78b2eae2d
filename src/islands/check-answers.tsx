/**
 * "Check your answers" (GOV.UK pattern) for every form: a heading that takes focus, then the
 * answers in groups, each with its change control; and the summary list it is built of, which the
 * confirmation pages use too. Rendered by the concern island (and on the server for the form
 * without JavaScript) and by the booking page on the server.
 */
import type { ComponentChildren } from 'preact';

/** A label and what is shown for it. */
export type SummaryRow = readonly [label: string, value: ComponentChildren];

export function SummaryList({
	rows,
	class: extra,
}: {
	rows: readonly SummaryRow[];
	class?: string | undefined;
}) {
	return (
		<dl class={extra ? `summary ${extra}` : 'summary'}>
			{rows.map(([label, value]) => (
				<div class="summary__row">
					<dt>{label}</dt>
					<dd>{value}</dd>
				</div>
			))}
		</dl>
	);
}

export interface AnswerGroup {
	/** The step's title, as a subheading; none for a form of one step. */
	title?: string;
	/** Rendered before the rows (e.g. the booking's time and place). */
	lead?: ComponentChildren;
	rows: readonly SummaryRow[];
	/** The control that goes back to change these answers, if each group has its own. */
	change?: ComponentChildren;
}

export function CheckAnswers({
	title,
	groups,
	autofocus,
	children,
}: {
	title: string;
	groups: readonly AnswerGroup[];
	/** Without JavaScript the page opens at this heading. */
	autofocus?: boolean;
	/** What follows the answers (who receives them, what happens next). */
	children?: ComponentChildren;
}) {
	return (
		<section class="form-section review" id="section-review" aria-labelledby="section-review-title">
			<h2 id="section-review-title" tabindex={-1} autofocus={autofocus}>
				{title}
			</h2>
			{groups.map((group) => (
				<div class="review__section">
					{group.title && <h3>{group.title}</h3>}
					{group.lead}
					<SummaryList rows={group.rows} />
					{group.change}
				</div>
			))}
			{children}
		</section>
	);
}
