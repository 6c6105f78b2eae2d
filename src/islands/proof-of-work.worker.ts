/**
 * The proof of work's own thread: ALTCHA's worker protocol (`altcha-lib/workers/shared`) with
 * SHA-256 from Web Crypto, so the hashing never blocks the page a person is typing in. Bundled
 * by Vite as a same-origin file under /_astro/ (allowed by the CSP's `worker-src 'self'`).
 */
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });
