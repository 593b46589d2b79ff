/**
 * The queue dashboard (bull-board) at /api/admin/queues: an administrator sees its page and its
 * API lists the project's queues with their jobs; another role gets 403 and no session 401, both
 * audited; it is read-only; its relaxed Content-Security-Policy stays on its own answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { bullPrefix, pbxCommandsQueue } from '@yixian/runtime';
import { QUEUES } from '../src/jobs/registry.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

const PATH = '/api/admin/queues';

let t: TestApp;
let admin: Session;
let leftovers: Queue;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
  leftovers = new Queue('leftovers', { connection: t.app.redis, prefix: bullPrefix(t.redisPrefix) });
});
afterAll(async () => {
  await leftovers?.close();
  await t?.close();
});

describe('queue dashboard', () => {
  it('shows an administrator its page, with the page\'s own scripts, under a CSP relaxed for its styles only', async () => {
    const page = await t.app.inject({ url: PATH, headers: { cookie: admin.cookie } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>一线 · 队列</title>');
    expect(page.body).not.toMatch(/(href|src)="https?:/); // nothing from another server (its Google font is taken out)
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
    const script = /src="(static\/js\/main\.[\w.]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await t.app.inject({ url: `${PATH}/${script}`, headers: { cookie: admin.cookie } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const elsewhere = await t.app.inject({ url: '/api/health' });
    expect(elsewhere.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('lists every queue of the registry and the PBX\'s command queue, with their jobs', async () => {
    await leftovers.add('leftovers.sweep', {});
    await leftovers.add('leftovers.sweep', {});
    const response = await t.app.inject({ url: `${PATH}/api/queues?activeQueue=leftovers&status=waiting&page=1`, headers: { cookie: admin.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const queues = response.json<{ queues: { name: string; counts: Record<string, number>; readOnlyMode: boolean; jobs: unknown[] }[] }>().queues;
    expect(queues.map((queue) => queue.name).sort()).toEqual([...QUEUES.map((queue) => queue.name), pbxCommandsQueue('default')].sort());
    const shown = queues.find((queue) => queue.name === 'leftovers')!;
    expect(shown.counts.waiting).toBe(2);
    expect(shown.jobs).toHaveLength(2);
    expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
  });

  it('answers 404 for a queue it does not show or an id no job has, page and API alike', async () => {
    for (const url of [`${PATH}/queue/no-such-queue`, `${PATH}/queue/leftovers/%3Cscript%3E`, `${PATH}/api/queues/no-such-queue/1`]) {
      const response = await t.app.inject({ url, headers: { cookie: admin.cookie } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found' });
    }
    expect((await t.app.inject({ url: `${PATH}/queue/leftovers`, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
  });

  it('is read-only: an administrator\'s retry or removal is refused and changes nothing', async () => {
    const before = await leftovers.getJobCounts();
    for (const url of [`${PATH}/api/queues/leftovers/empty`, `${PATH}/api/queues/leftovers/pause`]) {
      const response = await t.app.inject({ method: 'PUT', url, headers: admin.headers });
      expect(response.statusCode, `${url} ${response.body}`).toBe(405);
    }
    expect(await leftovers.getJobCounts()).toEqual(before);
    expect(await leftovers.isPaused()).toBe(false);
  });

  it('refuses other roles with 403 and no session with 401, auditing each', async () => {
    const agent = await login(t.app, 'demo-agent');
    for (const url of [PATH, `${PATH}/api/queues`]) {
      const forbidden = await t.app.inject({ url, headers: { cookie: agent.cookie } });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json()).toMatchObject({ code: 'forbidden' });
      const anonymous = await t.app.inject({ url });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });
    }
    const rows = await t.prisma.auditLog.findMany({ where: { resource: { startsWith: `GET ${PATH}` } }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.action, row.resource, row.actorName])).toEqual([
      ['access.denied', `GET ${PATH}`, 'demo-agent'],
      ['access.unauthenticated', `GET ${PATH}`, null],
      ['access.denied', `GET ${PATH}/api/queues`, 'demo-agent'],
      ['access.unauthenticated', `GET ${PATH}/api/queues`, null],
    ]);
  });
});
