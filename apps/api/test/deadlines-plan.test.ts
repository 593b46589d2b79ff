/** planDeadlines on a real database: due times in working time, outbox rows per step, versions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@yixian/db';
import { planDeadlines, type DeadlineTrigger } from '../src/modules/deadlines/plan-deadlines.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function plan(ticket: Ticket, trigger: DeadlineTrigger, now: Date, extensionDays?: number) {
  return t.prisma.$transaction((tx) => planDeadlines(tx, ticket, trigger, now, extensionDays ? { extensionDays } : {}));
}

async function outboxKeys(ticketId: string): Promise<string[]> {
  const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: `ticket-${ticketId}-` } }, orderBy: { id: 'asc' } });
  return rows.map((row) => row.dedupeKey);
}

describe('planDeadlines', () => {
  it('plans sign check, reminder, supervision and notice on dispatch, counted in working time', async () => {
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management' });
    const now = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 local
    const written = await plan({ ...ticket, kind: 'help_request', categoryId: 'env.noise' }, 'dispatched', now);
    expect(written.deadlineVersion).toBe(1);
    // 1 working hour later, same morning.
    expect(written.signDueAt?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    const stored = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored.deadlineVersion).toBe(1);
    expect(stored.handleDueAt).toEqual(written.handleDueAt);
    const keys = await outboxKeys(ticket.id);
    expect(keys.sort()).toEqual(['notice', 'reminder', 'sign_check', 'supervision'].map((s) => `ticket-${ticket.id}-${s}-v1`).sort());
    const row = await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `ticket-${ticket.id}-supervision-v1` } });
    expect(row.topic).toBe('ticket.deadline.check');
    expect(row.runAt).toEqual(stored.handleDueAt);
    expect(row.payload).toEqual({ ticketId: ticket.id, step: 'supervision', deadlineVersion: 1, dueAt: stored.handleDueAt!.toISOString() });
  });

  it('skips Spring Festival 2026 (02-15..23) and counts the make-up Saturday 02-14', async () => {
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-environment' });
    // Friday 2026-02-13 10:00 local; consultation = 2 working days: Sat 02-14 (调休), then Tue 02-24.
    const written = await plan({ ...ticket, kind: 'consultation', categoryId: await categoryWithoutLimit() }, 'dispatched', new Date('2026-02-13T02:00:00Z'));
    expect(written.handleDueAt?.toISOString()).toBe('2026-02-24T09:30:00.000Z');
  });

  it('mailbox letters get 3 working days, 10 when complex; urgent tickets reply the same day', async () => {
    const monday = new Date('2026-03-02T02:00:00Z');
    const letter = await createTicket(t.prisma);
    const plain = await plan({ ...letter, channel: 'mailbox' }, 'dispatched', monday);
    expect(plain.handleDueAt?.toISOString()).toBe('2026-03-05T09:30:00.000Z');
    const complexLetter = await createTicket(t.prisma);
    const complex = await plan({ ...complexLetter, channel: 'mailbox', fields: { complex: true } }, 'dispatched', monday);
    expect(complex.handleDueAt?.toISOString()).toBe('2026-03-16T09:30:00.000Z');
    const urgentTicket = await createTicket(t.prisma);
    const urgent = await plan({ ...urgentTicket, urgency: 'urgent' }, 'dispatched', monday);
    expect(urgent.handleDueAt?.toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(urgent.signDueAt?.toISOString()).toBe('2026-03-02T02:30:00.000Z');
  });

  it("uses the category's own limits over the kind's", async () => {
    const category = await t.prisma.category.findFirstOrThrow({ where: { handleLimitDays: { not: null }, children: { none: {} } } });
    await t.prisma.category.update({ where: { id: category.id }, data: { signLimitHours: 2 } });
    // As the category administration does after its commit: the per-process copies drop the old limits.
    await t.app.configChanged(['categories']);
    const ticket = await createTicket(t.prisma, { categoryId: category.id });
    const monday = new Date('2026-03-02T02:00:00Z');
    const written = await plan({ ...ticket, kind: 'complaint' }, 'dispatched', monday);
    expect(written.signDueAt?.toISOString()).toBe('2026-03-02T04:00:00.000Z');
    const { createWorkCalendar, CN_2026_HOLIDAYS } = await import('@yixian/domain');
    expect(written.handleDueAt).toEqual(createWorkCalendar(CN_2026_HOLIDAYS).addWorkingDays(monday, category.handleLimitDays!));
  });

  it('a new plan bumps the version; an approved extension moves the reply deadline; closing plans nothing', async () => {
    const ticket = await createTicket(t.prisma);
    const monday = new Date('2026-03-02T02:00:00Z');
    const first = await plan({ ...ticket, kind: 'help_request' }, 'dispatched', monday);
    const signedTicket = await t.prisma.ticket.update({ where: { id: ticket.id }, data: { state: 'signed', dispatchedAt: monday } });
    const signed = await plan(signedTicket, 'signed', new Date('2026-03-02T02:30:00Z'));
    expect(signed.deadlineVersion).toBe(2);
    expect(signed.handleDueAt).toEqual(first.handleDueAt);
    const afterSign = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    const extended = await plan(afterSign, 'extension_approved', new Date('2026-03-03T02:00:00Z'), 3);
    expect(extended.deadlineVersion).toBe(3);
    // Reply due Mon 03-09 17:30 → 3 more working days → Thu 03-12.
    expect(first.handleDueAt?.toISOString()).toBe('2026-03-09T09:30:00.000Z');
    expect(extended.handleDueAt?.toISOString()).toBe('2026-03-12T09:30:00.000Z');
    const closed = await plan(await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } }), 'closed', new Date('2026-03-04T02:00:00Z'));
    expect(closed.deadlineVersion).toBe(4);
    const keys = await outboxKeys(ticket.id);
    expect(keys.filter((k) => k.endsWith('-v2')).sort()).toEqual(['notice', 'reminder', 'supervision'].map((s) => `ticket-${ticket.id}-${s}-v2`));
    expect(keys.filter((k) => k.endsWith('-v3'))).toHaveLength(3);
    expect(keys.filter((k) => k.endsWith('-v4'))).toHaveLength(0);
    const v3 = await t.prisma.outbox.findUniqueOrThrow({ where: { dedupeKey: `ticket-${ticket.id}-supervision-v3` } });
    expect(v3.runAt?.toISOString()).toBe('2026-03-12T09:30:00.000Z');
  });

  it('plans the follow-up on reply, and refuses a bad trigger or kind without writing', async () => {
    const ticket = await createTicket(t.prisma, { state: 'replied' });
    const written = await plan(ticket, 'replied', new Date('2026-03-06T02:00:00Z')); // Friday
    expect(written.followUpDueAt?.toISOString()).toBe('2026-03-09T09:30:00.000Z');
    expect(await outboxKeys(ticket.id)).toEqual([`ticket-${ticket.id}-follow_up_due-v1`]);
    await expect(plan(ticket, 'bogus' as DeadlineTrigger, new Date())).rejects.toThrow(/unknown trigger/);
    await expect(plan({ ...ticket, kind: 'gossip' }, 'dispatched', new Date())).rejects.toThrow(/ticket.kind/);
    const after = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.deadlineVersion).toBe(1);
  });
});

async function categoryWithoutLimit(): Promise<string> {
  const category = await t.prisma.category.findFirstOrThrow({ where: { handleLimitDays: null, children: { none: {} } } });
  return category.id;
}
