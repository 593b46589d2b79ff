/**
 * The ticket indicators of DOMAIN.md ("Ticket figures"), as one list shared by the figures API,
 * the drill-down and the assessment (S3). Each indicator is a ratio of two SETS OF TICKET IDS per
 * unit, so that the tickets listed behind a figure recompute it exactly.
 */
export const TICKET_INDICATORS = [
  'on_time_sign', 'on_time_completion', 'return_rate', 'redo_rate', 'satisfaction', 'extension_rate',
  'direct_answer', 'supervision_count', 'notice_count', 'mailbox_on_time',
  'grid_settlement', 'on_spot_count', 'patrol_report_count',
] as const;
export type TicketIndicator = (typeof TICKET_INDICATORS)[number];

/**
 * Counts, not rates: their value is the numerator (the denominator, the dispatched set, is given for
 * context). 督办 and 通报 count against a unit; 自处 and 巡查上报 (the grid's own work) for it.
 */
export const COUNT_INDICATORS: readonly TicketIndicator[] = Object.freeze(['supervision_count', 'notice_count', 'on_spot_count', 'patrol_report_count']);

export function isTicketIndicator(value: unknown): value is TicketIndicator {
  return typeof value === 'string' && (TICKET_INDICATORS as readonly string[]).includes(value);
}

/**
 * Key for figures that belong to the centre, not to a unit: tickets accepted by an account
 * without a unit (the agents) are counted for `direct_answer` under this key.
 */
export const CENTRE_KEY = 'centre';

export interface IndicatorFigure {
  numerator: number;
  denominator: number;
  /** A fraction in [0, 1] for rates (null when the denominator is 0); the numerator for counts. */
  value: number | null;
}

export type UnitTicketFigures = Record<TicketIndicator, IndicatorFigure>;

export interface IndicatorSets {
  numerator: Set<string>;
  denominator: Set<string>;
}

export type UnitIndicatorSets = Record<TicketIndicator, IndicatorSets>;

/** Empty sets for every indicator (a unit with no data still gets zeros / null rates). */
export function createEmptySets(): UnitIndicatorSets {
  const sets = {} as UnitIndicatorSets;
  for (const indicator of TICKET_INDICATORS) sets[indicator] = { numerator: new Set(), denominator: new Set() };
  return sets;
}
