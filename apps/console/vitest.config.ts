import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// Unit tests: node by default; files that need a DOM say `// @vitest-environment happy-dom`.
export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '#/': fileURLToPath(new URL('./src/', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  test: {
    name: 'console',
    root: fileURLToPath(new URL('./', import.meta.url)),
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 10_000,
  },
});
