/**
 * `GET /api/challenge/`: a fresh proof-of-work challenge for a form island (see spam-guard.ts).
 * Signed and short-lived; nothing is stored until a solution is used.
 */
import type { APIRoute } from 'astro';
import { newChallenge } from '../../server/spam-guard.ts';

export const prerender = false;

export const GET: APIRoute = async () =>
	new Response(JSON.stringify(await newChallenge()), {
		headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
	});
