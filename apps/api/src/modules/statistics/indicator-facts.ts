/**
 * Indicator facts: the period-free form of the ticket indicators. Each fact is one occurrence
 * behind an indicator of a unit (a dispatch, a handling deadline, a reply, a verdict, an intake,
 * a 督办 or 通报), placed in time by `at`, with `hitAt` the moment it met the numerator's condition.
 * For a period [from, to) a ticket is in an indicator's denominator when one of its facts for the
 * unit lies in the period, and in the numerator as the indicator's mode says over those facts:
 *
 * - `every`: every in-period fact was hit before `to` (on-time sign-for, on-time completion);
 * - `any`: some in-period fact was hit before `to` (return, extension, redo, direct answer, grid
 *   settlement, counts);
 * - `last`: the last in-period verdict decides (satisfaction; `unreachable` leaves the denominator).
 *
 * An unreplied deadline counts only once it has passed (`at < now`). Counts (督办, 通报, 自处, 巡查上报) take the
 * dispatched set (on-time sign-for's denominator) as their denominator. This is exactly what
 * `collectIndicatorSets` computes from the trail cut at `to`; the tests hold the two equal.
 */
import { COUNT_INDICATORS, createEmptySets, type TicketIndicator, type UnitIndicatorSets } from './ticket-indicators.js';

export interface IndicatorFact {
  ticketId: string;
  unitKey: string;
  indicator: TicketIndicator;
  /** Order among the ticket's facts for the unit and indicator (trail order). */
  seq: number;
  at: Date;
  hitAt: Date | null;
  verdict: string | null;
  unreplied: boolean;
  /** The only fact of its ticket, unit and indicator, and not unreplied: it can be summed by day. */
  rollable: boolean;
}

export type FactMode = 'every' | 'any' | 'last';

export const FACT_MODES: Readonly<Record<TicketIndicator, FactMode>> = Object.freeze({
  on_time_sign: 'every', on_time_completion: 'every', mailbox_on_time: 'every',
  return_rate: 'any', extension_rate: 'any', redo_rate: 'any', direct_answer: 'any',
  supervision_count: 'any', notice_count: 'any', satisfaction: 'last',
  grid_settlement: 'any', on_spot_count: 'any', patrol_report_count: 'any',
});

export const SATISFIED_VERDICTS: readonly string[] = Object.freeze(['satisfied', 'basically_satisfied']);
export const UNREACHABLE_VERDICT = 'unreachable';

type FactPart = Pick<IndicatorFact, 'seq' | 'hitAt' | 'verdict'>;

/** Whether a ticket with these in-period facts (one unit, one indicator) is in the denominator and the numerator. */
export function decideMembership(indicator: TicketIndicator, facts: readonly FactPart[], to: Date): { denominator: boolean; numerator: boolean } {
  const mode = FACT_MODES[indicator];
  if (mode === 'last') {
    const last = facts.reduce((a, b) => (b.seq > a.seq ? b : a));
    return { denominator: last.verdict !== UNREACHABLE_VERDICT, numerator: SATISFIED_VERDICTS.includes(last.verdict ?? '') };
  }
  const hit = (fact: FactPart) => fact.hitAt !== null && fact.hitAt < to;
  return { denominator: true, numerator: mode === 'every' ? facts.every(hit) : facts.some(hit) };
}

/** Whether a fact belongs to the period (an unreplied deadline only once it has passed). */
export function isFactInPeriod(fact: Pick<IndicatorFact, 'at' | 'unreplied'>, period: { from: Date; to: Date; now: Date }): boolean {
  return fact.at >= period.from && fact.at < period.to && (!fact.unreplied || fact.at < period.now);
}

/** The indicator sets of every unit for a period, from facts (any order, any tickets). */
export function aggregateIndicatorFacts(facts: readonly IndicatorFact[], period: { from: Date; to: Date; now: Date }): Map<string, UnitIndicatorSets> {
  const groups = new Map<string, IndicatorFact[]>();
  for (const fact of facts) {
    if (!isFactInPeriod(fact, period)) continue;
    const key = `${fact.unitKey}\u0000${fact.indicator}\u0000${fact.ticketId}`;
    const group = groups.get(key);
    if (group) group.push(fact); else groups.set(key, [fact]);
  }
  const sets = new Map<string, UnitIndicatorSets>();
  for (const group of groups.values()) {
    const { unitKey, indicator, ticketId } = group[0]!;
    const member = decideMembership(indicator, group, period.to);
    if (!member.denominator && !member.numerator) continue;
    let unit = sets.get(unitKey);
    if (!unit) { unit = createEmptySets(); sets.set(unitKey, unit); }
    if (member.denominator) unit[indicator].denominator.add(ticketId);
    if (member.numerator) unit[indicator].numerator.add(ticketId);
  }
  for (const unit of sets.values()) {
    for (const indicator of COUNT_INDICATORS) unit[indicator].denominator = new Set(unit.on_time_sign.denominator);
  }
  return sets;
}
