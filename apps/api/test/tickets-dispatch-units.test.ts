/**
 * 主办 + 协办 and 批量派单 through HTTP: supporting units are named in the detail and the trail,
 * notified, and see the ticket in their list (but only the lead unit signs); a batch dispatches
 * each ticket on its own, reporting per ticket which failed and why; and the dispatcher records
 * the follow-up and closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { act, intake, loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-dispatcher', 'demo-dept', 'demo-grid']);
});
afterAll(async () => t?.close());

async function accepted(title = '噪音'): Promise<{ id: string; code: string }> {
  const r = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', areaId: 's01g01', title, description: '夜间噪音' });
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().ticket.id, code: r.json().ticket.code };
}

function batch(body: Record<string, unknown>, user = 'demo-dispatcher') {
  return t.app.inject({ method: 'POST', url: '/api/tickets/batch-dispatch', headers: s[user]!.headers, payload: body });
}

describe('lead and supporting units', () => {
  it('names the supporting units in the detail and the trail, notifies them and lets them see the ticket', async () => {
    const { id, code } = await accepted();
    const r = await act(t, s['demo-dispatcher']!, id, 'dispatch', { unitId: 'so-s01', supportingUnitIds: ['dept-urban-management', 'dept-environment', 'so-s01'] });
    expect(r.statusCode, r.body).toBe(200);
    const detail = r.json();
    expect(detail.leadUnitName).toBe('高塘岭街道办事处');
    expect(detail.supportingUnits.map((unit: { name: string }) => unit.name)).toEqual(['城市管理和综合执法局', '生态环境分局']);
    const dispatch = detail.trail.find((event: { action: string }) => event.action === 'dispatch');
    expect(dispatch.data.supportingUnits.map((unit: { name: string }) => unit.name)).toEqual(['城市管理和综合执法局', '生态环境分局']);

    const notes = await t.prisma.notification.findMany({ where: { ticketId: id, kind: 'dispatch' }, orderBy: { unitId: 'asc' } });
    // Each text names the ticket's category and lead unit (notify adds them), never their ids.
    const category = (await t.prisma.category.findUniqueOrThrow({ where: { id: 'env.noise' } })).name;
    const names = `（${category} · 高塘岭街道办事处）`;
    expect(notes.map((note) => [note.unitId, note.title])).toEqual([
      ['dept-environment', `工单 ${code} 已派至本单位协办${names}`],
      ['dept-urban-management', `工单 ${code} 已派至本单位协办${names}`],
      ['so-s01', `工单 ${code} 已派至本单位${names}`],
    ]);

    const list = await t.app.inject({ url: '/api/tickets?unitId=dept-urban-management&state=dispatched&pageSize=200', headers: s['demo-dept']!.headers });
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(id);
    const seen = await t.app.inject({ url: `/api/tickets/${id}`, headers: s['demo-dept']!.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).not.toContain('sign');
    const sign = await act(t, s['demo-dept']!, id, 'sign');
    expect(sign.statusCode, sign.body).toBe(403);
  });

  it('refuses an unknown supporting unit by field and writes nothing', async () => {
    const { id } = await accepted();
    const r = await act(t, s['demo-dispatcher']!, id, 'dispatch', { unitId: 'so-s01', supportingUnitIds: ['城管'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe('supportingUnitIds');
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id } })).state).toBe('accepted');
  });
});

describe('batch dispatch', () => {
  it('dispatches each ticket on its own and reports the ones whose state changed', async () => {
    const [a, b, c] = [await accepted('甲'), await accepted('乙'), await accepted('丙')];
    const signed = await accepted('丁');
    await act(t, s['demo-agent']!, signed.id, 'dispatch', { unitId: 'gt-s01g01' });
    expect((await act(t, s['demo-grid']!, signed.id, 'sign')).statusCode).toBe(200);

    const r = await batch({ ticketIds: [a.id, signed.id, b.id, 'no-such-ticket', c.id], unitId: 'dept-urban-management', supportingUnitIds: ['so-s01'], note: '批量' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect([body.succeeded, body.failed]).toEqual([3, 2]);
    expect(body.results.map((x: { code: string | null; ok: boolean; error?: { code: string } }) => [x.code, x.ok, x.error?.code ?? null])).toEqual([
      [a.code, true, null], [signed.code, false, 'conflict'], [b.code, true, null], [null, false, 'not_found'], [c.code, true, null],
    ]);
    expect(body.results[1].state).toBe('signed');
    for (const ticket of [a, b, c]) {
      const row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      expect([row.state, row.leadUnitId, row.supportingUnitIds]).toEqual(['dispatched', 'dept-urban-management', ['so-s01']]);
      expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id, action: 'dispatch' } })).toBe(1);
    }
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: signed.id, action: 'dispatch' } })).toBe(1);
    const audit = await t.prisma.auditLog.findFirst({ where: { action: 'ticket.batch_dispatch' }, orderBy: { id: 'desc' } });
    expect(audit?.details).toMatchObject({ unitId: 'dept-urban-management', requested: 5, succeeded: 3, failed: 2 });
  });

  it('checks the units before touching any ticket, caps the list and is the desk’s alone', async () => {
    const { id } = await accepted();
    const bad = await batch({ ticketIds: [id], unitId: '城管' });
    expect([bad.statusCode, bad.json().field]).toEqual([400, 'unitId']);
    const badSupport = await batch({ ticketIds: [id], unitId: 'so-s01', supportingUnitIds: ['nope'] });
    expect([badSupport.statusCode, badSupport.json().field]).toEqual([400, 'supportingUnitIds']);
    const twice = await batch({ ticketIds: [id, id], unitId: 'so-s01' });
    expect([twice.statusCode, twice.json().field]).toEqual([400, 'ticketIds']);
    const tooMany = await batch({ ticketIds: Array.from({ length: 101 }, (_, i) => `t${i}`), unitId: 'so-s01' });
    expect(tooMany.statusCode).toBe(400);
    expect((await batch({ ticketIds: [id], unitId: 'so-s01' }, 'demo-agent')).statusCode).toBe(403);
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id } })).state).toBe('accepted');
  });
});

describe('the dispatcher follows up and closes', () => {
  it('records the verdict and closes a replied ticket', async () => {
    const r = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', areaId: 's01g01', title: '回访', description: '夜间噪音', dispatch: true });
    const id = r.json().ticket.id as string;
    for (const [action, body] of [['sign', {}], ['start', {}], ['reply', { content: '已处理' }]] as const) {
      expect((await act(t, s['demo-grid']!, id, action, body)).statusCode).toBe(200);
    }
    const followed = await act(t, s['demo-dispatcher']!, id, 'follow-up', { verdict: 'satisfied', note: '市民满意' });
    expect(followed.statusCode, followed.body).toBe(200);
    expect(followed.json().allowedActions).toContain('close');
    const closed = await act(t, s['demo-dispatcher']!, id, 'close', {});
    expect([closed.statusCode, closed.json().state, closed.json().verdict]).toEqual([200, 'closed', 'satisfied']);
  });
});
