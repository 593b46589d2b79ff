/**
 * `/metrics` is for the configured scraper only: the right bearer token from an allowed address
 * reads it; no token or a wrong one gets 401, another address 403, each refusal audited (without
 * the token); unconfigured, `/metrics` answers 404 like any unknown path.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { parsePrometheusText } from './helpers/prometheus-text.js';

const TOKEN = randomBytes(24).toString('hex');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: '127.0.0.1, 10.0.0.0/8' });
});
afterAll(async () => t?.close());

const metricsAudits = () => t.prisma.auditLog.findMany({ where: { resource: 'GET /metrics' }, orderBy: { id: 'asc' } });

describe('/metrics access', () => {
  it('serves the exposition to the right token from an allowed address', async () => {
    for (const remoteAddress of ['127.0.0.1', '10.20.30.40']) {
      const response = await t.app.inject({ url: '/metrics', headers: bearer(TOKEN), remoteAddress });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(parsePrometheusText(response.body).types.get('yixian_http_request_duration_seconds')).toBe('histogram');
    }
    expect(await metricsAudits()).toEqual([]);
  });

  it('refuses a missing or wrong token with 401 and an address outside METRICS_ALLOW with 403, auditing each', async () => {
    const missing = await t.app.inject({ url: '/metrics' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(missing.json()).toMatchObject({ code: 'unauthenticated' });
    const wrong = await t.app.inject({ url: '/metrics', headers: bearer(`${TOKEN.slice(0, -1)}x`) });
    expect(wrong.statusCode).toBe(401);
    const basic = await t.app.inject({ url: '/metrics', headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.statusCode).toBe(401);
    const outside = await t.app.inject({ url: '/metrics', headers: bearer(TOKEN), remoteAddress: '192.0.2.7' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'forbidden' });
    expect(outside.body).not.toContain('yixian_');

    const rows = await metricsAudits();
    expect(rows.map((row) => [row.action, row.outcome, row.reason, (row.details as { refusal: string }).refusal, row.ip])).toEqual([
      ['access.unauthenticated', 'denied', 'unauthenticated', 'token_missing', '127.0.0.1'],
      ['access.unauthenticated', 'denied', 'unauthenticated', 'token_wrong', '127.0.0.1'],
      ['access.unauthenticated', 'denied', 'unauthenticated', 'token_missing', '127.0.0.1'],
      ['access.denied', 'denied', 'forbidden', 'address_not_allowed', '192.0.2.7'],
    ]);
    expect(JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? String(value) : value))).not.toContain(TOKEN.slice(0, 16));
  });
});

describe('/metrics unconfigured', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp();
  });
  afterAll(async () => bare?.close());

  it('answers 404 whatever is sent, and audits nothing', async () => {
    for (const headers of [{}, bearer(TOKEN)]) {
      const response = await bare.app.inject({ url: '/metrics', headers });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
    expect(await bare.prisma.auditLog.count({ where: { resource: 'GET /metrics' } })).toBe(0);
  });
});
