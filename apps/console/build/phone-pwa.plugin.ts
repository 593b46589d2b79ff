import type { Plugin, PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { collectPageFiles, findPageEntry } from './report-size.plugin.ts';

/** The phone app's page in the build and the path it is served under (the API falls back to it under `/m/`). */
export const PHONE_PAGE = 'mobile.html';
export const PHONE_SCOPE = '/m/';

/** Files outside the page's module graph that belong to its shell: the manifest and its icons. */
const SHELL_EXTRAS = [/^manifest\.webmanifest$/, /^m\//];

type BundleLike = Parameters<typeof collectPageFiles>[0];

/**
 * The installable phone app (issue 15): a web manifest and a Workbox service worker scoped to
 * `/m/`, precaching only the phone page and the files it loads (its shell, lazy pages included),
 * never the desk console. The desk's `index.html` is left exactly as it was: vite-plugin-pwa's
 * link and register tags are written into the phone page only, and the page registers the worker
 * itself (lazily, so the first load stays small).
 */
export function phonePwaPlugin(): PluginOption[] {
  const shell = new Set<string>();
  const collectShell: Plugin = {
    name: 'yixian:phone-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      shell.clear();
      const chunks = bundle as unknown as BundleLike;
      const entry = findPageEntry(chunks, PHONE_PAGE);
      if (!entry) throw new Error(`[phone-pwa] the build has no ${PHONE_PAGE} entry`);
      for (const file of collectPageFiles(chunks, entry)) shell.add(file);
      shell.add(PHONE_PAGE);
    },
  };
  const pwa = VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false,
    scope: PHONE_SCOPE,
    filename: 'sw.js',
    includeAssets: [],
    // The icons are in the shell already (public/m/ is matched by SHELL_EXTRAS): listed once.
    includeManifestIcons: false,
    manifest: {
      id: PHONE_SCOPE,
      name: '一线 · 网格员',
      short_name: '一线网格',
      description: '网格员与承办人的手机工作台：签收、办理、回复工单。',
      lang: 'zh-CN',
      start_url: PHONE_SCOPE,
      scope: PHONE_SCOPE,
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#ffffff',
      theme_color: '#c0392b',
      icons: [
        { src: '/m/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/m/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/m/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      manifestTransforms: [async (entries) => ({ manifest: entries.filter((e) => shell.has(e.url) || SHELL_EXTRAS.some((re) => re.test(e.url))), warnings: [] })],
      navigateFallback: PHONE_PAGE,
      navigateFallbackAllowlist: [/^\/m(\/|$)/],
      cleanupOutdatedCaches: true,
    },
  });
  return [collectShell, ...pwa.flat().map((plugin) => (isPlugin(plugin) ? onlyOnPhonePage(plugin) : plugin))];
}

function isPlugin(option: unknown): option is Plugin {
  return typeof option === 'object' && option !== null && 'name' in option;
}

/** Restricts a plugin's HTML rewrite (the manifest link) to the phone page; the desk page is untouched. */
function onlyOnPhonePage(plugin: Plugin): Plugin {
  const hook = plugin.transformIndexHtml;
  if (!hook) return plugin;
  const handler = typeof hook === 'function' ? hook : hook.handler;
  const order = typeof hook === 'function' ? undefined : hook.order;
  return {
    ...plugin,
    transformIndexHtml: {
      order,
      handler(html, ctx) {
        if (!ctx.path.endsWith(`/${PHONE_PAGE}`)) return html;
        return (handler as (this: unknown, h: string, c: typeof ctx) => ReturnType<typeof handler>).call(this, html, ctx);
      },
    },
  };
}
