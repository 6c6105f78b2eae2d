// The last step of `npm run build`: Brotli and gzip copies of the built files next to them
// (src/server/precompress.ts), so the server never compresses a built file per request.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from '../src/server/precompress.ts';

const client = join(fileURLToPath(new URL('..', import.meta.url)), 'dist/client');
const started = performance.now();
const { files, bytes, compressed } = await precompress(client);
const kb = (n) => `${Math.round(n / 1024)} KB`;
console.log(
	`Precompressed ${files} files (${kb(bytes)}): Brotli ${kb(compressed.br)}, gzip ${kb(compressed.gzip)}, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
