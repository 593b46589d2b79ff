/**
 * A lifecycle act written as one statement (write-transition.ts) on real PostgreSQL: the ticket's
 * row, its trail entry, its deadline jobs and the unit's inbox entry with its push and text message,
 * all as the separate statements wrote them; and nothing at all when the ticket was re-planned
 * under the act (its deadline version moved on); and a dispatch taken without a lock, decided again
 * when the ticket changed under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTicket } from '../src/modules/tickets/dispatch-ticket.js';
import { runTicketAction } from '../src/modules/tickets/run-ticket-action.js';
import { transitionTicket } from '../src/modules/tickets/transition-ticket.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const UNIT = 'dept-urban-management';

describe('an act in one statement', () => {
  it('writes the row, the entry, the deadline jobs and the unit\'s notice with its push and text message', async () => {
    const ticket = await createTicket(t.prisma, { state: 'accepted' });
    const { ticket: after, eventId } = await t.prisma.$transaction((tx) => transitionTicket(tx, ticket, {
      action: 'dispatch', to: 'dispatched', actorId: null, actorRole: 'dispatcher', now: TEST_START,
      update: { leadUnitId: UNIT, level: 'district', supportingUnitIds: [], dispatchedAt: TEST_START, signedAt: null, verdict: undefined },
      data: { routed: true }, trigger: 'dispatched',
      notify: { unitId: UNIT, kind: 'dispatch', title: `工单 ${ticket.code} 已派至本单位` },
    }));
    const row = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after).toEqual(row);
    expect(row).toMatchObject({ state: 'dispatched', leadUnitId: UNIT, level: 'district', dispatchedAt: TEST_START, deadlineVersion: 1 });
    expect(row.signDueAt!.getTime()).toBeGreaterThan(TEST_START.getTime());
    expect(row.handleDueAt!.getTime()).toBeGreaterThan(row.signDueAt!.getTime());

    const entries = await t.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id } });
    expect(entries).toEqual([expect.objectContaining({
      id: eventId, action: 'dispatch', fromState: 'accepted', toState: 'dispatched', actorRole: 'dispatcher', unitId: UNIT, data: { routed: true }, at: TEST_START,
    })]);

    const jobs = await t.prisma.outbox.findMany({ where: { topic: 'ticket.deadline.check', dedupeKey: { startsWith: `ticket-${ticket.id}-` } }, orderBy: { runAt: 'asc' } });
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    expect(jobs.every((job) => job.dedupeKey.endsWith('-v1') && (job.payload as { deadlineVersion: number }).deadlineVersion === 1)).toBe(true);
    expect(jobs[0]!.runAt).toEqual(row.signDueAt);

    const notice = await t.prisma.notification.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(notice).toMatchObject({ unitId: UNIT, kind: 'dispatch', dedupeKey: `dispatch-${ticket.id}-${eventId}`, body: '' });
    expect(notice.title).toMatch(new RegExp(`^工单 ${ticket.code} 已派至本单位（.+）$`));
    const work = await t.prisma.outbox.findMany({ where: { dedupeKey: { in: [`push-${notice.dedupeKey}`, `sms-${notice.dedupeKey}`] } }, orderBy: { topic: 'asc' } });
    expect(work.map((w) => [w.topic, w.payload])).toEqual([
      ['live.push', { topic: `unit:${UNIT}`, payload: { type: 'notification', id: notice.id, kind: 'dispatch', ticketId: ticket.id, title: notice.title } }],
      ['notification.sms', { notificationId: notice.id }],
    ]);
  });

  it('writes nothing when the ticket was re-planned under the act', async () => {
    const ticket = await createTicket(t.prisma, { state: 'accepted' });
    // Someone planned the ticket after this act read it: the act's jobs would carry a version that is not theirs.
    await t.prisma.ticket.update({ where: { id: ticket.id }, data: { deadlineVersion: { increment: 1 } } });
    await expect(t.prisma.$transaction((tx) => transitionTicket(tx, ticket, {
      action: 'dispatch', to: 'dispatched', actorId: null, actorRole: 'dispatcher', now: TEST_START,
      update: { leadUnitId: UNIT, level: 'district', dispatchedAt: TEST_START },
      trigger: 'dispatched', notify: { unitId: UNIT, kind: 'dispatch', title: `工单 ${ticket.code} 已派至本单位` },
    }))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/deadline version 2, not 1/) });
    expect(await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ state: 'accepted', leadUnitId: null, deadlineVersion: 1 });
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await t.prisma.outbox.count({ where: { dedupeKey: { contains: ticket.id } } })).toBe(0);
  });

  it('stamps the notice and its follow-ups in UTC whatever the connection\'s time zone', async () => {
    const ticket = await createTicket(t.prisma, { state: 'dispatched', leadUnitId: UNIT });
    const before = Date.now();
    await t.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'Asia/Shanghai'`);
      await transitionTicket(tx, ticket, {
        action: 'remind', to: 'dispatched', actorId: null, actorRole: 'dispatcher', now: TEST_START,
        notify: { unitId: UNIT, kind: 'reminder', title: `工单 ${ticket.code} 催办` },
      });
    });
    const notice = await t.prisma.notification.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(Math.abs(notice.createdAt.getTime() - before)).toBeLessThan(60_000);
    const work = await t.prisma.outbox.findMany({ where: { dedupeKey: { endsWith: notice.dedupeKey } } });
    expect(work).toHaveLength(2);
    for (const row of work) expect(Math.abs(row.createdAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('refuses to set a column that is not the ticket\'s, naming it', async () => {
    const ticket = await createTicket(t.prisma, { state: 'accepted' });
    await expect(t.prisma.$transaction((tx) => transitionTicket(tx, ticket, {
      action: 'note', to: 'accepted', actorId: null, actorRole: 'dispatcher', now: TEST_START,
      update: { 'title"; DROP TABLE ticket; --': 'x' } as never,
    }))).rejects.toThrow(/cannot set ticket column "title"; DROP TABLE ticket; --"/);
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(0);
  });
});

describe('an optimistic dispatch (run-ticket-action.ts)', () => {
  const dispatcher = async () => {
    const user = await t.prisma.user.findFirstOrThrow({ where: { username: 'demo-dispatcher' } });
    const { loadActor } = await import('../src/modules/auth/actor.js');
    return (await loadActor(t.prisma, user.id))!;
  };

  it('is decided again when the ticket changed between its read and its write, and writes once', async () => {
    const actor = await dispatcher();
    const ticket = await createTicket(t.prisma, { state: 'accepted', areaId: 's01g01' });
    const versions: (string | undefined)[] = [];
    const result = await runTicketAction(t.prisma, { actor, ticketId: ticket.id, action: 'dispatch', now: TEST_START, optimistic: true }, async (context) => {
      versions.push(context.rowVersion);
      // Another act changes the ticket after this one read it (first try only).
      if (versions.length === 1) await t.prisma.ticket.update({ where: { id: ticket.id }, data: { urgency: 'urgent' } });
      return dispatchTicket(context, {});
    });
    expect(versions).toHaveLength(2);
    expect(versions[0]).not.toBe(versions[1]);
    expect(result).toMatchObject({ state: 'dispatched', urgency: 'urgent', deadlineVersion: 1 });
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id, action: 'dispatch' } })).toBe(1);
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it('takes the lock after repeated changes, and is refused like any act where the state forbids it', async () => {
    const actor = await dispatcher();
    const ticket = await createTicket(t.prisma, { state: 'accepted', areaId: 's01g01' });
    let optimisticTries = 0;
    const result = await runTicketAction(t.prisma, { actor, ticketId: ticket.id, action: 'dispatch', now: TEST_START, optimistic: true }, async (context) => {
      if (context.rowVersion !== undefined) {
        optimisticTries += 1;
        await t.prisma.ticket.update({ where: { id: ticket.id }, data: { title: `Noise at night (${optimisticTries})` } });
      }
      return dispatchTicket(context, {});
    });
    expect(optimisticTries).toBe(3);
    expect(result).toMatchObject({ state: 'dispatched', title: 'Noise at night (3)' });
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id, action: 'dispatch' } })).toBe(1);
    const closed = await createTicket(t.prisma, { state: 'closed', areaId: 's01g01' });
    await expect(runTicketAction(t.prisma, { actor, ticketId: closed.id, action: 'dispatch', now: TEST_START, optimistic: true }, (context) => dispatchTicket(context, {})))
      .rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses an act that would write more than once', async () => {
    const actor = await dispatcher();
    const ticket = await createTicket(t.prisma, { state: 'accepted', areaId: 's01g01' });
    await expect(runTicketAction(t.prisma, { actor, ticketId: ticket.id, action: 'dispatch', now: TEST_START, optimistic: true },
      (context) => dispatchTicket(context, { unitId: UNIT, supportingUnitIds: ['dept-environment'] })))
      .rejects.toThrow(/cannot be taken optimistically/);
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(0);
  });
});
