/**
 * Deadlines end to end on real PostgreSQL, Redis and BullMQ with the movable clock: a ticket
 * left alone gets its sign-for check, reminder, supervision and notice once each; Spring
 * Festival is not counted; a changed plan supersedes the old jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@yixian/db';
import { planDeadlines, type DeadlineTrigger } from '../src/modules/deadlines/plan-deadlines.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';

let t: TestApp;
let h: DeliveryHarness;
beforeAll(async () => {
  t = await createTestApp();
  h = await startDeliveryHarness(t);
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

async function plan(ticket: Ticket, trigger: DeadlineTrigger, now: Date) {
  return t.prisma.$transaction((tx) => planDeadlines(tx, ticket, trigger, now));
}

async function systemSteps(ticketId: string): Promise<string[]> {
  const events = await t.prisma.ticketEvent.findMany({ where: { ticketId, actorRole: 'system' }, orderBy: { id: 'asc' } });
  return events.map((e) => `${e.action}:${(e.data as { step?: string }).step ?? '-'}`);
}

async function counts(ticketId: string) {
  const [notifications, sms, trail] = await Promise.all([
    t.prisma.notification.count({ where: { ticketId } }),
    t.prisma.smsMessage.count({ where: { ticketId } }),
    t.prisma.ticketEvent.count({ where: { ticketId } }),
  ]);
  return { notifications, sms, trail };
}

const local = (iso: string) => new Date(`${iso}+08:00`);

describe('deadline jobs with the movable clock', () => {
  it('a dispatched ticket left alone is reminded, supervised and noticed once each', async () => {
    t.clock.set(TEST_START); // Mon 2026-03-02 10:00
    const created = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management' });
    const ticket = await t.prisma.ticket.update({ where: { id: created.id }, data: { kind: 'help_request', dispatchedAt: TEST_START } });
    const planned = await plan(ticket, 'dispatched', TEST_START);
    expect(planned.handleDueAt).toEqual(local('2026-03-09T17:30:00'));
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual([]);

    t.clock.set(local('2026-03-02T11:01:00')); // sign-for hour passed
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual(['remind:sign_check', 'escalate:-']);

    // 75 % of 2250 working minutes (Mon 10:00 → Mon 03-09 17:30) = 1687.5: Fri 03-06 14:37:30.
    t.clock.set(local('2026-03-06T14:37:00'));
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual(['remind:sign_check', 'escalate:-']);
    t.clock.set(local('2026-03-06T14:38:00'));
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual(['remind:sign_check', 'escalate:-', 'remind:reminder']);

    t.clock.set(local('2026-03-09T17:31:00')); // overdue
    await h.settle();
    t.clock.set(local('2026-03-16T17:31:00')); // five working days overdue
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual(['remind:sign_check', 'escalate:-', 'remind:reminder', 'supervise:supervision', 'notice:notice']);

    const notifications = await t.prisma.notification.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: 'asc' } });
    expect(notifications.map((n) => n.kind).sort()).toEqual(['notice', 'reminder', 'reminder', 'supervision']);
    expect(notifications.every((n) => n.unitId === 'dept-urban-management')).toBe(true);
    const sms = await t.prisma.smsMessage.findMany({ where: { ticketId: ticket.id } });
    expect(sms).toHaveLength(4);
    expect(sms.every((m) => m.recipient === 'unit:dept-urban-management' && !m.body.includes(ticket.callerNumber!))).toBe(true);

    // Running everything again changes nothing.
    const before = await counts(ticket.id);
    await h.settle();
    await h.sweep();
    await h.settle();
    expect(await counts(ticket.id)).toEqual(before);
  });

  it('counts around Spring Festival 2026 (02-15..23), with the make-up Saturday 02-14', async () => {
    const start = local('2026-02-13T10:00:00'); // Friday before the holiday
    t.clock.set(start);
    const created = await createTicket(t.prisma, { leadUnitId: 'dept-environment', state: 'signed' });
    const category = await t.prisma.category.findFirstOrThrow({ where: { handleLimitDays: null, children: { none: {} } } });
    const ticket = await t.prisma.ticket.update({ where: { id: created.id }, data: { kind: 'consultation', categoryId: category.id, dispatchedAt: start } });
    const planned = await plan(ticket, 'dispatched', start);
    await t.prisma.ticket.update({ where: { id: ticket.id }, data: { state: 'signed' } });
    // 2 working days: Sat 02-14 (调休), then Tue 02-24, the first day after the holiday.
    expect(planned.handleDueAt).toEqual(local('2026-02-24T17:30:00'));
    await h.settle();

    t.clock.set(local('2026-02-23T23:00:00')); // last night of the holiday: nothing is due yet
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual([]);

    // 75 % of 1080 working minutes = 810: Fri 300 + Sat 390 + 120 on Tue → 10:30.
    t.clock.set(local('2026-02-24T10:29:00'));
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual([]);
    t.clock.set(local('2026-02-24T10:31:00'));
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual(['remind:reminder']);
    t.clock.set(local('2026-02-24T17:31:00'));
    await h.settle();
    expect(await systemSteps(ticket.id)).toEqual(['remind:reminder', 'supervise:supervision']);
  });

  it('a changed plan (approved extension) supersedes the old jobs', async () => {
    t.clock.set(TEST_START);
    const created = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management' });
    const dispatched = await t.prisma.ticket.update({ where: { id: created.id }, data: { kind: 'help_request', dispatchedAt: TEST_START } });
    await plan(dispatched, 'dispatched', TEST_START);
    await h.settle();
    const signedAt = local('2026-03-02T10:30:00');
    t.clock.set(signedAt);
    await plan(await t.prisma.ticket.update({ where: { id: created.id }, data: { state: 'signed' } }), 'signed', signedAt);
    await h.settle();
    // The unit asks for 3 more days on Tuesday; the desk approves (T writes the new deadline, D re-plans).
    const approvedAt = local('2026-03-03T09:00:00');
    t.clock.set(approvedAt);
    const extended = await t.prisma.ticket.update({ where: { id: created.id }, data: { handleDueAt: local('2026-03-12T17:30:00'), extensionCount: 1 } });
    const replanned = await plan(extended, 'extension_approved', approvedAt);
    expect(replanned.deadlineVersion).toBe(3);
    await h.settle();

    t.clock.set(local('2026-03-09T17:31:00')); // the old deadline passes: the v2 supervision is superseded
    await h.settle();
    // Replaced before it came within reach: marked by the outbox, never a job in Redis.
    expect(await h.context.producer!.get('ticket-deadlines').getJob(`ticket-${created.id}-supervision-v2`)).toBeUndefined();
    expect((await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `ticket-${created.id}-supervision-v2` } })).dispatchedAt).not.toBeNull();
    // Neither the old reminder (Fri 14:37) nor the old deadline counted; the new 75 % point is Tue 03-10 16:15.
    expect(await systemSteps(created.id)).toEqual([]);
    t.clock.set(local('2026-03-10T16:16:00'));
    await h.settle();
    expect(await systemSteps(created.id)).toEqual(['remind:reminder']);
    t.clock.set(local('2026-03-12T17:31:00'));
    await h.settle();
    expect(await systemSteps(created.id)).toEqual(['remind:reminder', 'supervise:supervision']);
    const supervision = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: created.id, action: 'supervise' } });
    expect(supervision.data).toMatchObject({ deadlineVersion: 3, dueAt: local('2026-03-12T17:30:00').toISOString() });
  });
});
