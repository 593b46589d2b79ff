/**
 * Pure scoring: one unit's figures under one unit type's indicator list. Points are kept to
 * 4 decimals and the score to 2, so the same figures always give the same stored numbers.
 *
 * No data (a rate whose denominator is 0) follows the rule's `whenNoData`:
 * - `exclude` (default): the indicator scores nothing and its weight leaves the total; the score is
 *   100 × points ÷ the weights of the indicators left in (re-normalised), and `noData` marks it.
 * - `full` / `zero`: the full weight or 0 points, as before `exclude` existed.
 * A unit none of whose rates has data and with no counted event (督办, 通报, 自处, 巡查上报) has no data at all: its
 * score is null and it is neither ranked nor put on the red or black list.
 */
import { COUNT_INDICATORS, type IndicatorFigure, type TicketIndicator } from '../statistics/ticket-figures.js';
import type { AssessmentIndicator, UnitFigures } from './assessment-indicators.js';
import type { SchemeIndicator, ScoringRule } from './scheme-rules.js';

export interface IndicatorScore {
  indicator: AssessmentIndicator;
  weight: number;
  numerator: number;
  denominator: number;
  /** A rate in [0, 1], a count, or null when a rate had no data. */
  value: number | null;
  /** Points out of `weight`; null when the indicator had no data and was left out. */
  points: number | null;
  /** True when a rate had no data (denominator 0), whatever its policy. */
  noData: boolean;
}

/** `score` is null when the unit had no data for any indicator (not ranked). */
export interface UnitScore { score: number | null; indicators: IndicatorScore[] }

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Points for one figure: linear between the thresholds, or the weight minus deductions; null = left out. */
export function scoreIndicator(rule: ScoringRule, weight: number, figure: IndicatorFigure): number | null {
  if (rule.kind === 'deduction') return Math.max(0, weight - rule.pointsPerEvent * figure.numerator);
  if (figure.value === null) {
    const policy = rule.whenNoData ?? 'exclude';
    if (policy === 'exclude') return null;
    return policy === 'full' ? weight : 0;
  }
  const share = (figure.value - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
  return weight * Math.min(1, Math.max(0, share));
}

/** A unit's score (0-100, or null for no data) and the breakdown behind it. */
/** `figures` holds at least the indicators the list weighs (the ticket ones, and the emergency ones when weighed). */
export function scoreUnit(indicators: readonly SchemeIndicator[], figures: Partial<UnitFigures>): UnitScore {
  let points = 0;
  let weights = 0;
  let hasData = false;
  let hasExcluded = false;
  const breakdown = indicators.map(({ indicator, weight, rule }) => {
    const figure = figures[indicator];
    if (!figure) throw new Error(`no figure for ${indicator}`);
    const earned = scoreIndicator(rule, weight, figure);
    const noData = rule.kind === 'linear' && figure.value === null;
    // A count is data only when something was counted: a unit with no tickets at all stays unranked.
    if (rule.kind === 'linear' && !COUNT_INDICATORS.includes(indicator as TicketIndicator) ? !noData : figure.numerator > 0) hasData = true;
    if (earned === null) hasExcluded = true;
    else {
      points += earned;
      weights += weight;
    }
    return {
      indicator, weight, numerator: figure.numerator, denominator: figure.denominator, value: figure.value,
      points: earned === null ? null : round(earned, 4), noData,
    };
  });
  if ((hasExcluded && !hasData) || weights === 0) return { score: null, indicators: breakdown };
  return { score: round((100 * points) / weights, 2), indicators: breakdown };
}
