import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  name?: string;
  facadeModuleId?: string | null;
  imports?: string[];
  dynamicImports?: string[];
  code?: string;
  source?: string | Uint8Array;
  viteMetadata?: { importedCss?: Set<string>; importedAssets?: Set<string> };
}

/** Gzipped byte size of a string or buffer. */
function measureGzip(content: string | Uint8Array): number {
  return gzipSync(typeof content === 'string' ? Buffer.from(content) : content, { level: 9 }).length;
}

/** The entry chunk of one HTML page (`index.html`, `mobile.html`): Vite names it after the page. */
export function findPageEntry(bundle: Record<string, ChunkLike>, page: string): string | null {
  const name = page.replace(/\.html$/, '');
  const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && (c.name === name || c.facadeModuleId?.endsWith(`/${page}`)));
  return entry?.fileName ?? null;
}

/**
 * Sums what the browser must download before the first paint: the entry chunk and every chunk it
 * imports statically (lazy route chunks are left out), plus the CSS those chunks pull in. Without
 * `entries`, every entry chunk of the build counts.
 */
export function measureInitialLoad(bundle: Record<string, ChunkLike>, entries?: readonly string[]): { js: number; css: number; files: string[] } {
  const seen = new Set<string>();
  const css = new Set<string>();
  const visit = (fileName: string): void => {
    if (seen.has(fileName)) return;
    const chunk = bundle[fileName];
    if (!chunk || chunk.type !== 'chunk') return;
    seen.add(fileName);
    chunk.viteMetadata?.importedCss?.forEach((f) => css.add(f));
    chunk.imports?.forEach(visit);
  };
  const roots = entries ?? Object.values(bundle).filter((c) => c.type === 'chunk' && c.isEntry).map((c) => c.fileName);
  roots.forEach(visit);
  let js = 0;
  for (const f of seen) js += measureGzip(bundle[f]?.code ?? '');
  let cssBytes = 0;
  for (const f of css) cssBytes += measureGzip(bundle[f]?.source ?? '');
  return { js, css: cssBytes, files: [...seen, ...css] };
}

/**
 * Every file one page may load: its entry, static and lazy imports, their CSS and assets. The
 * phone app's service worker precaches exactly this (its shell), never the desk console's pages.
 */
export function collectPageFiles(bundle: Record<string, ChunkLike>, entry: string): Set<string> {
  const files = new Set<string>();
  const visit = (fileName: string): void => {
    if (files.has(fileName)) return;
    const chunk = bundle[fileName];
    if (!chunk) return;
    files.add(fileName);
    if (chunk.type !== 'chunk') return;
    chunk.viteMetadata?.importedCss?.forEach((f) => files.add(f));
    chunk.viteMetadata?.importedAssets?.forEach((f) => files.add(f));
    chunk.imports?.forEach(visit);
    chunk.dynamicImports?.forEach(visit);
  };
  visit(entry);
  return files;
}

/** The pages of the build whose first load is reported: the desk console and the phone app. */
export const REPORTED_PAGES = [
  { page: 'index.html', label: 'initial' },
  { page: 'mobile.html', label: 'phone app initial' },
] as const;

/**
 * Prints the initial JS/CSS gzipped size of each page after `vite build`, so a change that drags
 * a large library (all of Element Plus, ECharts) into a first load shows up in the build log.
 */
export function reportSizePlugin(): Plugin {
  return {
    name: 'yixian:report-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = bundle as unknown as Record<string, ChunkLike>;
      const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
      for (const { page, label } of REPORTED_PAGES) {
        const entry = findPageEntry(chunks, page);
        if (!entry) continue;
        const { js, css, files } = measureInitialLoad(chunks, [entry]);
        console.log(`\n[report-size] ${label} JS gzipped: ${kb(js)} · ${label} CSS gzipped: ${kb(css)} (${page}, ${files.length} files)`);
      }
    },
  };
}
