/**
 * The indicator rollup on the real database: random trails written entry by entry (with refreshes
 * in between, as the worker would run them) give, for whole-month, whole-day and ragged periods,
 * exactly the figures recomputed from the raw trail; a rebuild from scratch gives the same rollup
 * rows; an entry added after a read is in the next read; a late reopen moves a month's redo rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '@yixian/db';
import { rebuildIndicatorFacts, refreshIndicatorFacts } from '../src/modules/statistics/refresh-indicator-facts.js';
import { countIndicatorFigures, readIndicatorPage } from '../src/modules/statistics/read-indicator-figures.js';
import { recomputeIndicatorSets } from '../src/modules/statistics/recompute-ticket-figures.js';
import { computeUnitTicketFigures, listIndicatorTickets } from '../src/modules/statistics/ticket-figures.js';
import { TICKET_INDICATORS } from '../src/modules/statistics/ticket-indicators.js';
import { createTicket } from './helpers/factories.js';
import { random, randomTicket } from './helpers/random-trails.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
const UNITS = ['so-s01', 'dept-environment', 'gt-s01g01'];
const START = Date.parse('2026-04-01T00:00:00Z');

async function readRollup() {
  const rows = await t.prisma.indicatorRollup.findMany({ orderBy: [{ day: 'asc' }, { unitKey: 'asc' }, { indicator: 'asc' }, { hitDay: 'asc' }] });
  return rows.map((r) => ({ ...r, day: r.day.toISOString(), hitDay: r.hitDay.toISOString() }));
}

async function expectEqualToRecomputation(from: Date, to: Date, now: Date) {
  const reference = await recomputeIndicatorSets(t.prisma, { from, to, now });
  const figures = await computeUnitTicketFigures(t.prisma, { from, to, now, unitIds: UNITS });
  for (const unit of UNITS) {
    for (const indicator of TICKET_INDICATORS) {
      const sets = reference.get(unit)?.[indicator];
      const label = `${unit} ${indicator} ${from.toISOString()} – ${to.toISOString()}`;
      expect({ n: figures.get(unit)![indicator].numerator, d: figures.get(unit)![indicator].denominator }, label)
        .toEqual({ n: sets?.numerator.size ?? 0, d: sets?.denominator.size ?? 0 });
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const agent = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } });
  const street = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-street' } });
  const rnd = random(7);
  for (let i = 0; i < 80; i++) {
    const trail = randomTicket(`db${i}`, rnd, { units: UNITS, actors: [agent.id, street.id], start: START });
    const ticket = await createTicket(t.prisma, { leadUnitId: UNITS[0] });
    await t.prisma.ticket.update({ where: { id: ticket.id }, data: { kind: trail.kind, channel: trail.channel, urgency: trail.urgency, fields: trail.fields as Prisma.InputJsonValue } });
    for (const entry of trail.trail) {
      await t.prisma.ticketEvent.create({ data: {
        ticketId: ticket.id, action: entry.action, toState: entry.toState, unitId: entry.unitId, actorId: entry.actorId,
        data: entry.data as Prisma.InputJsonValue, at: entry.at,
      } });
    }
    if (i % 9 === 0) await refreshIndicatorFacts(t.prisma);
  }
}, 180_000);

afterAll(async () => { await t?.close(); });

describe('indicator rollup', () => {
  it('equals the recomputation from the raw trail for whole months, whole days and ragged periods', async () => {
    const now = new Date('2026-08-01T00:00:00Z');
    await expectEqualToRecomputation(new Date('2026-03-31T16:00:00Z'), new Date('2026-04-30T16:00:00Z'), now); // April, Shanghai
    await expectEqualToRecomputation(new Date('2026-04-30T16:00:00Z'), new Date('2026-05-31T16:00:00Z'), now); // May
    await expectEqualToRecomputation(new Date('2026-04-10T16:00:00Z'), new Date('2026-04-13T16:00:00Z'), now); // three days
    await expectEqualToRecomputation(new Date('2026-04-07T03:17:00Z'), new Date('2026-05-19T11:45:00Z'), now); // ragged both ends
    await expectEqualToRecomputation(new Date('2026-04-20T01:00:00Z'), new Date('2026-04-20T09:00:00Z'), now); // inside one day
    await expectEqualToRecomputation(new Date('2026-04-15T00:00:00Z'), new Date('2026-05-10T00:00:00Z'), new Date('2026-05-01T00:00:00Z')); // deadlines still ahead
  });

  it('counts a numerator met after the period ends only in periods that reach it', async () => {
    await refreshIndicatorFacts(t.prisma);
    const crossing = await t.prisma.$queryRaw<{ at: Date; hitAt: Date }[]>`
      SELECT "at", "hitAt" FROM "ticket_indicator_fact"
       WHERE "hitAt" IS NOT NULL AND ("hitAt" + interval '8 hours')::date > ("at" + interval '8 hours')::date
       ORDER BY "rollable" DESC, "at" LIMIT 8`;
    expect(crossing.length).toBeGreaterThan(3);
    const now = new Date('2026-08-01T00:00:00Z');
    const DAY = 24 * 3600_000;
    for (const { at, hitAt } of crossing) {
      const from = new Date(Math.floor((at.getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 - 2 * DAY);
      const hitMidnight = new Date(Math.floor((hitAt.getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000);
      await expectEqualToRecomputation(from, hitMidnight, now); // ends at the midnight before the hit
      await expectEqualToRecomputation(from, new Date(hitAt.getTime() - 60_000), now); // a minute before it
      await expectEqualToRecomputation(from, new Date(hitAt.getTime() + 60_000), now); // a minute after it
    }
  });

  it('lists behind each figure the tickets that recompute it', async () => {
    const period = { from: new Date('2026-03-31T16:00:00Z'), to: new Date('2026-05-31T16:00:00Z'), now: new Date('2026-08-01T00:00:00Z') };
    const figures = await computeUnitTicketFigures(t.prisma, { ...period, unitIds: UNITS });
    for (const unitId of UNITS) {
      for (const indicator of TICKET_INDICATORS) {
        const ids = await listIndicatorTickets(t.prisma, { ...period, unitId, indicator });
        expect([ids.numeratorIds.length, ids.denominatorIds.length], `${unitId} ${indicator}`)
          .toEqual([figures.get(unitId)![indicator].numerator, figures.get(unitId)![indicator].denominator]);
        // Paged in the database, three at a time, the pages are the same lists.
        for (const part of ['numerator', 'denominator'] as const) {
          const paged: string[] = [];
          for (let offset = 0; ; offset += 3) {
            const page = await readIndicatorPage(t.prisma, { ...period, unitId, indicator, part, offset, limit: 3 });
            expect(page[part]).toBe(figures.get(unitId)![indicator][part]);
            paged.push(...page.ids);
            if (page.ids.length < 3) break;
          }
          expect(paged, `${unitId} ${indicator} ${part}`).toEqual(part === 'numerator' ? ids.numeratorIds : ids.denominatorIds);
        }
      }
    }
  });

  it('refuses with 503 rather than answer from stale facts while a large backlog is worked off', async () => {
    const period = { from: new Date('2026-03-31T16:00:00Z'), to: new Date('2026-05-31T16:00:00Z'), now: new Date('2026-08-01T00:00:00Z'), unitIds: UNITS };
    const before = await countIndicatorFigures(t.prisma, period);
    await t.prisma.$executeRaw`INSERT INTO "ticket_indicator_dirty" ("ticketId") SELECT "id" FROM "ticket" ON CONFLICT DO NOTHING`;
    await expect(countIndicatorFigures(t.prisma, { ...period, catchUpLimit: 5 })).rejects.toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/tickets left/) });
    expect(await countIndicatorFigures(t.prisma, period)).toEqual(before);
    expect(await t.prisma.ticketIndicatorDirty.count()).toBe(0);
  });

  it('moves a ticket\'s mark forward on every trail entry, even within one millisecond', async () => {
    await refreshIndicatorFacts(t.prisma);
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-environment' });
    const marks: number[] = [];
    for (let i = 0; i < 3; i++) {
      await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action: 'remark', unitId: 'dept-environment', at: new Date('2026-05-11T02:00:00Z') } });
      marks.push((await t.prisma.ticketIndicatorDirty.findUniqueOrThrow({ where: { ticketId: ticket.id } })).markedAt.getTime());
    }
    expect(marks[1]).toBeGreaterThan(marks[0]!);
    expect(marks[2]).toBeGreaterThan(marks[1]!);
    // Several entries of one ticket in one statement: one mark.
    await t.prisma.ticketEvent.createMany({ data: [1, 2, 3].map(() => ({ ticketId: ticket.id, action: 'remark', unitId: 'dept-environment', at: new Date('2026-05-11T03:00:00Z') })) });
    expect(await t.prisma.ticketIndicatorDirty.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await refreshIndicatorFacts(t.prisma)).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.ticketIndicatorDirty.count()).toBe(0);
  });

  it('rebuilds from scratch to the same rollup rows', async () => {
    await refreshIndicatorFacts(t.prisma);
    const live = await readRollup();
    expect(live.length).toBeGreaterThan(20);
    await t.prisma.$executeRaw`DELETE FROM "indicator_rollup"`;
    await t.prisma.$executeRaw`DELETE FROM "ticket_indicator_fact"`;
    expect(await rebuildIndicatorFacts(t.prisma)).toBe(await t.prisma.ticket.count());
    expect(await readRollup()).toEqual(live);
  });

  it('counts an entry written after a read in the next read', async () => {
    const may = { from: new Date('2026-04-30T16:00:00Z'), to: new Date('2026-05-31T16:00:00Z'), now: new Date('2026-08-01T00:00:00Z'), unitIds: ['dept-environment'] };
    const before = (await computeUnitTicketFigures(t.prisma, may)).get('dept-environment')!;
    const ticket = await createTicket(t.prisma, { leadUnitId: 'dept-environment' });
    const at = (iso: string) => new Date(iso);
    for (const [action, when, extra] of [
      ['dispatch', '2026-05-11T02:00:00Z', { toState: 'dispatched' }], ['sign', '2026-05-11T02:10:00Z', {}], ['reply', '2026-05-12T02:00:00Z', {}],
    ] as const) {
      await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action, unitId: 'dept-environment', at: at(when), ...extra } });
    }
    const after = (await computeUnitTicketFigures(t.prisma, may)).get('dept-environment')!;
    expect(after.on_time_sign.denominator).toBe(before.on_time_sign.denominator + 1);
    expect(after.on_time_sign.numerator).toBe(before.on_time_sign.numerator + 1);
    expect(after.redo_rate.denominator).toBe(before.redo_rate.denominator + 1);
    // Reopened in June: a period running into June counts the redo, May alone does not.
    await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action: 'reopen', toState: 'reopened', unitId: 'dept-environment', at: at('2026-06-02T02:00:00Z') } });
    const query = { from: may.from, now: may.now, unitId: 'dept-environment', indicator: 'redo_rate' as const };
    const mayIds = await listIndicatorTickets(t.prisma, { ...query, to: may.to });
    expect(mayIds.denominatorIds).toContain(ticket.id);
    expect(mayIds.numeratorIds).not.toContain(ticket.id);
    const longer = await listIndicatorTickets(t.prisma, { ...query, to: new Date('2026-06-30T16:00:00Z') });
    expect(longer.numeratorIds).toContain(ticket.id);
    await expectEqualToRecomputation(may.from, may.to, may.now);
  });
});
