/**
 * Security headers: a CSP that allows only our own scripts and refuses framing, nosniff, a
 * referrer policy, HSTS only over TLS, and `no-store` on API answers but not on the console's
 * static files. (The browser tests check that the built console runs under this CSP.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let consoleDist: string;
beforeAll(async () => {
  consoleDist = mkdtempSync(join(tmpdir(), 'yixian-console-'));
  mkdirSync(join(consoleDist, 'assets'));
  writeFileSync(join(consoleDist, 'index.html'), '<!doctype html><title>一线</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(consoleDist, 'assets', 'app.js'), 'console.log(1);');
  t = await createTestApp({ CONSOLE_DIST: consoleDist, TRUST_PROXY: '10.0.0.1' });
});
afterAll(async () => {
  await t?.close();
  rmSync(consoleDist, { recursive: true, force: true });
});

describe('security headers', () => {
  it('sends CSP, frame refusal, nosniff and a referrer policy, and no-store on API answers', async () => {
    const response = await t.app.inject({ url: '/api/auth/session' });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
    // The rest of helmet's set, worked out once at start (plugins/headers.ts).
    expect(response.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin', 'origin-agent-cluster': '?1',
      'x-dns-prefetch-control': 'off', 'x-download-options': 'noopen', 'x-permitted-cross-domain-policies': 'none', 'x-xss-protection': '0',
    });
    expect(response.headers['cross-origin-embedder-policy']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('marks errors and refusals no-store too', async () => {
    const refused = await t.app.inject({ url: '/api/auth/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS when the request came over TLS through a trusted proxy, not when anyone else says so', async () => {
    const viaProxy = await t.app.inject({ url: '/api/auth/session', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const forged = await t.app.inject({ url: '/api/auth/session', remoteAddress: '192.0.2.1', headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
  });

  it('puts the CSP on the console page and leaves its static files cacheable', async () => {
    const page = await t.app.inject({ url: '/desk' });
    expect(page.statusCode).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const asset = await t.app.inject({ url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).not.toContain('no-store');
  });
});
