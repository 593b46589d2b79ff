/**
 * One Vitest run for the whole workspace. Node projects talk to real PostgreSQL and Redis
 * (URLs from the environment the test command provisions); the console has its own
 * project (happy-dom); browser tests run last, against the running stack.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'apps/api/src/**/*.test.ts',
            'apps/api/test/**/*.test.ts',
            'apps/bridge/src/**/*.test.ts',
            'apps/bridge/test/**/*.test.ts',
            'prisma/**/*.test.ts',
            'scripts/**/*.test.ts',
            'telephony/**/*.test.ts',
          ],
          // The live suite needs a real PBX: telephony/vitest.live.config.ts runs it.
          exclude: ['**/node_modules/**', 'telephony/live/**'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      'apps/console',
    ],
  },
});
