/**
 * Police vs non-police in statistics: tickets by class per day with the share, calls on 110 vs
 * the others, and the diversions both ways, read from the rollups; centre roles only; exported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../src/modules/statistics/refresh-rollups.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { act, createCall, intake, loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-lead', 'demo-commander', 'demo-dept', 'demo-dispatcher']);
});
afterAll(async () => t?.close());

async function ticketFrom(hotline: '110' | '12345', title: string) {
  const call = await createCall(t.prisma, hotline, t.clock.now());
  const created = await intake(t, s['demo-agent']!, { channel: 'phone', callId: call.id, categoryId: 'general.policy', areaId: 's01g01', title, description: title });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().ticket as { id: string; ticketClass: string };
}

describe('GET /api/statistics/ticket-classes', () => {
  it('splits tickets, calls and diversions police / non-police per day, from the rollups', async () => {
    const police = await ticketFrom('110', '求助');
    expect(police.ticketClass).toBe('police');
    const toDivert = await ticketFrom('110', '咨询低保');
    expect((await act(t, s['demo-agent']!, toDivert.id, 'divert', { reason: '非警务警情，转12345' })).statusCode).toBe(200);
    const toPush = await ticketFrom('12345', '楼下噪音');
    expect(toPush.ticketClass).toBe('non_police');
    expect((await act(t, s['demo-agent']!, toPush.id, 'divert', { reason: '紧急警情，推送110' })).statusCode).toBe(200);
    const day = t.clock.now();
    await rebuildRollups(t.prisma, { from: new Date(day.getTime() - 86_400_000), to: new Date(day.getTime() + 86_400_000) });

    const query = `from=${new Date(day.getTime() - 3600_000).toISOString()}&to=${new Date(day.getTime() + 3600_000).toISOString()}&groupBy=day`;
    const answer = await t.app.inject({ url: `/api/statistics/ticket-classes?${query}`, headers: { cookie: s['demo-lead']!.cookie } });
    expect(answer.statusCode, answer.body).toBe(200);
    // Created: 2 police from 110 + the police copy of the push; non-police: the 12345 ticket + the diverted copy.
    const expected = { police: 3, nonPolice: 2, total: 5, policeShare: 0.6, calls110: 2, callsOther: 1, divertedToNonPolice: 1, pushedToPolice: 1 };
    expect(answer.json().rows).toEqual([{ key: '2026-03-02', ...expected }]);
    expect(answer.json().total).toEqual({ key: 'total', ...expected });

    const csv = await t.app.inject({ url: `/api/statistics/ticket-classes?${query}&format=csv`, headers: { cookie: s['demo-commander']!.cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('时段,警务类工单,非警务类工单,工单合计,警务类占比,110 来电,其他热线来电,110→12345 分流,12345→110 推送');
    expect(csv.body).toContain('2026-03-02,3,2,5,0.6,2,1,1,1');
    expect(csv.body).toContain('合计,3,2,5');
    const english = await t.app.inject({ url: `/api/statistics/ticket-classes?${query}&format=csv&lang=en`, headers: { cookie: s['demo-commander']!.cookie } });
    expect(english.body).toContain('Period,Police tickets,Non-police tickets,All tickets,Police share,Calls on 110,Calls on other hotlines');
    expect(english.body).toContain('Total,3,2,5');
  });

  it('is refused to other roles and names a bad field', async () => {
    const query = 'from=2026-03-01&to=2026-03-03&groupBy=day';
    for (const who of ['demo-agent', 'demo-dept', 'demo-dispatcher']) {
      expect((await t.app.inject({ url: `/api/statistics/ticket-classes?${query}`, headers: { cookie: s[who]!.cookie } })).statusCode).toBe(403);
    }
    const bad = await t.app.inject({ url: '/api/statistics/ticket-classes?from=2026-03-01&to=2026-03-03&groupBy=year', headers: { cookie: s['demo-lead']!.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/groupBy/);
    const empty = (await t.app.inject({ url: '/api/statistics/ticket-classes?from=2025-01-01&to=2025-01-02&groupBy=month', headers: { cookie: s['demo-lead']!.cookie } })).json();
    expect(empty).toMatchObject({ rows: [], total: { total: 0, policeShare: null } });
  });
});
