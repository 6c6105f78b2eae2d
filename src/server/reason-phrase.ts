/**
 * Astro writes a page's status with its Response's `statusText`, which stays "OK" when a page
 * only sets `Astro.response.status`: a form answered "400 OK". This puts the status's own reason
 * phrase on the response instead, for every page, so no page has to remember it.
 */
import { STATUS_CODES, type ServerResponse } from 'node:http';

export function withReasonPhrases(res: ServerResponse): void {
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
	res.writeHead = ((status: number, ...rest: unknown[]) => {
		if (status !== 200 && res.statusMessage === 'OK')
			res.statusMessage = STATUS_CODES[status] ?? '';
		return writeHead(status, ...rest);
	}) as ServerResponse['writeHead'];
}
