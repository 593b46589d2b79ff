/**
 * The live telephony suite: the product against a real Asterisk 22 built from the vendored
 * source (telephony/pbx). One file at a time: each starts its own PBX, and the machine has two cores.
 *   pnpm exec vitest run --config telephony/vitest.live.config.ts
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'telephony-live',
    root: import.meta.dirname,
    include: ['live/**/*.live.test.ts'],
    environment: 'node',
    globalSetup: ['live/build-pbx.global.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
