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
  },
});
