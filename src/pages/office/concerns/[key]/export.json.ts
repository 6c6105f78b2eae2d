/**
 * One concern as JSON, for the office's own case system: the same access as its page (403
 * without a session, 404 outside its office), audited as an export, never cached.
 */
import type { APIRoute } from 'astro';
import { servicesOf } from '../../../../server/services.ts';

export const prerender = false;

const refuse = (status: 403 | 404) =>
	new Response(null, { status, headers: { 'Cache-Control': 'no-store' } });

export const GET: APIRoute = async ({ params, cookies, locals }) => {
	const { office } = servicesOf(locals);
	const signedIn = await office.sessions.resolve(cookies.get(office.sessions.cookie.name)?.value);
	if (signedIn?.level !== 'passkey') return refuse(403);
	const opened = await office.cases.open(signedIn.person, params['key'] ?? '', 'export');
	if (!opened) return refuse(404);
	const { row, concern } = opened;
	const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
	const body = {
		reference: row.reference,
		office: row.officeId,
		received: iso(row.receivedAt),
		urgent: row.urgent,
		status: row.status,
		acknowledged: iso(row.acknowledgedAt),
		statusChanged: iso(row.statusChangedAt),
		/** The answers as the notifier gave them; null once retention deleted them. */
		concern: concern ?? null,
	};
	return new Response(JSON.stringify(body, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="concern-${row.reference}.json"`,
			'Cache-Control': 'no-store',
			'X-Robots-Tag': 'noindex, nofollow',
		},
	});
};
