import { describe, expect, it } from 'vitest';
import { officeSchema } from '../../src/lib/content-schemas.ts';
import { demoRefusal } from '../../src/server/demo-guard.ts';
import { readYaml, SHIPPED } from './content-files.ts';

const demo = {
	id: 'de-musterstadt',
	...officeSchema.parse(readYaml('offices/de-musterstadt.yaml', SHIPPED)),
};
const real = {
	...demo,
	id: 'de-real',
	name: 'Jugendamt Realstadt',
	demo: false,
	email: 'kinderschutz@realstadt.invalid',
};

describe('demoRefusal', () => {
	it('refuses a production start while a demo office is configured, naming the file', () => {
		const message = demoRefusal({ NODE_ENV: 'production' }, [real, demo]);
		expect(message).toMatch(/^Refusing to start with NODE_ENV=production/);
		expect(message).toContain('offices/de-musterstadt.yaml');
		expect(message).not.toContain('de-real');
	});

	it('lets a production start with real offices only, and any start without NODE_ENV=production', () => {
		expect(demoRefusal({ NODE_ENV: 'production' }, [real])).toBeUndefined();
		expect(demoRefusal({}, [demo])).toBeUndefined();
		expect(demoRefusal({ NODE_ENV: 'development' }, [demo])).toBeUndefined();
	});
});
