/**
 * Input the schemas must refuse, checked once for the whole API (issue 13 items 5, 12, 14):
 * NUL bytes, non-finite numbers, impossible or year-0 dates, reversed ranges, coerced bodies,
 * unbounded `fields`, blank reasons, forged request ids. Each answer is a 400 naming the field,
 * and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from './helpers/factories.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './helpers/test-app.js';
import { loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp({ PBX_COMMAND_TIMEOUT_MS: '300' });
  s = await loginAll(t, ['demo-agent', 'demo-lead', 'demo-admin']);
});
afterAll(async () => t?.close());

const intakeBody = { channel: 'web', categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音' };

async function rowCounts() {
  return { tickets: await t.prisma.ticket.count(), events: await t.prisma.ticketEvent.count(), counters: await t.prisma.counter.findMany() };
}

const get = (url: string, user = 'demo-agent') => t.app.inject({ method: 'GET', url, headers: s[user]!.headers });
const post = (url: string, payload: unknown, user = 'demo-agent') =>
  t.app.inject({ method: 'POST', url, headers: { ...s[user]!.headers, 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

describe('NUL bytes', () => {
  it('in a path id, a query or a body field answer 400 naming where, and write nothing', async () => {
    const before = await rowCounts();
    for (const url of ['/api/tickets/%00', '/api/calls/%00', '/api/assessment/schemes/%00', '/api/mailbox/tickets/%00/attachments']) {
      const response = await get(url, url.includes('assessment') ? 'demo-admin' : 'demo-agent');
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'url' });
    }
    const query = await get('/api/tickets?q=%00');
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json()).toMatchObject({ code: 'validation_failed', field: 'q' });
    const action = await post('/api/tickets/%00/remind', {}, 'demo-lead');
    expect(action.statusCode, action.body).toBe(400);

    const title = await post('/api/tickets', { ...intakeBody, title: 'x\u0000y' });
    expect(title.statusCode, title.body).toBe(400);
    expect(title.json()).toMatchObject({ code: 'validation_failed', field: 'title' });
    const key = await post('/api/tickets', { ...intakeBody, fields: { 'a\u0000b': 'x' } });
    expect(key.statusCode, key.body).toBe(400);
    expect(key.json().field).toBe('fields');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('numbers and dates', () => {
  it('refuses non-finite numbers in a query and a body', async () => {
    const page = await get('/api/tickets?pageSize=1e400');
    expect(page.statusCode, page.body).toBe(400);
    expect(page.json()).toMatchObject({ code: 'validation_failed', field: 'pageSize' });
    const before = await rowCounts();
    const body = await post('/api/tickets', `{"channel":"web","categoryId":"env.noise","title":"t","description":"d","fields":{"n":1e400}}`);
    expect(body.statusCode, body.body).toBe(400);
    expect(body.json().field).toBe('fields.n');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses year-0 and impossible calendar dates, and a reversed range, naming the field', async () => {
    for (const url of ['/api/tickets?to=0000-01-01T00:00:00Z', '/api/tickets/search?to=0000-01-01T00:00:00Z', '/api/calls?to=0000-01-01T00:00:00Z']) {
      const response = await get(url, url.includes('calls') ? 'demo-lead' : 'demo-agent');
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'to' });
    }
    const feb30 = await get('/api/statistics/tickets?from=2026-02-30&to=2026-03-10&groupBy=day', 'demo-lead');
    expect(feb30.statusCode, feb30.body).toBe(400);
    expect(feb30.json()).toMatchObject({ field: 'from' });
    const reversed = await get('/api/tickets?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z');
    expect(reversed.statusCode, reversed.body).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'validation_failed', field: 'to' });
    const fine = await get('/api/tickets?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z');
    expect(fine.statusCode, fine.body).toBe(200);
  });
});

describe('bodies are not coerced', () => {
  it('refuses an array for a username, a number for a title, a number for a reason', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ['demo-agent'], password: TEST_PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(400);
    expect(signIn.json()).toMatchObject({ code: 'validation_failed', field: 'username' });
    const before = await rowCounts();
    const title = await post('/api/tickets', { ...intakeBody, title: 123 });
    expect(title.statusCode, title.body).toBe(400);
    expect(title.json()).toMatchObject({ field: 'title' });
    const ticket = await createTicket(t.prisma, { state: 'accepted' });
    const reveal = await post(`/api/tickets/${ticket.id}/reveal-caller`, { reason: 12345678 }, 'demo-lead');
    expect(reveal.statusCode, reveal.body).toBe(400);
    expect(reveal.json()).toMatchObject({ field: 'reason' });
    expect(await t.prisma.ticket.count()).toBe(before.tickets + 1);
  });

  it('still coerces a query (numbers and booleans arrive as text)', async () => {
    const page = await get('/api/tickets?page=1&pageSize=5');
    expect(page.statusCode, page.body).toBe(200);
  });
});

describe('fields and reasons', () => {
  it('bounds fields: key length, key count', async () => {
    const before = await rowCounts();
    const longKey = await post('/api/tickets', { ...intakeBody, fields: { ['k'.repeat(65)]: 'x' } });
    expect(longKey.statusCode, longKey.body).toBe(400);
    expect(longKey.json().field).toMatch(/^fields/);
    const many = await post('/api/tickets', { ...intakeBody, fields: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])) });
    expect(many.statusCode, many.body).toBe(400);
    expect(many.json().field).toMatch(/^fields/);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a reason of spaces, zero-width or control characters', async () => {
    const ticket = await createTicket(t.prisma, { state: 'accepted' });
    for (const reason of ['        ', '\u200b\u200b\u200b\u200b\u200b', '\u3000\u3000\u3000\u3000', '\t\u0001\u0002\u0003\u200d\ufeff']) {
      const response = await post(`/api/tickets/${ticket.id}/reveal-caller`, { reason }, 'demo-lead');
      expect(response.statusCode, `${JSON.stringify(reason)}: ${response.body}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'reason' });
    }
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.reveal', resourceId: ticket.id } })).toBe(0);
    const fine = await post(`/api/tickets/${ticket.id}/reveal-caller`, { reason: '回访核实' }, 'demo-lead');
    expect(fine.statusCode, fine.body).toBe(200);
  });

  it('refuses a blank reason for resetting a second factor', async () => {
    const lead = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-lead' } });
    const before = await t.prisma.auditLog.count({ where: { resourceId: lead.id } });
    for (const reason of ['\u200b\u200b\u200b\u200b', 'a\u200b\u3000 ']) {
      const response = await post(`/api/users/${lead.id}/reset-mfa`, { reason }, 'demo-admin');
      expect(response.statusCode, `${JSON.stringify(reason)}: ${response.body}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'reason' });
    }
    expect(await t.prisma.auditLog.count({ where: { resourceId: lead.id } })).toBe(before);
  });
});

describe('request ids', () => {
  it('keeps a safe x-request-id and replaces anything else before it reaches the audit log', async () => {
    const ticket = await createTicket(t.prisma, { state: 'accepted' });
    const send = (requestId: string) => t.app.inject({
      method: 'POST', url: `/api/tickets/${ticket.id}/reveal-caller`,
      headers: { ...s['demo-lead']!.headers, 'x-request-id': requestId }, payload: { reason: '回访核实身份' },
    });
    await send('req-1234.abc');
    const forged = `x'; <script>${'y'.repeat(500)}\r\n`;
    await send(forged);
    const ids = (await t.prisma.auditLog.findMany({ where: { action: 'personal_data.reveal', resourceId: ticket.id }, orderBy: { id: 'asc' } })).map((row) => row.requestId);
    expect(ids[0]).toBe('req-1234.abc');
    expect(ids[1]).not.toBe(forged);
    expect(ids[1]).toMatch(/^[\w.:-]{1,64}$/);
  });
});
