/**
 * The contract for the assessment (S3) and the figures API: every ticket indicator of DOMAIN.md
 * per unit for a period [from, to), from the tickets' append-only trail only, so the same period
 * always gives the same figures, and the tickets behind a figure recompute it. What "in time",
 * "due in the period" etc. mean is written in collect-indicator-sets.ts (the reference, computed
 * from the raw trail by recompute-ticket-figures.ts); the figures are read from the facts and the
 * day rollup kept from that trail (read-indicator-figures.ts), which the tests hold equal to it.
 */
import type { PrismaClient } from '@yixian/db';
import {
  computeDirectAnswerRate, computeExtensionRate, computeGridSettlementRate, computeMailboxOnTimeReplyRate, computeOnTimeCompletionRate,
  computeOnTimeSignRate, computeRedoRate, computeReturnRate, computeSatisfactionRate,
} from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { countIndicatorFigures, readIndicatorSets } from './read-indicator-figures.js';
import {
  COUNT_INDICATORS, isTicketIndicator, TICKET_INDICATORS, type IndicatorFigure, type TicketIndicator, type UnitTicketFigures,
} from './ticket-indicators.js';

export { TICKET_INDICATORS, COUNT_INDICATORS, CENTRE_KEY, isTicketIndicator } from './ticket-indicators.js';
export type { TicketIndicator, IndicatorFigure, UnitTicketFigures } from './ticket-indicators.js';

export interface TicketFigureQuery {
  from: Date;
  to: Date;
  /** Only these units (the map still has every one of them, with zeros). */
  unitIds?: string[];
  /** "Now" for deadlines still ahead (defaults to the wall clock; pass the app clock). */
  now?: Date;
}

type CountIndicator = 'supervision_count' | 'notice_count' | 'on_spot_count' | 'patrol_report_count';
const RATE: Record<Exclude<TicketIndicator, CountIndicator>, (n: number, d: number) => number | null> = {
  on_time_sign: (n, d) => computeOnTimeSignRate({ signedInTime: n, dispatched: d }),
  on_time_completion: (n, d) => computeOnTimeCompletionRate({ repliedInTime: n, due: d }),
  return_rate: (n, d) => computeReturnRate({ returned: n, dispatched: d }),
  redo_rate: (n, d) => computeRedoRate({ reopened: n, replied: d }),
  satisfaction: (n, d) => computeSatisfactionRate({ satisfied: n, basicallySatisfied: 0, followUps: d }),
  extension_rate: (n, d) => computeExtensionRate({ extended: n, dispatched: d }),
  direct_answer: (n, d) => computeDirectAnswerRate({ closedAtIntake: n, accepted: d }),
  mailbox_on_time: (n, d) => computeMailboxOnTimeReplyRate({ repliedInTime: n, lettersDue: d }),
  grid_settlement: (n, d) => computeGridSettlementRate({ settledInGrid: n, closed: d }),
};

/** One figure from its two sets: a rate through the domain's formula, or a count. */
export function computeIndicatorValue(indicator: TicketIndicator, numerator: number, denominator: number): IndicatorFigure {
  const value = COUNT_INDICATORS.includes(indicator) ? numerator : RATE[indicator as Exclude<TicketIndicator, CountIndicator>](numerator, denominator);
  return { numerator, denominator, value };
}

export function checkPeriod(query: { from: Date; to: Date }): void {
  if (!(query.from instanceof Date) || Number.isNaN(query.from.getTime())) throw new AppError('validation_failed', 'from must be a valid time', { field: 'from' });
  if (!(query.to instanceof Date) || Number.isNaN(query.to.getTime())) throw new AppError('validation_failed', 'to must be a valid time', { field: 'to' });
  if (query.to <= query.from) throw new AppError('validation_failed', 'to must be after from', { field: 'to' });
}

/** Every indicator's numerator and denominator per unit for [from, to), from the tickets and their trail. */
export async function computeUnitTicketFigures(prisma: PrismaClient, query: TicketFigureQuery): Promise<Map<string, UnitTicketFigures>> {
  checkPeriod(query);
  const counts = await countIndicatorFigures(prisma, { from: query.from, to: query.to, now: query.now ?? new Date(), ...(query.unitIds ? { unitIds: query.unitIds } : {}) });
  const keys = query.unitIds ?? [...counts.keys()];
  const result = new Map<string, UnitTicketFigures>();
  for (const unitId of keys) {
    const unit = counts.get(unitId);
    const figures = {} as UnitTicketFigures;
    for (const indicator of TICKET_INDICATORS) {
      figures[indicator] = computeIndicatorValue(indicator, unit?.[indicator].numerator ?? 0, unit?.[indicator].denominator ?? 0);
    }
    result.set(unitId, figures);
  }
  return result;
}

/** The ticket ids behind one indicator of one unit (drill-down); recomputing the indicator from them gives the same value. */
export async function listIndicatorTickets(
  prisma: PrismaClient,
  query: { from: Date; to: Date; unitId: string; indicator: TicketIndicator; now?: Date },
): Promise<{ numeratorIds: string[]; denominatorIds: string[] }> {
  if (!isTicketIndicator(query.indicator)) {
    throw new AppError('validation_failed', `Unknown indicator "${String(query.indicator)}"; expected one of ${TICKET_INDICATORS.join(', ')}`, { field: 'indicator' });
  }
  checkPeriod(query);
  const { numerator, denominator } = await readIndicatorSets(prisma, { ...query, now: query.now ?? new Date() });
  return { numeratorIds: numerator, denominatorIds: denominator };
}
