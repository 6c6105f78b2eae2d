import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		// tests/build builds the site from other content and takes a minute; the rest are quick.
		include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
		// A throwaway PostgreSQL cluster for the store's contract tests (see the file).
		globalSetup: ['tests/fixtures/postgres-setup.ts'],
	},
});
