/**
 * Single sign-on's parts: the groups claim read as memberships, the configuration that turns it
 * on, the store's side (who the account is, its memberships, the log) and the flow's own checks
 * before the provider is asked (against a real provider on loopback for its metadata).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends, type OpenedStore } from '../fixtures/store-backends.ts';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import {
	membershipsOf,
	parseGroupMap,
	unknownOffices,
	type GroupMap,
} from '../../src/server/office/oidc-claims.ts';
import { createOidcSignIn, FLOW_MS } from '../../src/server/office/oidc-sign-in.ts';
import { openSqliteStore, type Store } from '../../src/server/store.ts';
import { startOidcProvider, type OidcProviderFixture } from '../fixtures/oidc-provider.ts';

const map = (json: Record<string, string>) => parseGroupMap(JSON.stringify(json)) as GroupMap;

describe('the groups claim as memberships', () => {
	const groups = map({
		'/kommune/a/workers': 'office-a:case-worker',
		'/kommune/a/admins': 'office-a:office-admin',
		'b-guid-0000': 'office-b:case-worker',
	});

	it('gives one membership per office, the higher role winning, ignoring groups it does not name', () => {
		expect(
			membershipsOf(
				['/kommune/all', 'b-guid-0000', '/kommune/a/admins', '/kommune/a/workers'],
				groups,
			),
		).toEqual([
			{ officeId: 'office-a', role: 'office-admin' },
			{ officeId: 'office-b', role: 'case-worker' },
		]);
		expect(membershipsOf(['/kommune/a/workers'], groups)).toEqual([
			{ officeId: 'office-a', role: 'case-worker' },
		]);
	});

	it('takes a single string as one group; anything else as none', () => {
		expect(membershipsOf('b-guid-0000', groups)).toEqual([
			{ officeId: 'office-b', role: 'case-worker' },
		]);
		for (const claim of [undefined, null, 7, { '/kommune/a/admins': true }, [7, null], [], ''])
			expect(membershipsOf(claim, groups)).toEqual([]);
	});

	it('matches groups exactly: no case folding, no prefixes, no inherited object keys', () => {
		expect(
			membershipsOf(['/KOMMUNE/A/ADMINS', '/kommune/a', 'toString', '__proto__'], groups),
		).toEqual([]);
	});

	it('names the offices it maps to that the content does not have, once each', () => {
		expect(unknownOffices(groups, ['office-a', 'office-b'])).toEqual([]);
		expect(unknownOffices(groups, ['office-b'])).toEqual(['office-a']);
	});

	it('refuses a map that is no JSON, names a bad role or a malformed entry, or is empty', () => {
		expect(parseGroupMap('{')).toMatch(/must be JSON/);
		expect(parseGroupMap('["a"]')).toEqual(expect.any(String));
		expect(parseGroupMap('{"g": "office-a:operator"}')).toMatch(/"g": role must be one of/);
		expect(parseGroupMap('{"g": "office-a"}')).toMatch(/"g": must be "<office id>:<role>"/);
		expect(parseGroupMap('{}')).toBe('must map at least one group');
	});
});

describe('the configuration', () => {
	const oidc = {
		OIDC_ISSUER: 'https://login.example.org/realms/kommune',
		OIDC_CLIENT_ID: 'site',
		OIDC_CLIENT_SECRET: 'secret',
		OIDC_GROUPS: '{"/kommune/a/workers": "office-a:case-worker"}',
	};
	const error = (env: Record<string, string>) => {
		try {
			loadConfig(env);
		} catch (e) {
			expect(e).toBeInstanceOf(ConfigError);
			return (e as Error).message;
		}
		return undefined;
	};

	it('is off when no OIDC_ variable is set, and on with all of them', () => {
		expect(loadConfig({}).OIDC_ISSUER).toBeUndefined();
		const config = loadConfig(oidc);
		expect(config.OIDC_GROUPS_CLAIM).toBe('groups');
		expect(config.OIDC_GROUPS?.get('/kommune/a/workers')).toEqual({
			officeId: 'office-a',
			role: 'case-worker',
		});
	});

	it('names each missing variable when only some are set', () => {
		const message = error({ OIDC_ISSUER: oidc.OIDC_ISSUER, OIDC_GROUPS: oidc.OIDC_GROUPS });
		expect(message).toMatch(/OIDC_CLIENT_ID: required when any of/);
		expect(message).toMatch(/OIDC_CLIENT_SECRET: required when any of/);
		expect(message).not.toMatch(/OIDC_ISSUER:/);
	});

	it('refuses plain http except on this machine, and a bad groups map by name', () => {
		expect(error({ ...oidc, OIDC_ISSUER: 'http://login.example.org' })).toMatch(
			/OIDC_ISSUER: must be https/,
		);
		expect(error({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:9999' })).toBeUndefined();
		expect(error({ ...oidc, OIDC_GROUPS: '{"g": "a:boss"}' })).toMatch(
			/OIDC_GROUPS: "g": role must be one of/,
		);
	});
});

describe.each(storeBackends())('the $name store', (backend) => {
	const T0 = 1_800_000_000_000;
	const ISSUER = 'https://login.example.org';
	const account = { issuer: ISSUER, subject: 'sub-1', email: 'Anna@Example.org', name: 'Anna' };
	let opened: OpenedStore;
	let store: Store;
	beforeEach(async () => {
		opened = await backend.open();
		store = opened.store;
	});
	afterEach(async () => {
		await opened.cleanup();
	});

	it('adds a new person, then finds them by the account and sets exactly the memberships given', async () => {
		const id = await store.officeSso.signIn(
			account,
			[{ officeId: 'office-a', role: 'case-worker' }],
			{ id: 'p1', locale: 'da' },
			'log-1',
			T0,
		);
		expect(id).toBe('p1');
		expect(await store.office.person('p1')).toMatchObject({
			email: 'anna@example.org',
			locale: 'da',
			operator: false,
			memberships: [{ officeId: 'office-a', role: 'case-worker' }],
		});
		// The provider's groups changed, and so did the address: the account still finds them.
		const again = await store.officeSso.signIn(
			{ ...account, email: 'anna.new@example.org' },
			[{ officeId: 'office-b', role: 'office-admin' }],
			{ id: 'p2', locale: 'en' },
			'log-2',
			T0 + 1,
		);
		expect(again).toBe('p1');
		expect((await store.office.person('p1'))?.memberships).toEqual([
			{ officeId: 'office-b', role: 'office-admin' },
		]);
		expect(await store.office.person('p2')).toBeUndefined();
		expect(await store.officeSso.signIns(10)).toEqual([
			{ at: T0 + 1, personId: 'p1', outcome: 'signed-in', offices: ['office-b'] },
			{ at: T0, personId: 'p1', outcome: 'signed-in', offices: ['office-a'] },
		]);
	});

	it('links the account to a person already there by e-mail address, keeping their passkey', async () => {
		await store.office.addPerson({
			id: 'existing',
			email: 'anna@example.org',
			name: 'Anna A.',
			locale: 'de',
			operator: false,
			now: T0,
		});
		await store.office.addPasskey(
			{ id: 'cred', personId: 'existing', publicKey: 'pk', counter: 0, transports: [] },
			T0,
		);
		const id = await store.officeSso.signIn(
			account,
			[{ officeId: 'office-a', role: 'case-worker' }],
			{ id: 'new', locale: 'en' },
			'log-1',
			T0,
		);
		expect(id).toBe('existing');
		expect((await store.office.person('existing'))?.name).toBe('Anna A.');
		expect(await store.office.passkeys('existing')).toHaveLength(1);
	});

	it('a refused account that is someone here loses their memberships and sessions; an unknown one is only logged', async () => {
		await store.officeSso.signIn(
			account,
			[{ officeId: 'office-a', role: 'case-worker' }],
			{ id: 'p1', locale: 'en' },
			'log-1',
			T0,
		);
		await store.office.createSession('hash', 'p1', 'passkey', T0);
		await store.officeSso.refuse(ISSUER, 'sub-1', 'log-2', T0 + 1);
		expect((await store.office.person('p1'))?.memberships).toEqual([]);
		expect(await store.office.session('hash')).toBeUndefined();
		await store.officeSso.refuse(ISSUER, 'nobody', 'log-3', T0 + 2);
		expect((await store.officeSso.signIns(2)).map((s) => [s.personId, s.outcome])).toEqual([
			[null, 'refused'],
			['p1', 'refused'],
		]);
	});
});

describe('the flow', () => {
	let provider: OidcProviderFixture;
	let dir: string;
	let store: Store;
	const ORIGIN = 'http://localhost:4321';
	beforeAll(async () => {
		provider = await startOidcProvider();
		provider.serve(`${ORIGIN}/office/sign-in/oidc/callback/`, {});
		dir = mkdtempSync(join(tmpdir(), 'oidc-flow-'));
		store = openSqliteStore(dir);
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
		await provider.close();
	});
	const oidc = () =>
		createOidcSignIn(
			{
				issuer: provider.issuer,
				clientId: provider.clientId,
				clientSecret: provider.clientSecret,
				groupsClaim: 'groups',
				groups: map({ g: 'office-a:case-worker' }),
			},
			store,
			Buffer.alloc(32, 3),
			ORIGIN,
		);
	const callback = (params: Record<string, string>) =>
		new URL(`${ORIGIN}/office/sign-in/oidc/callback/?${new URLSearchParams(params)}`);

	it('sends the browser to the provider with PKCE (S256), state, nonce and this origin’s callback', async () => {
		const started = await oidc().start(ORIGIN);
		if (!('url' in started)) throw new Error('not started');
		const url = new URL(started.url);
		expect(url.origin).toBe(provider.issuer);
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			client_id: provider.clientId,
			response_type: 'code',
			redirect_uri: `${ORIGIN}/office/sign-in/oidc/callback/`,
			code_challenge_method: 'S256',
			scope: 'openid email profile',
		});
		for (const p of ['state', 'nonce', 'code_challenge'])
			expect(url.searchParams.get(p)).toMatch(/^[\w-]{32,}$/);
		// The flow cookie is sealed: none of its secrets can be read from it.
		expect(Buffer.from(started.flow, 'base64url').toString()).not.toContain(
			url.searchParams.get('state')!,
		);
	});

	it('refuses a missing, forged, run-out or mismatched flow, and a used state, before asking the provider', async () => {
		const sso = oidc();
		const started = await sso.start(ORIGIN);
		if (!('url' in started)) throw new Error('not started');
		const state = new URL(started.url).searchParams.get('state')!;
		const iss = provider.issuer;
		const params = { code: 'c', state, iss };
		expect(await sso.finish(callback(params), undefined, 'en')).toEqual({ status: 'invalid' });
		expect(await sso.finish(callback(params), `${started.flow.slice(0, -2)}AA`, 'en')).toEqual({
			status: 'invalid',
		});
		expect(
			await sso.finish(callback(params), started.flow, 'en', Date.now() + FLOW_MS + 1),
		).toEqual({ status: 'invalid' });
		expect(await sso.finish(callback({ ...params, state: 'other' }), started.flow, 'en')).toEqual({
			status: 'invalid',
		});
		// None of those used the state up: the provider is asked now, and refuses the made-up code.
		expect(await sso.finish(callback(params), started.flow, 'en')).toEqual({ status: 'invalid' });
		// Asked once: the same callback again never reaches it.
		await provider.close();
		expect(await sso.finish(callback(params), started.flow, 'en')).toEqual({ status: 'invalid' });
		// A new process cannot read the provider's metadata now: no flow starts.
		expect(await oidc().start(ORIGIN)).toEqual({ status: 'unavailable' });
	});
});
