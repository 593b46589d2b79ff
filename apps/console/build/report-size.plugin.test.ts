import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measureInitialLoad } from './report-size.plugin';

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
