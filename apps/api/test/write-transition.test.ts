/**
 * A lifecycle act written as one statement (write-transition.ts) on real PostgreSQL: the ticket's
 * row, its trail entry, its deadline jobs and the unit's inbox entry with its push and text message,
 * all as the separate statements wrote them; and nothing at all when the ticket was re-planned
 * under the act (its deadline version moved on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    }))).rejects.toThrow(/deadline version 2, not 1/);
    expect(await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ state: 'accepted', leadUnitId: null, deadlineVersion: 1 });
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await t.prisma.outbox.count({ where: { dedupeKey: { contains: ticket.id } } })).toBe(0);
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
