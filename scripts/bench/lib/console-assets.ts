/**
 * The built console as the console benchmark serves it: what `index.html` (or the phone app's
 * `mobile.html`) makes the browser
 * fetch before the first page renders (its module script and every `modulepreload`, i.e. the
 * entry chunk and its static imports; lazy route chunks are not in it), raw and gzipped; and a
 * private copy of the build with two static baseline pages, served by the API like the console.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface InitialLoad {
  scripts: AssetSize[];
  jsRawBytes: number;
  jsGzipBytes: number;
  cssRawBytes: number;
  cssGzipBytes: number;
}

/** The login and desk pages of the baseline: plain HTML, no script, a form and a button. */
export const BASELINE_PAGES = {
  login: '/bench-baseline-login.html',
  desk: '/bench-baseline-desk.html',
} as const;

const attributeOf = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]+)"`))?.[1] ?? null;

function sizeOf(distDir: string, url: string): AssetSize {
  const content = readFileSync(join(distDir, url.replace(/^\//, '')));
  // Level 9, as the build's own size report (`apps/console/build/report-size.plugin.ts`).
  return { file: url, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/**
 * Sizes of the scripts and stylesheets a page of the build (`index.html`, the desk console, by
 * default; `mobile.html`, the phone app) loads before anything renders.
 */
export function measureInitialLoad(distDir: string, page = 'index.html'): InitialLoad {
  const html = readFileSync(join(distDir, page), 'utf8');
  const scriptUrls = new Set<string>();
  const cssUrls = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = attributeOf(tag, 'src');
    if (src && attributeOf(tag, 'type') === 'module') scriptUrls.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const rel = attributeOf(tag, 'rel');
    const href = attributeOf(tag, 'href');
    if (href && rel === 'modulepreload') scriptUrls.add(href);
    if (href && rel === 'stylesheet') cssUrls.add(href);
  }
  if (scriptUrls.size === 0) throw new Error(`${join(distDir, page)} loads no module script: is it a production build?`);
  const scripts = [...scriptUrls].map((url) => sizeOf(distDir, url));
  const css = [...cssUrls].map((url) => sizeOf(distDir, url));
  const sum = (list: AssetSize[], key: 'rawBytes' | 'gzipBytes') => list.reduce((total, item) => total + item[key], 0);
  return { scripts, jsRawBytes: sum(scripts, 'rawBytes'), jsGzipBytes: sum(scripts, 'gzipBytes'), cssRawBytes: sum(css, 'rawBytes'), cssGzipBytes: sum(css, 'gzipBytes') };
}

/**
 * A copy of the build (`CONSOLE_DIST` of the benchmark's API) plus the baseline pages, so the
 * shared `dist` is never written and both are served by the same static handler.
 */
export function copyConsoleWithBaseline(distDir: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'yixian-bench-console-'));
  cpSync(distDir, dir, { recursive: true });
  writeFileSync(join(dir, BASELINE_PAGES.login.slice(1)), `<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8"><title>baseline login</title></head>
<body><form action="${BASELINE_PAGES.desk}" method="get">
<input data-testid="baseline-username" autocomplete="off"> <input type="password" data-testid="baseline-password">
<button type="submit" data-testid="baseline-submit">登录</button></form></body></html>
`);
  writeFileSync(join(dir, BASELINE_PAGES.desk.slice(1)), `<!doctype html>
<html lang="zh-CN"><head><meta charset="UTF-8"><title>baseline desk</title></head>
<body><p>排队 <span data-testid="baseline-queue">0</span></p><button type="button" data-testid="baseline-ready">就绪</button></body></html>
`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
