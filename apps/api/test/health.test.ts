import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeartbeat } from '@yixian/runtime';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('GET /api/health', () => {
  it('is degraded while no worker or bridge beats, and ok once both do', async () => {
    const before = await t.app.inject({ url: '/api/health' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      status: 'degraded',
      checks: { database: { status: 'ok' }, redis: { status: 'ok' }, workers: { status: 'missing' }, bridges: { status: 'missing' } },
    });
    const stopWorker = startHeartbeat(t.app.redis, t.redisPrefix, 'worker', 'w1');
    const stopBridge = startHeartbeat(t.app.redis, t.redisPrefix, 'bridge', 'pbx-1');
    await t.app.redis.ping();
    const after = await t.app.inject({ url: '/api/health' });
    expect(after.json().status).toBe('ok');
    expect(after.json().checks.bridges.processes[0].id).toBe('pbx-1');
    await stopWorker();
    await stopBridge();
    expect((await t.app.inject({ url: '/api/health' })).json().status).toBe('degraded');
  });

  it('names each component with its figures: the API copy, the PBX link and its last event, queue depths, recordings', async () => {
    const body = (await t.app.inject({ url: '/api/health' })).json();
    expect(body.checks.api).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });
    expect(body.checks.pbx).toMatchObject({ status: 'missing', pbxId: t.app.config.pbxId, lastEventAt: null });
    expect(body.checks.queues.status).toBe('ok');
    expect(body.checks.queues.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['call-events', 'wallboard', 'statistics']));
    expect(body.checks.recordings.status).toMatch(/^(ok|missing)$/);
    // The bridge said its link is down: the system is degraded, and the page says since when.
    await t.app.redis.hset(`${t.redisPrefix}pbx-link:${t.app.config.pbxId}`, { connected: '0', since: '2026-03-02T02:00:00.000Z', lastEventAt: '2026-03-02T01:59:58.000Z' });
    const down = (await t.app.inject({ url: '/api/health' })).json();
    expect(down.status).toBe('degraded');
    expect(down.checks.pbx).toEqual({ status: 'down', pbxId: t.app.config.pbxId, since: '2026-03-02T02:00:00.000Z', lastEventAt: '2026-03-02T01:59:58.000Z' });
  });

  it('serves the OpenAPI document built from the routes', async () => {
    const response = await t.app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health', '/api/tickets/{id}']));
  });

  it('answers unknown routes with a named 404', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', message: 'No route GET /api/nothing-here' });
  });
});
