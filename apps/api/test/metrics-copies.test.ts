/**
 * Two API copies on one Redis: either copy's `/metrics` carries both copies' request series,
 * each under its own `process` label (its own live, the other's from its published snapshot),
 * so a scraper reads one target; a copy that stops drops out of the other's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { parsePrometheusText, samplesOf, valueOf } from './helpers/prometheus-text.js';

const TOKEN = 'metrics-copies-token-0123456789abcdef';
let t: TestApp;
let other: FastifyInstance;

beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: TOKEN });
  other = await buildApp({ config: t.app.config, clock: t.clock, logger: false });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const scrape = async (app: FastifyInstance) => {
  const response = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.statusCode).toBe(200);
  return parsePrometheusText(response.body);
};
const healthCount = (exposition: ReturnType<typeof parsePrometheusText>, process: string) =>
  valueOf(exposition, 'yixian_http_request_duration_seconds_count', { process, route: '/api/health', method: 'GET', status_code: '200' });

describe('/metrics with two API copies', () => {
  it('serves both copies\' series from either copy, each under its own process label', async () => {
    expect(other.metrics.processName).not.toBe(t.app.metrics.processName);
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/api/health' });
    for (let i = 0; i < 2; i++) await other.inject({ url: '/api/health' });
    await Promise.all([t.app.metrics.publish(), other.metrics.publish()]);
    for (const app of [t.app, other]) {
      const exposition = await scrape(app);
      expect(healthCount(exposition, t.app.metrics.processName)).toBe(3);
      expect(healthCount(exposition, other.metrics.processName)).toBe(2);
      // The deployment-wide gauges once, not once per copy.
      expect(samplesOf(exposition, 'yixian_queue_jobs', { queue: 'leftovers', state: 'waiting' })).toHaveLength(1);
    }
  });

  it('forgets a copy that stopped', async () => {
    const name = other.metrics.processName;
    await other.close();
    const exposition = await scrape(t.app);
    expect(samplesOf(exposition, 'process_cpu_user_seconds_total', { process: name })).toHaveLength(0);
    expect(samplesOf(exposition, 'process_cpu_user_seconds_total', { process: t.app.metrics.processName })).toHaveLength(1);
  });
});
