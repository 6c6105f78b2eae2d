import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('the store in the configuration', () => {
	it('is SQLite in DATA_DIR with nothing set', () => {
		expect(loadConfig({}).DATABASE_URL).toBeUndefined();
	});

	it('is PostgreSQL with DATABASE_URL, which needs the same DATA_KEY on every instance', () => {
		const url = 'postgres://concerns:secret@db.example.org:5432/concerns';
		expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
		expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/DATA_KEY: required with DATABASE_URL/);
		expect(loadConfig({ DATABASE_URL: url, DATA_KEY: KEY })).toMatchObject({
			DATABASE_URL: url,
			DATABASE_POOL_SIZE: 10,
			OUTBOX_LEASE_SECONDS: 300,
		});
	});

	it('names a DATABASE_URL that is not PostgreSQL, and a lease too short to send in', () => {
		expect(() => loadConfig({ DATABASE_URL: 'mysql://db.example.org/x', DATA_KEY: KEY })).toThrow(
			/DATABASE_URL/,
		);
		expect(() => loadConfig({ OUTBOX_LEASE_SECONDS: '1' })).toThrow(/OUTBOX_LEASE_SECONDS/);
	});
});
