/** A `tel:` link for a number as written in content ("116 111" → "tel:116111"). */
export function telHref(number: string): string {
	return `tel:${number.replace(/[^+0-9]/g, '')}`;
}

/** The number as shown: groups joined by no-break spaces so a number never wraps mid-way. */
export function phoneText(number: string): string {
	return number.replace(/ /g, '\u00a0');
}
