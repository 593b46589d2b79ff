/**
 * Pure scoring: one unit's figures under one unit type's indicator list. Points are kept to
 * 4 decimals and the score to 2, so the same figures always give the same stored numbers.
 */
import type { IndicatorFigure, TicketIndicator, UnitTicketFigures } from '../statistics/ticket-figures.js';
import type { SchemeIndicator, ScoringRule } from './scheme-rules.js';

export interface IndicatorScore {
  indicator: TicketIndicator;
  weight: number;
  numerator: number;
  denominator: number;
  /** A rate in [0, 1], a count, or null when a rate had no data. */
  value: number | null;
  points: number;
}

export interface UnitScore { score: number; indicators: IndicatorScore[] }

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Points for one figure: linear between the thresholds, or the weight minus deductions. */
export function scoreIndicator(rule: ScoringRule, weight: number, figure: IndicatorFigure): number {
  if (rule.kind === 'deduction') return Math.max(0, weight - rule.pointsPerEvent * figure.numerator);
  if (figure.value === null) return rule.whenNoData === 'full' ? weight : 0;
  const share = (figure.value - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
  return weight * Math.min(1, Math.max(0, share));
}

/** A unit's score (0-100) and the breakdown behind it. */
export function scoreUnit(indicators: readonly SchemeIndicator[], figures: UnitTicketFigures): UnitScore {
  let total = 0;
  const breakdown = indicators.map(({ indicator, weight, rule }) => {
    const figure = figures[indicator];
    const points = scoreIndicator(rule, weight, figure);
    total += points;
    return { indicator, weight, numerator: figure.numerator, denominator: figure.denominator, value: figure.value, points: round(points, 4) };
  });
  return { score: round(total, 2), indicators: breakdown };
}
