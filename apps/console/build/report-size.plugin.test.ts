import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collectPageFiles, findPageEntry, measureInitialLoad } from './report-size.plugin';

const gz = (s: string): number => gzipSync(Buffer.from(s), { level: 9 }).length;

describe('measureInitialLoad', () => {
  it('counts the entry and its static imports, not lazy chunks', () => {
    const entry = 'import "./vendor.js";'.repeat(20);
    const vendor = 'export const vue = 1;'.repeat(50);
    const lazy = 'export const chart = 2;'.repeat(500);
    const result = measureInitialLoad({
      'index.js': { type: 'chunk', fileName: 'index.js', isEntry: true, imports: ['vendor.js'], code: entry, viteMetadata: { importedCss: new Set(['index.css']) } },
      'vendor.js': { type: 'chunk', fileName: 'vendor.js', imports: ['index.js'], code: vendor },
      'lazy.js': { type: 'chunk', fileName: 'lazy.js', imports: ['vendor.js'], code: lazy },
      'index.css': { type: 'asset', fileName: 'index.css', source: 'body{margin:0}' },
    });
    expect(result.js).toBe(gz(entry) + gz(vendor));
    expect(result.css).toBe(gz('body{margin:0}'));
    expect(result.files.sort()).toEqual(['index.css', 'index.js', 'vendor.js']);
  });
});

describe('per page', () => {
  const bundle = {
    'index-a.js': { type: 'chunk' as const, fileName: 'index-a.js', name: 'index', isEntry: true, imports: ['vendor.js'], dynamicImports: ['desk.js'], code: 'desk entry' },
    'mobile-b.js': { type: 'chunk' as const, fileName: 'mobile-b.js', name: 'mobile', isEntry: true, imports: ['vendor.js'], dynamicImports: ['inbox.js'], code: 'phone entry', viteMetadata: { importedCss: new Set(['mobile.css']) } },
    'vendor.js': { type: 'chunk' as const, fileName: 'vendor.js', code: 'vue' },
    'desk.js': { type: 'chunk' as const, fileName: 'desk.js', imports: ['vendor.js'], code: 'desk page' },
    'inbox.js': { type: 'chunk' as const, fileName: 'inbox.js', imports: ['vendor.js', 'shared.js'], code: 'inbox page' },
    'shared.js': { type: 'chunk' as const, fileName: 'shared.js', code: 'shared' },
    'mobile.css': { type: 'asset' as const, fileName: 'mobile.css', source: '.phone{}' },
  };

  it('finds each page entry and measures its first load alone', () => {
    expect(findPageEntry(bundle, 'index.html')).toBe('index-a.js');
    expect(findPageEntry(bundle, 'mobile.html')).toBe('mobile-b.js');
    expect(findPageEntry(bundle, 'other.html')).toBeNull();
    const phone = measureInitialLoad(bundle, ['mobile-b.js']);
    expect(phone.files.sort()).toEqual(['mobile-b.js', 'mobile.css', 'vendor.js']);
    expect(phone.js).toBe(gz('phone entry') + gz('vue'));
  });

  it('collects every file a page may load, lazy pages included, and none of the other page', () => {
    expect([...collectPageFiles(bundle, 'mobile-b.js')].sort()).toEqual(['inbox.js', 'mobile-b.js', 'mobile.css', 'shared.js', 'vendor.js']);
  });
});
