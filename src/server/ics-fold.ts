/**
 * Line folding for iCalendar files (RFC 5545, 3.1): content lines longer than 75 octets are
 * split with CRLF and one space. The `ics` library counts characters, so a line of Cyrillic or
 * of "ü" and "–" came out at up to 83 bytes; some calendars reject or cut such lines. This
 * unfolds what the library wrote and folds again by octets, never inside a UTF-8 character.
 */
const encoder = new TextEncoder();
const MAX_OCTETS = 75;

function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	// Whole code points only: a surrogate pair or a multi-byte character stays on one line.
	for (const char of line) {
		const size = encoder.encode(char).length;
		// Continuation lines start with a space, which counts towards their 75 octets.
		const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** The calendar text with every content line folded at 75 octets. */
export function foldIcs(text: string): string {
	const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
	return lines.map((line) => (line === '' ? line : foldLine(line))).join('\r\n');
}
