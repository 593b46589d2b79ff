/**
 * Reading the audit log: the auditor alone (not even an administrator), newest first, filtered by
 * action, outcome, the actor's name and one record's whole history; a bad filter is a 400 naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: Session;
let auditor: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
  auditor = await login(t.app, 'demo-auditor');
});
afterAll(async () => t?.close());

interface Entry { action: string; outcome: string; actorName: string | null; actorDisplayName: string | null; resource: string | null; resourceId: string | null; details: { after?: Record<string, unknown> } }
const read = async (query: string) => {
  const answer = await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: auditor.headers });
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json<{ total: number; items: Entry[] }>();
};

describe('reading the audit log', () => {
  it('is the auditor’s alone: an administrator is refused, and the refusal is itself audited', async () => {
    const refused = await t.app.inject({ method: 'GET', url: '/api/audit', headers: admin.headers });
    expect(refused.statusCode).toBe(403);
    const denied = await read('action=access.denied&outcome=denied');
    expect(denied.items.some((entry) => entry.actorName !== null && entry.resource !== 'keyword_rule')).toBe(true);
  });

  it('filters by one record’s history, by the actor’s name and by action, newest first', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/admin/keyword-rules', headers: admin.headers,
      payload: { keyword: '审计筛选词', ticketClass: 'non_police', categoryId: null, priority: 5 },
    });
    expect(created.statusCode, created.body).toBe(200);
    const rule = created.json<{ id: string; version: number }>();
    const edited = await t.app.inject({
      method: 'PATCH', url: `/api/admin/keyword-rules/${rule.id}`, headers: admin.headers, payload: { version: rule.version, priority: 6 },
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const history = await read(`resource=keyword_rule&resourceId=${rule.id}`);
    expect(history.total).toBe(2);
    expect(history.items.map((entry) => entry.action)).toEqual(['config.update', 'config.create']);
    expect(history.items[0]!.details.after).toMatchObject({ priority: 6 });

    const me = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-admin' }, select: { displayName: true } });
    const byName = await read(`actor=${encodeURIComponent(me.displayName.slice(0, 2))}&resource=keyword_rule`);
    expect(byName.total).toBeGreaterThanOrEqual(2);
    expect(byName.items.every((entry) => entry.actorName === 'demo-admin' && entry.actorDisplayName === me.displayName)).toBe(true);
    const byUsername = await read('actor=DEMO-ADM&resource=keyword_rule');
    expect(byUsername.total).toBe(byName.total);
    const nobody = await read('actor=%E6%97%A0%E6%AD%A4%E4%BA%BA&resource=keyword_rule');
    expect(nobody.total).toBe(0);

    const updates = await read('resource=keyword_rule&action=config.update');
    expect(updates.items.every((entry) => entry.action === 'config.update' && entry.resource === 'keyword_rule')).toBe(true);
  });

  it('answers a bad filter with a 400 naming it', async () => {
    const badResource = await t.app.inject({ method: 'GET', url: '/api/audit?resource=DROP%20TABLE', headers: auditor.headers });
    expect(badResource.statusCode).toBe(400);
    expect(badResource.body).toContain('resource');
    const badTime = await t.app.inject({ method: 'GET', url: '/api/audit?from=yesterday', headers: auditor.headers });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.body).toContain('from');
  });
});
