// The configuration for a command-line script, or exit 1 with the message naming the variable
// (never a stack trace), as `npm start` does.
import { ConfigError, loadConfig } from '../src/server/config.ts';

export function configOrExit() {
	try {
		return loadConfig();
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		console.error(error.message);
		process.exit(1);
	}
}
