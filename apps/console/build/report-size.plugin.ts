import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  imports?: string[];
  code?: string;
  source?: string | Uint8Array;
  viteMetadata?: { importedCss?: Set<string> };
}

/** Gzipped byte size of a string or buffer. */
function measureGzip(content: string | Uint8Array): number {
  return gzipSync(typeof content === 'string' ? Buffer.from(content) : content, { level: 9 }).length;
}

/**
 * Sums what the browser must download before the first paint: the entry chunk and every chunk it
 * imports statically (lazy route chunks are left out), plus the CSS those chunks pull in.
 */
export function measureInitialLoad(bundle: Record<string, ChunkLike>): { js: number; css: number; files: string[] } {
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
  Object.values(bundle)
    .filter((c) => c.type === 'chunk' && c.isEntry)
    .forEach((c) => visit(c.fileName));
  let js = 0;
  for (const f of seen) js += measureGzip(bundle[f]?.code ?? '');
  let cssBytes = 0;
  for (const f of css) cssBytes += measureGzip(bundle[f]?.source ?? '');
  return { js, css: cssBytes, files: [...seen, ...css] };
}

/**
 * Prints the initial JS/CSS gzipped size after `vite build`, so a change that drags a large
 * library (all of Element Plus, ECharts) into the first load shows up in the build log.
 */
export function reportSizePlugin(): Plugin {
  return {
    name: 'yixian:report-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const { js, css, files } = measureInitialLoad(bundle as unknown as Record<string, ChunkLike>);
      const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
      console.log(`\n[report-size] initial JS gzipped: ${kb(js)} · initial CSS gzipped: ${kb(css)} (${files.length} files)`);
    },
  };
}
