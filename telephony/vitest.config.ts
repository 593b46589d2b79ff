/**
 * Runs telephony's tests alone: `pnpm exec vitest run --config telephony/vitest.config.ts`.
 * The root config's node project can include `telephony/**\/*.test.ts` as well.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { root: import.meta.dirname, include: ['**/*.test.ts'], exclude: ['**/node_modules/**', 'live/**'], environment: 'node', testTimeout: 30_000 },
});
