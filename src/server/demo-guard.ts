/**
 * Demo offices are fictional (`demo: true` in content/offices/): concerns sent to them reach no
 * one. A live deployment that forgot to replace them would lose real concerns, so a production
 * start (NODE_ENV=production) refuses to run while any is configured.
 */
import type { Office } from '../lib/content-schemas.ts';

/** The refusal to print, or undefined when starting is fine. */
export function demoRefusal(
	env: NodeJS.ProcessEnv,
	offices: Iterable<Office & { id: string }>,
): string | undefined {
	if (env['NODE_ENV'] !== 'production') return undefined;
	const demo = [...offices].filter((o) => o.demo).map((o) => `  offices/${o.id}.yaml (${o.name})`);
	if (demo.length === 0) return undefined;
	return [
		'Refusing to start with NODE_ENV=production: these offices are demo data (demo: true) and reach no one:',
		...demo,
		'Replace them with your real offices (see README, "Configure a deployment"), or start without NODE_ENV=production to try the site out.',
	].join('\n');
}
