/**
 * Confidential (保密) tickets and the one reveal policy: a confidential ticket is read only by the
 * centre and the units leading or supporting it; a number reveals as the ticket route allows,
 * through the ticket or through its call; a ticket is filed only from a call the actor may read;
 * the statistics drill-down lists only tickets the actor may read. Issue 13, items 1, 3, 10, 11.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRollups } from '../src/modules/statistics/refresh-rollups.js';
import { recordTicketEvent } from '../src/modules/tickets/record-ticket-event.js';
import { createTicket, randomPhone } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { createCall, intake } from './tickets-fixtures.js';

let t: TestApp;
const s: Record<string, Session> = {};
const GRID_CHIEF = `grid-chief-${randomUUID().slice(0, 8)}`;
const ENV_ADMIN = `env-admin-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  t = await createTestApp();
  const grid = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-grid' } });
  // A grid chief (网格长): grid member and the grid team's liaison.
  await t.prisma.user.create({
    data: { ...grid, id: randomUUID(), username: GRID_CHIEF, roles: ['grid_member', 'dept_admin'], createdAt: undefined, updatedAt: undefined },
  });
  const dept = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  await t.prisma.user.create({
    data: {
      ...dept, id: randomUUID(), username: ENV_ADMIN, roles: ['dept_admin'], unitId: 'dept-environment', scopeUnitIds: ['dept-environment'],
      createdAt: undefined, updatedAt: undefined,
    },
  });
  for (const name of ['demo-agent', 'demo-lead', 'demo-dispatcher', 'demo-grid', 'demo-street', 'demo-commander', GRID_CHIEF, ENV_ADMIN]) {
    s[name] = await login(t.app, name);
  }
});
afterAll(async () => t?.close());

const get = (who: string, url: string) => t.app.inject({ url, headers: { cookie: s[who]!.cookie } });
const post = (who: string, url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers: s[who]!.headers, payload });
const denials = (resourceId: string) => t.prisma.auditLog.count({ where: { action: 'personal_data.reveal', resourceId, outcome: 'denied' } });

describe('a confidential ticket (保密) is read by the centre and its lead and supporting units only', () => {
  it('is not read by a grid member of its grid when another unit leads it: not in detail, list, search, export or duplicates', async () => {
    const caller = randomPhone();
    const secret = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'dept-petitions', confidential: true, callerNumber: caller, categoryId: 'env.noise' });
    const open = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'dept-petitions', callerNumber: caller, categoryId: 'env.noise' });
    // Duplicates are looked for within 7 days of the test's clock.
    await t.prisma.ticket.updateMany({ where: { id: { in: [secret.id, open.id] } }, data: { createdAt: t.clock.now() } });

    expect((await get('demo-grid', `/api/tickets/${secret.id}`)).statusCode).toBe(404);
    expect((await get('demo-grid', `/api/tickets/${open.id}`)).statusCode).toBe(200);
    const list = await get('demo-grid', '/api/tickets?pageSize=200');
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(open.id);
    expect(list.body).not.toContain(secret.id);
    const search = await get('demo-grid', `/api/tickets/search?code=${secret.code}`);
    expect(search.statusCode).toBe(200);
    expect(search.json()).toMatchObject({ total: 0, items: [] });
    const exported = await get('demo-grid', `/api/tickets/search/export?code=${secret.code}&format=csv`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(secret.code);
    const duplicates = await get('demo-grid', `/api/tickets/duplicates?categoryId=env.noise&areaId=s01g01`);
    expect(duplicates.statusCode).toBe(200);
    expect(duplicates.body).toContain(open.id);
    expect(duplicates.body).not.toContain(secret.id);
    // Acting on it is refused as for any ticket out of scope.
    expect((await post('demo-grid', `/api/tickets/${secret.id}/reveal-caller`, { reason: 'call the citizen back' })).statusCode).toBe(404);
  });

  it('is read by the units leading or supporting it and by the centre', async () => {
    const secret = await createTicket(t.prisma, { areaId: 's05g01', leadUnitId: 'dept-petitions', supportingUnitIds: ['so-s01'], confidential: true });
    for (const who of ['demo-street', 'demo-agent', 'demo-dispatcher', 'demo-lead', 'demo-commander']) {
      expect((await get(who, `/api/tickets/${secret.id}`)).statusCode, who).toBe(200);
      expect((await get(who, `/api/tickets/search?code=${secret.code}`)).json().total, who).toBe(1);
    }
  });
});

describe('a confidential report from the field', () => {
  it('is read by the grid member who filed it (201 with the ticket), not by the grid\'s other accounts', async () => {
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const body = { categoryId: 'env.noise', title: '保密举报', description: '夜间施工噪音', channel: 'mobile', confidential: true, lat: grid.centroidLat, lng: grid.centroidLng };
    const filed = await intake(t, s['demo-grid']!, body);
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json<{ ticket: { id: string; confidential: boolean } }>().ticket.id;
    expect(filed.json().ticket.confidential).toBe(true);
    expect((await get('demo-grid', `/api/tickets/${id}`)).statusCode).toBe(200);
    expect((await get(GRID_CHIEF, `/api/tickets/${id}`)).statusCode).toBe(404);
  });
});

describe('revealing a caller\'s number', () => {
  it('is refused to an account that holds only the ticket\'s area (a grid member, a police-desk ticket), audited', async () => {
    const phone = randomPhone();
    const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'police-desk', callerNumber: phone });
    const refused = await post('demo-grid', `/api/tickets/${ticket.id}/reveal-caller`, { reason: 'call the citizen back' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(phone);
    expect(await denials(ticket.id)).toBe(1);
    // Its own grid team's ticket still reveals to it.
    const own = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01', callerNumber: phone });
    expect((await post('demo-grid', `/api/tickets/${own.id}/reveal-caller`, { reason: 'call the citizen back' })).json()).toEqual({ callerNumber: phone });
  });

  it('through a call follows its confidential ticket: refused to the agent and the dispatcher (audited), allowed to the shift lead', async () => {
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01', confidential: true, callerNumber: call.callerNumber! });
    await t.prisma.ticket.update({ where: { id: ticket.id }, data: { callId: call.id } });
    for (const who of ['demo-agent', 'demo-dispatcher']) {
      const viaTicket = await post(who, `/api/tickets/${ticket.id}/reveal-caller`, { reason: 'call the citizen back' });
      const viaCall = await post(who, `/api/calls/${call.id}/reveal-caller`, { reason: 'call the citizen back' });
      expect([viaTicket.statusCode, viaCall.statusCode], who).toEqual([403, 403]);
      expect(viaCall.body).not.toContain(call.callerNumber!);
    }
    expect(await denials(call.id)).toBe(2);
    const denied = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'personal_data.reveal', resourceId: call.id, outcome: 'denied' } });
    expect(denied.details).toMatchObject({ ticketId: ticket.id });
    const lead = await post('demo-lead', `/api/calls/${call.id}/reveal-caller`, { reason: 'call the citizen back' });
    expect(lead.json()).toEqual({ callerNumber: call.callerNumber });
    // A call with no confidential ticket reveals to the agent as before.
    const plain = await createCall(t.prisma, '12345', t.clock.now());
    expect((await post('demo-agent', `/api/calls/${plain.id}/reveal-caller`, { reason: 'call the citizen back' })).json()).toEqual({ callerNumber: plain.callerNumber });
  });
});

describe('intake from a call', () => {
  it('is refused to a grid chief, who may not read calls: 403 naming callId, no ticket, no number', async () => {
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const before = { tickets: await t.prisma.ticket.count(), counters: await t.prisma.counter.findMany() };
    const response = await intake(t, s[GRID_CHIEF]!, { categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音', channel: 'phone', callId: call.id, areaId: 's01g01' });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ field: 'callId' });
    expect(await t.prisma.ticket.count()).toBe(before.tickets);
    expect(await t.prisma.counter.findMany()).toEqual(before.counters);
    const duplicates = await get(GRID_CHIEF, `/api/tickets/duplicates?callId=${call.id}`);
    expect(duplicates.statusCode).toBe(403);
    expect(duplicates.json()).toMatchObject({ field: 'callId' });
    // The agent files it.
    const agent = await intake(t, s['demo-agent']!, { categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音', channel: 'phone', callId: call.id, areaId: 's01g01' });
    expect(agent.statusCode, agent.body).toBe(201);
  });
});

describe('the statistics drill-down', () => {
  it('counts a ticket re-dispatched away from the unit but does not list it (JSON and CSV)', async () => {
    const from = '2026-03-02T16:00:00.000Z';
    const at = (minutes: number) => new Date(Date.parse(from) + minutes * 60_000);
    const title = `drill-secret-${randomUUID().slice(0, 8)}`;
    const kept = await createTicket(t.prisma, { areaId: 's05g01', leadUnitId: 'dept-environment' });
    const away = await createTicket(t.prisma, { areaId: 's05g01', leadUnitId: 'dept-environment' });
    await t.prisma.ticket.update({ where: { id: away.id }, data: { title, description: title } });
    for (const ticket of [kept, away]) {
      await t.prisma.$transaction(async (tx) => {
        await recordTicketEvent(tx, { ticketId: ticket.id, action: 'create', fromState: null, toState: 'accepted', actorId: null, actorRole: 'agent', at: at(1) });
        await recordTicketEvent(tx, { ticketId: ticket.id, action: 'dispatch', fromState: 'accepted', toState: 'dispatched', actorId: null, actorRole: 'dispatcher', unitId: 'dept-environment', at: at(2) });
      });
    }
    // Re-dispatched away to urban management.
    await t.prisma.$transaction(async (tx) => {
      await tx.ticket.update({ where: { id: away.id }, data: { leadUnitId: 'dept-urban-management' } });
      await recordTicketEvent(tx, { ticketId: away.id, action: 'dispatch', fromState: 'dispatched', toState: 'dispatched', actorId: null, actorRole: 'dispatcher', unitId: 'dept-urban-management', at: at(30) });
    });
    await refreshRollups(t.prisma);
    expect((await get(ENV_ADMIN, `/api/tickets/${away.id}`)).statusCode).toBe(404);

    const url = `/api/statistics/drill?metric=on_time_sign&part=denominator&from=${from}&to=2026-04-01&pageSize=200`;
    const drill = await get(ENV_ADMIN, url);
    expect(drill.statusCode, drill.body).toBe(200);
    const body = drill.json<{ total: number; hiddenOnPage: number; tickets: { id: string }[] }>();
    expect(body.tickets.map((row) => row.id)).toContain(kept.id);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.hiddenOnPage).toBeGreaterThanOrEqual(1);
    expect(drill.body).not.toContain(away.id);
    expect(drill.body).not.toContain(title);
    const csv = await get(ENV_ADMIN, `${url}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(kept.code);
    expect(csv.body).not.toContain(title);
    expect(csv.body).not.toContain(away.code);
  });
});
