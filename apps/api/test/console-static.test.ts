/**
 * The built console as the API serves it: the desk page for its history-mode paths, and the
 * grid workers' phone app (mobile.html) for `/m/` and anything under it, with its manifest and
 * service worker served as files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPhoneAppPath } from '../src/plugins/console.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const DESK_PAGE = '<!doctype html><title>desk</title>';
const PHONE_PAGE = '<!doctype html><title>phone</title><link rel="manifest" href="/manifest.webmanifest">';
const SCRIPT = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, title: '垃圾清运' })))};`;

let t: TestApp;
let consoleDist: string;
beforeAll(async () => {
  consoleDist = mkdtempSync(join(tmpdir(), 'yixian-console-'));
  mkdirSync(join(consoleDist, 'm'));
  writeFileSync(join(consoleDist, 'index.html'), DESK_PAGE);
  writeFileSync(join(consoleDist, 'mobile.html'), PHONE_PAGE);
  writeFileSync(join(consoleDist, 'manifest.webmanifest'), '{"name":"一线","scope":"/m/"}');
  writeFileSync(join(consoleDist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(consoleDist, 'm', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // A built script as vite.config.ts leaves it: the file, and its .br and .gz beside it.
  mkdirSync(join(consoleDist, 'assets'));
  writeFileSync(join(consoleDist, 'assets', 'inbox.js'), SCRIPT);
  writeFileSync(join(consoleDist, 'assets', 'inbox.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(consoleDist, 'assets', 'inbox.js.gz'), gzipSync(SCRIPT));
  t = await createTestApp({ CONSOLE_DIST: consoleDist }, { district: 'none' });
});
afterAll(async () => {
  await t?.close();
  rmSync(consoleDist, { recursive: true, force: true });
});

describe('console static serving', () => {
  it('answers the desk page for the desk paths', async () => {
    for (const url of ['/', '/inbox', '/tickets/abc', '/mobile', '/mx/inbox']) {
      const page = await t.app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toBe(DESK_PAGE);
    }
  });

  it('answers the phone page under /m/ and sends /m to /m/', async () => {
    for (const url of ['/m/', '/m/login', '/m/tickets/abc?x=1', '/m/notifications']) {
      const page = await t.app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toBe(PHONE_PAGE);
    }
    const bare = await t.app.inject({ url: '/m?from=desk' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/m/?from=desk');
  });

  it('serves the manifest, the service worker and the phone icons as files', async () => {
    const manifest = await t.app.inject({ url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.body).toContain('"scope":"/m/"');
    const worker = await t.app.inject({ url: '/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(String(worker.headers['content-type'])).toContain('javascript');
    const icon = await t.app.inject({ url: '/m/icon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(String(icon.headers['content-type'])).toContain('svg');
  });

  it('still answers 404 in JSON for unknown API paths', async () => {
    const missing = await t.app.inject({ url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('isPhoneAppPath', () => {
  it('matches /m and what is under /m/ only', () => {
    expect(isPhoneAppPath('/m')).toBe(true);
    expect(isPhoneAppPath('/m/')).toBe(true);
    expect(isPhoneAppPath('/m/tickets/1?a=b')).toBe(true);
    expect(isPhoneAppPath('/m?x')).toBe(true);
    expect(isPhoneAppPath('/mobile')).toBe(false);
    expect(isPhoneAppPath('/mailbox')).toBe(false);
    expect(isPhoneAppPath('/')).toBe(false);
  });

  it('sends a built script precompressed as the browser accepts it (brotli, gzip), and as is otherwise', async () => {
    const br = await t.app.inject({ url: '/assets/inbox.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    const gz = await t.app.inject({ url: '/assets/inbox.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await t.app.inject({ url: '/assets/inbox.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('compresses a large JSON answer for a client that accepts it, and leaves a small one as it is', async () => {
    const docs = await t.app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'br' } });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    const spec = JSON.parse(brotliDecompressSync(docs.rawPayload).toString()) as { openapi: string };
    expect(spec.openapi).toMatch(/^3\./);
    const small = await t.app.inject({ url: '/api/no-such-thing', headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ code: 'not_found' });
  });
});
