/**
 * Deadlines driven by the real ticket actions over HTTP (T's lifecycle + D's jobs): an unsigned
 * grid ticket is escalated to the street when its sign-for hour passes; a reply plans the
 * follow-up, which reminds the agent when missed; a reopened ticket measures its ladder from
 * the reopening.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEscalationPoints } from '@yixian/domain';
import { loadWorkCalendar } from '../src/modules/deadlines/work-calendar.service.js';
import { createTestApp, login, TEST_START, type TestApp } from './helpers/test-app.js';
import { act, createCall, intake } from './tickets-fixtures.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';

let t: TestApp;
let h: DeliveryHarness;
/** A fresh session: moving the clock by days ends idle ones. */
const as = (username: string) => login(t.app, username);
beforeAll(async () => {
  t = await createTestApp();
  h = await startDeliveryHarness(t);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

const local = (iso: string) => new Date(`${iso}+08:00`);
const steps = async (ticketId: string) =>
  (await t.prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: { id: 'asc' } })).map((e) => e.action);

describe('deadlines through the ticket lifecycle', () => {
  it('escalates an unsigned grid ticket, then reminds the agent of a missed follow-up', async () => {
    t.clock.set(TEST_START);
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const created = await intake(t, await as('demo-agent'), {
      channel: 'phone', callId: call.id, categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng,
      title: '夜间噪音', description: '楼下KTV噪音到凌晨', dispatch: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().ticket.id as string;
    expect(created.json().ticket.leadUnitId).toBe('gt-s01g01');
    await h.settle();
    expect(await t.prisma.smsMessage.count({ where: { ticketId: id, recipient: 'unit:gt-s01g01' } })).toBe(1); // the dispatch

    t.clock.set(local('2026-03-02T11:01:00')); // the sign-for hour has passed
    await h.settle();
    const escalated = await t.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(escalated).toMatchObject({ leadUnitId: 'so-s01', state: 'dispatched' });
    expect(await steps(id)).toEqual(['create', 'dispatch', 'remind', 'escalate']);
    const toStreet = await t.prisma.notification.findMany({ where: { ticketId: id, unitId: 'so-s01' } });
    expect(toStreet.length).toBeGreaterThanOrEqual(1);

    expect((await act(t, await as('demo-street'), id, 'sign')).statusCode).toBe(200);
    const replied = await act(t, await as('demo-street'), id, 'reply', { content: '已协调KTV整改' });
    expect(replied.statusCode, replied.body).toBe(200);
    const afterReply = await t.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(afterReply.followUpDueAt).toEqual(local('2026-03-03T17:30:00'));
    await h.settle();

    t.clock.set(local('2026-03-03T17:31:00')); // the next working day closes without a follow-up call
    await h.settle();
    const agent = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } });
    const followUp = await t.prisma.notification.findMany({ where: { ticketId: id, kind: 'follow_up' } });
    expect(followUp.map((n) => n.userId)).toEqual([agent.id]);
    const inbox = await t.app.inject({ url: '/api/notifications', headers: { cookie: (await as('demo-agent')).cookie } });
    expect(inbox.json().items.some((n: { ticketId: string; kind: string }) => n.ticketId === id && n.kind === 'follow_up')).toBe(true);
    // No escalation step fired after the reply: the ladder was superseded.
    const systemActs = await t.prisma.ticketEvent.findMany({ where: { ticketId: id, actorRole: 'system' } });
    expect(systemActs.map((e) => (e.data as { step?: string }).step ?? e.action)).toEqual(['sign_check', 'escalate', 'follow_up_due']);
  });

  it('measures the ladder of a reopened ticket from the reopening, also after it is signed again', async () => {
    t.clock.set(TEST_START);
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const created = await intake(t, await as('demo-agent'), {
      channel: 'phone', callId: call.id, categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng,
      title: '夜间噪音', description: '又开始了', dispatch: true,
    });
    const id = created.json().ticket.id as string;
    expect((await act(t, await as('demo-grid'), id, 'sign')).statusCode).toBe(200);
    expect((await act(t, await as('demo-grid'), id, 'reply', { content: '已处理' })).statusCode).toBe(200);
    const reopenedAt = local('2026-03-04T15:00:00');
    t.clock.set(reopenedAt);
    const reopened = await act(t, await as('demo-agent'), id, 'reopen', { reason: '市民反映噪音仍在' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    t.clock.set(local('2026-03-04T15:10:00'));
    expect((await act(t, await as('demo-grid'), id, 'sign')).statusCode).toBe(200);

    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id } });
    const calendar = await loadWorkCalendar(t.prisma);
    const expected = computeEscalationPoints(reopenedAt, ticket.handleDueAt!, calendar);
    const reminder = await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `ticket-${id}-reminder-v${ticket.deadlineVersion}` } });
    expect(reminder.runAt).toEqual(expected.reminderAt);
    expect(await t.prisma.outbox.count({ where: { dedupeKey: `ticket-${id}-sign_check-v${ticket.deadlineVersion}` } })).toBe(0);
  });
});
