import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests against a running server: E2E_BASE_URL=http://127.0.0.1:3000 vitest run -c this file.
export default defineConfig({
  test: {
    name: 'console-e2e',
    root: fileURLToPath(new URL('./', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // A real browser against a live stack with a PBX has timing this suite cannot fully own (a
    // call still ringing from the previous test, a slow first render): one retry, so a flake does
    // not hide the run's result, while a real failure still fails twice. Retries show in the report.
    retry: 1,
  },
});
