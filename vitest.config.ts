import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		// tests/build builds the site from other content and takes a minute; the rest are quick.
		include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
	},
});
