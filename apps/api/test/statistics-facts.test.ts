/**
 * Indicator facts against the reference: for random trails and random periods, the sets built from
 * the facts (derived once from each WHOLE trail) equal `collectIndicatorSets` over the trail cut at
 * the period's end — the definition the figures and the assessment promise.
 */
import { describe, expect, it } from 'vitest';
import { CN_2026_HOLIDAYS, createWorkCalendar, resolveTimeLimits } from '@yixian/domain';
import { collectIndicatorSets } from '../src/modules/statistics/collect-indicator-sets.js';
import { deriveIndicatorFacts } from '../src/modules/statistics/derive-indicator-facts.js';
import { aggregateIndicatorFacts } from '../src/modules/statistics/indicator-facts.js';
import { TICKET_INDICATORS, type UnitIndicatorSets } from '../src/modules/statistics/ticket-indicators.js';
import { random, randomTicket } from './helpers/random-trails.js';

const calendar = createWorkCalendar({ holidays: [...CN_2026_HOLIDAYS.holidays], workdays: [...CN_2026_HOLIDAYS.workdays] });
const TRAIL_OPTIONS = { units: ['u1', 'u2', 'u3'], actors: ['agent', 'clerk'], start: Date.parse('2026-04-01T00:00:00Z'), patrol: true };
const START = TRAIL_OPTIONS.start;
const context = { calendar, limitsFor: () => ({ limits: resolveTimeLimits() }), unitOfUser: (id: string | null) => (id === 'clerk' ? 'u1' : null) };

const plain = (sets: Map<string, UnitIndicatorSets>) => Object.fromEntries([...sets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([unit, s]) => [
  unit, Object.fromEntries(TICKET_INDICATORS.map((i) => [i, { numerator: [...s[i].numerator].sort(), denominator: [...s[i].denominator].sort() }])),
]));

describe('indicator facts', () => {
  it('give the reference sets for random trails and periods', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const tickets = Array.from({ length: 60 }, (_, i) => randomTicket(`t${seed}-${i}`, rnd, TRAIL_OPTIONS));
      const facts = tickets.flatMap((t) => deriveIndicatorFacts(t, context));
      const last = Math.max(...tickets.flatMap((t) => t.trail.map((e) => e.at.getTime())));
      for (let p = 0; p < 6; p++) {
        const from = new Date(START + rnd.int(-5, 80) * 24 * 3600_000 + rnd.int(0, 24 * 60) * 60_000);
        const to = new Date(from.getTime() + rnd.int(1, 60 * 24 * 60) * 60_000);
        // "Now" is never before the trail's last entry: no one writes the future.
        const now = new Date(Math.max(to.getTime(), last + 1) + (p % 2) * rnd.int(0, 30) * 24 * 3600_000);
        const cut = tickets.map((t) => ({ ...t, trail: t.trail.filter((e) => e.at < to) }));
        const expected = collectIndicatorSets(cut, { from, to, now, ...context });
        const actual = aggregateIndicatorFacts(facts, { from, to, now });
        expect(plain(actual), `seed ${seed}, period ${from.toISOString()} – ${to.toISOString()}`).toEqual(plain(expected));
      }
    }
  });

  it('marks a fact rollable only when it is the single one of its group and not an unreplied deadline', () => {
    const rnd = random(99);
    for (let i = 0; i < 200; i++) {
      const facts = deriveIndicatorFacts(randomTicket(`r${i}`, rnd, TRAIL_OPTIONS), context);
      for (const fact of facts) {
        const group = facts.filter((f) => f.unitKey === fact.unitKey && f.indicator === fact.indicator);
        expect(fact.rollable).toBe(group.length === 1 && !fact.unreplied);
        expect(group.map((f) => f.seq).sort((a, b) => a - b)).toEqual(group.map((_, k) => k));
      }
    }
  });
});
