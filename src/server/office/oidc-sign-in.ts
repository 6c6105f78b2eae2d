/**
 * Single sign-on with the municipality's OpenID Connect provider (`openid-client`): the
 * authorization code flow with PKCE, state and nonce. What the callback must check is kept
 * between the two requests in a short-lived cookie, encrypted with the data key (so nobody can
 * read the PKCE verifier or forge a flow), and its state is used up once in the store, so a
 * callback URL replayed – even with the cookie – signs nobody in.
 *
 * The cookie is SameSite=Lax, not Strict like the session's: the provider sends the browser
 * back to the callback from another site, and a Strict cookie is left off exactly that request.
 * Lax still leaves it off any cross-site POST and any embedded request, and its path holds it to
 * the sign-in's own addresses.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as client from 'openid-client';
import { z } from 'zod';
import { decrypt, encrypt } from '../data-crypto.ts';
import type { Store } from '../store.ts';
import { membershipsOf, type GroupMap } from './oidc-claims.ts';

export interface OidcSettings {
	issuer: string;
	clientId: string;
	clientSecret: string;
	groupsClaim: string;
	groups: GroupMap;
}

export const FLOW_MS = 10 * 60_000;
export const CALLBACK_PATH = '/office/sign-in/oidc/callback/';

export interface FlowCookie {
	name: string;
	/** Sent only to the sign-in's own addresses. */
	path: string;
	secure: boolean;
}

export type OidcOutcome =
	| { status: 'signed-in'; personId: string }
	/** The account is fine but its groups give no office here (or it has no usable e-mail address): 403. */
	| { status: 'refused' }
	/** The provider answered with an error (the person cancelled, or it refused them): 403. */
	| { status: 'provider-error' }
	/** No flow, a forged or run-out one, another flow's state, a replay, a bad token: 400. */
	| { status: 'invalid' }
	/** The provider could not be reached: 503. */
	| { status: 'unavailable' };

export interface OidcSignIn {
	flowCookie: FlowCookie;
	/** The provider's sign-in address for a new flow, and the flow cookie's value. */
	start(origin: string): Promise<{ url: string; flow: string } | { status: 'unavailable' }>;
	/** Checks the callback (its whole URL as the browser addressed it) against the flow cookie. */
	finish(
		callbackUrl: URL,
		flow: string | undefined,
		locale: string,
		now?: number,
	): Promise<OidcOutcome>;
}

const flowSchema = z.object({
	state: z.string(),
	nonce: z.string(),
	verifier: z.string(),
	redirectUri: z.string(),
	expiresAt: z.number(),
});
type Flow = z.infer<typeof flowSchema>;

const FLOW_DATA = 'office-oidc-flow';

/** The claims the sign-in reads; anything else the provider sends is ignored. */
const accountClaims = z.object({
	sub: z.string().min(1),
	email: z.email().max(254),
	// Some providers (Entra ID) send no `email_verified`, some send it as a string (Cognito);
	// an address the provider says is not verified is not trusted.
	email_verified: z.unknown(),
	name: z.string().optional(),
});

/** A network failure or time-out (anywhere in the error's causes), as opposed to a refusal. */
function unreachable(error: unknown): boolean {
	for (let e = error; e instanceof Error; e = e.cause) {
		if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
		if (e instanceof TypeError && e.message === 'fetch failed') return true;
	}
	return false;
}

export function createOidcSignIn(
	settings: OidcSettings,
	store: Store,
	dataKey: Buffer,
	siteUrl: string,
): OidcSignIn {
	const secure = new URL(siteUrl).protocol === 'https:';
	const flowCookie = {
		name: secure ? '__Secure-office-oidc' : 'office-oidc',
		path: '/office/sign-in/oidc/',
		secure,
	};
	const issuer = new URL(settings.issuer);
	let discovered: Promise<client.Configuration> | undefined;
	/** The provider's metadata, fetched once; a failed fetch is tried again next time. */
	function configuration(): Promise<client.Configuration> {
		discovered ??= client
			.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
				timeout: 10,
				// Plain http is allowed by the configuration only on this machine (the tests' provider).
				execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
			})
			.catch((error: unknown) => {
				discovered = undefined;
				throw error;
			});
		return discovered;
	}
	const sealFlow = (flow: Flow) =>
		encrypt(dataKey, JSON.stringify(flow), FLOW_DATA).toString('base64url');
	function openFlow(value: string | undefined, now: number): Flow | undefined {
		if (!value) return undefined;
		try {
			const flow = flowSchema.parse(
				JSON.parse(decrypt(dataKey, Buffer.from(value, 'base64url'), FLOW_DATA)),
			);
			return now < flow.expiresAt ? flow : undefined;
		} catch {
			return undefined;
		}
	}
	const stateHash = (state: string) =>
		createHash('sha256').update(`oidc-state:${state}`).digest('base64url');

	return {
		flowCookie,
		async start(origin) {
			let config: client.Configuration;
			try {
				config = await configuration();
			} catch {
				return { status: 'unavailable' };
			}
			const verifier = client.randomPKCECodeVerifier();
			const flow: Flow = {
				state: client.randomState(),
				nonce: client.randomNonce(),
				verifier,
				// Where the browser is now: the session cookie must be set on the same host.
				redirectUri: new URL(CALLBACK_PATH, origin).href,
				expiresAt: Date.now() + FLOW_MS,
			};
			const url = client.buildAuthorizationUrl(config, {
				redirect_uri: flow.redirectUri,
				scope: 'openid email profile',
				code_challenge: await client.calculatePKCECodeChallenge(verifier),
				code_challenge_method: 'S256',
				state: flow.state,
				nonce: flow.nonce,
			});
			return { url: url.href, flow: sealFlow(flow) };
		},
		async finish(callbackUrl, value, locale, now = Date.now()) {
			const flow = openFlow(value, now);
			if (!flow || callbackUrl.searchParams.get('state') !== flow.state)
				return { status: 'invalid' };
			// Used up before the provider is asked: a replayed callback never gets that far.
			if (!(await store.office.useChallenge(stateHash(flow.state), flow.expiresAt)))
				return { status: 'invalid' };
			let claims: Record<string, unknown>;
			try {
				const config = await configuration();
				const current = new URL(flow.redirectUri);
				current.search = callbackUrl.search;
				const tokens = await client.authorizationCodeGrant(config, current, {
					pkceCodeVerifier: flow.verifier,
					expectedState: flow.state,
					expectedNonce: flow.nonce,
					idTokenExpected: true,
				});
				const idToken = tokens.claims()!;
				// Providers following the standard put profile claims (and often groups) only at
				// the userinfo endpoint for this flow; what the signed ID token says wins.
				const userinfo = config.serverMetadata().userinfo_endpoint
					? await client.fetchUserInfo(config, tokens.access_token, idToken.sub)
					: {};
				claims = { ...userinfo, ...idToken };
			} catch (error) {
				if (error instanceof client.AuthorizationResponseError) return { status: 'provider-error' };
				if (unreachable(error)) return { status: 'unavailable' };
				return { status: 'invalid' };
			}
			const account = accountClaims.safeParse(claims);
			const memberships = membershipsOf(claims[settings.groupsClaim], settings.groups);
			const unverified = [false, 'false'].some((v) => v === account.data?.email_verified);
			if (!account.success || unverified || memberships.length === 0) {
				if (typeof claims['sub'] === 'string')
					await store.officeSso.refuse(settings.issuer, claims['sub'], randomUUID(), now);
				return { status: 'refused' };
			}
			const { sub, email, name } = account.data;
			const personId = await store.officeSso.signIn(
				// As long a name as the people page accepts; none: the address.
				{ issuer: settings.issuer, subject: sub, email, name: name?.trim().slice(0, 120) || email },
				memberships,
				{ id: randomUUID(), locale },
				randomUUID(),
				now,
			);
			return { status: 'signed-in', personId };
		},
	};
}
