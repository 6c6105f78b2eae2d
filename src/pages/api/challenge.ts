/**
 * `GET /api/challenge/`: a fresh proof-of-work challenge for a form island (see spam-guard.ts).
 * Signed and short-lived; nothing is stored until a solution is used.
 */
import type { APIRoute } from 'astro';
import { servicesOf } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) =>
	new Response(JSON.stringify(await servicesOf(locals).guard.newChallenge()), {
		headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
	});
