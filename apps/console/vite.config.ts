import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { phonePwaPlugin } from './build/phone-pwa.plugin.ts';
import { reportSizePlugin } from './build/report-size.plugin.ts';

const API_TARGET = process.env.YIXIAN_API_URL ?? 'http://127.0.0.1:3000';

// Element Plus is imported per component (resolver) so the first load carries only what it uses;
// it is left to automatic splitting so a component used by one lazy page stays in that page's chunk.
// Two pages: the desk console (index.html, served at /) and the grid workers' phone app
// (mobile.html, served at /m/, installable: see build/phone-pwa.plugin.ts).
export default defineConfig({
  base: '/',
  resolve: {
    alias: { '#/': fileURLToPath(new URL('./src/', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/components.d.ts',
      dirs: [],
    }),
    ...phonePwaPlugin(),
    reportSizePlugin(),
    // .br and .gz beside each file over 1 kB, served as they are by the API (@fastify/static preCompressed): a phone on 3G fetches a third of the bytes.
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' }),
  ],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: true },
      '/ws': { target: API_TARGET.replace(/^http/, 'ws'), ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        mobile: fileURLToPath(new URL('./mobile.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 30 },
            { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
