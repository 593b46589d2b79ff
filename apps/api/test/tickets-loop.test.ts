/**
 * The closed loop end to end on real PostgreSQL and Redis: a 12345 call becomes a ticket routed
 * to a grid team, returned and escalated to the street, signed, replied, followed up and closed,
 * with the whole trail; a 110 call becomes a police ticket; one is diverted to 12345.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { act, createCall, intake, loginAll, trailActions, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-dispatcher', 'demo-grid', 'demo-street', 'demo-dept', 'demo-lead']);
});
afterAll(async () => t?.close());

describe('12345 call → grid → street → closed', () => {
  it('runs the whole loop and leaves a complete trail', async () => {
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const created = await intake(t, s['demo-agent']!, {
      channel: 'phone', callId: call.id, categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng,
      title: '夜间噪音', description: '楼下KTV噪音到凌晨', dispatch: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    const id = body.ticket.id as string;
    expect(body.ticket.code).toMatch(/^YX20260302-\d{5}$/);
    expect(body.ticket).toMatchObject({ state: 'dispatched', leadUnitId: 'gt-s01g01', level: 'grid', areaId: 's01g01', hotlineNumber: '12345', ticketClass: 'non_police' });
    expect(body.ticket.callerNumber).not.toBe(call.callerNumber);
    expect(body.ticket.callerNumber).toContain('****');
    expect(body.classification).toMatchObject({ ticketClass: 'non_police', overridden: false });
    expect(body.ticket.signDueAt).not.toBeNull();

    const returned = await act(t, s['demo-grid']!, id, 'return', { reasonCode: 'not_our_remit', note: '需街道协调' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().state).toBe('returned');

    const ruled = await act(t, s['demo-dispatcher']!, id, 'dispatch', { ruling: 'accept' });
    expect(ruled.statusCode, ruled.body).toBe(200);
    expect(ruled.json()).toMatchObject({ state: 'dispatched', leadUnitId: 'so-s01', level: 'street' });

    expect((await act(t, s['demo-street']!, id, 'sign')).statusCode).toBe(200);
    const replied = await act(t, s['demo-street']!, id, 'reply', { content: '已协调KTV整改，22点后停止营业' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().state).toBe('replied');

    const followed = await act(t, s['demo-agent']!, id, 'follow-up', { verdict: 'satisfied' });
    expect(followed.json()).toMatchObject({ state: 'follow_up', verdict: 'satisfied' });
    const closed = await act(t, s['demo-agent']!, id, 'close', {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().state).toBe('closed');

    const detail = await t.app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: s['demo-agent']!.headers });
    const trail = detail.json().trail as { action: string; fromState: string | null; toState: string; actorRole: string; unitId: string | null; data: Record<string, unknown> }[];
    expect(trail.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['create', null, 'accepted'],
      ['dispatch', 'accepted', 'dispatched'],
      ['return', 'dispatched', 'returned'],
      ['dispatch', 'returned', 'dispatched'],
      ['sign', 'dispatched', 'signed'],
      ['reply', 'signed', 'replied'],
      ['follow-up', 'replied', 'follow_up'],
      ['close', 'follow_up', 'closed'],
    ]);
    expect(trail[2]).toMatchObject({ actorRole: 'grid_member', unitId: 'gt-s01g01', data: { reasonCode: 'not_our_remit' } });
    expect(trail[3]).toMatchObject({ actorRole: 'dispatcher', unitId: 'so-s01', data: { ruling: 'accept', wrongful: false, escalated: true } });
    expect(JSON.stringify(trail)).not.toContain(call.callerNumber);
    expect(detail.json().allowedActions).toEqual([]);

    const shares = await t.app.inject({
      method: 'GET', url: '/api/tickets/settlement-shares?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z', headers: s['demo-dispatcher']!.headers,
    });
    expect(shares.json()).toMatchObject({ total: 1, counts: { grid: 0, street: 1, district: 0 }, shares: { street: 1 } });
    const notified = await t.prisma.notification.count({ where: { ticketId: id, kind: 'dispatch' } });
    expect(notified).toBe(2);
  });

  it('reopens to the same unit when the citizen is not satisfied, and counts it', async () => {
    const created = await intake(t, s['demo-agent']!, {
      channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', title: '垃圾未清运', description: '小区垃圾三天没收', dispatch: true,
    });
    const id = created.json().ticket.id as string;
    await act(t, s['demo-grid']!, id, 'sign');
    await act(t, s['demo-grid']!, id, 'reply', { content: '已清运' });
    const reopened = await act(t, s['demo-agent']!, id, 'follow-up', { verdict: 'not_satisfied', note: '仍有垃圾' });
    expect(reopened.json()).toMatchObject({ state: 'reopened', leadUnitId: 'gt-s01g01' });
    expect(await trailActions(t.prisma, id)).toEqual(['create', 'dispatch', 'sign', 'reply', 'follow-up', 'reopen']);
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: id, action: 'reopen', data: { path: ['viaFollowUp'], equals: true } } })).toBe(1);
  });
});

describe('police short loop and diversion', () => {
  it('a 110 call becomes a police ticket handled through the police desk', async () => {
    const call = await createCall(t.prisma, '110', t.clock.now());
    const created = await intake(t, s['demo-agent']!, {
      channel: 'phone', callId: call.id, categoryId: 'general.policy', areaId: 's02', title: '求助', description: '有人在门口徘徊', dispatch: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().classification).toMatchObject({ ticketClass: 'police', source: 'hotline' });
    expect(created.json().ticket).toMatchObject({ ticketClass: 'police', state: 'dispatched', leadUnitId: 'police-desk', policeState: 'handed_to_police' });
  });

  it('diverts a non-police 110 ticket to the 12345 workflow with links and trails on both', async () => {
    const call = await createCall(t.prisma, '110', t.clock.now());
    const created = await intake(t, s['demo-agent']!, {
      channel: 'phone', callId: call.id, categoryId: 'general.policy', areaId: 's01g01', title: '咨询', description: '问低保政策',
    });
    const id = created.json().ticket.id as string;
    expect(created.json().ticket).toMatchObject({ ticketClass: 'police', state: 'accepted', policeState: 'received' });
    const diverted = await act(t, s['demo-agent']!, id, 'divert', { reason: '非警务警情，转12345' });
    expect(diverted.statusCode, diverted.body).toBe(200);
    const linkedId = diverted.json().linkedTicketId as string;
    expect(diverted.json().policeState).toBe('closed');
    const linked = await t.prisma.ticket.findUniqueOrThrow({ where: { id: linkedId } });
    expect(linked).toMatchObject({ ticketClass: 'non_police', state: 'accepted', linkedTicketId: id, callerNumber: call.callerNumber, policeState: null });
    expect(await trailActions(t.prisma, id)).toEqual(['create', 'divert']);
    expect(await trailActions(t.prisma, linkedId)).toEqual(['create']);
    const dispatched = await act(t, s['demo-agent']!, linkedId, 'dispatch', {});
    expect(dispatched.json()).toMatchObject({ state: 'dispatched', leadUnitId: 'dept-petitions', level: 'district' });
  });
});
