/**
 * A scheme version's rules: per unit type, a list of indicators with a weight and a scoring rule.
 * The HTTP schema checks the shape; `validateSchemeRules` checks the meaning (known indicator,
 * rule fits the indicator, weights sum to 100) and names the exact place of the first problem,
 * e.g. `rules.department[2].rule.fullAt`.
 */
import { AppError } from '../../lib/app-error.js';
import {
  ASSESSED_UNIT_TYPES, INDICATOR_DIRECTION, isAssessmentIndicator, type AssessedUnitType, type AssessmentIndicator,
} from './assessment-indicators.js';

/**
 * What a rate with no data (denominator 0) does: `exclude` (the default) leaves the indicator out of
 * the unit's score, whose weights are re-normalised over the indicators that had data; a unit with
 * no data at all is not ranked. `full` (full marks: nothing went wrong) and `zero` score it.
 * Versions saved before `exclude` existed spell `full` or `zero` out, so they keep their behaviour.
 */
export const NO_DATA_POLICIES = { exclude: 'exclude', full: 'full', zero: 'zero' } as const;
export type NoDataPolicy = (typeof NO_DATA_POLICIES)[keyof typeof NO_DATA_POLICIES];

/**
 * Linear between two thresholds: `zeroAt` or worse scores 0, `fullAt` or better the full weight.
 * For a lower-is-better rate `fullAt` < `zeroAt` (e.g. return rate: 0 → full, 0.2 → 0). For a count
 * the unit earns (自处, 巡查上报) the thresholds are counts in the run's period (e.g. 0 → 0, 10 → full).
 */
export interface LinearRule { kind: 'linear'; zeroAt: number; fullAt: number; whenNoData: NoDataPolicy }
/** The weight minus `pointsPerEvent` per counted event (督办, 通报), never below 0. */
export interface DeductionRule { kind: 'deduction'; pointsPerEvent: number }
export type ScoringRule = LinearRule | DeductionRule;

export interface SchemeIndicator { indicator: AssessmentIndicator; weight: number; rule: ScoringRule }
export type SchemeRules = Partial<Record<AssessedUnitType, SchemeIndicator[]>>;

const WEIGHT_TOTAL = 100;
/** The largest threshold a count rule may name (a grid's reports in a year stay far below it). */
const MAX_COUNT_THRESHOLD = 100_000;
/** The largest threshold in minutes (a week): an acknowledgement slower than that scores nothing anyway. */
const MAX_MINUTES_THRESHOLD = 10_080;
const EPSILON = 1e-9;

function refuse(field: string, message: string, details?: Record<string, unknown>): never {
  throw new AppError('validation_failed', `${field}: ${message}`, { field, ...(details ? { details } : {}) });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function parseRule(indicator: AssessmentIndicator, raw: unknown, at: string): ScoringRule {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) refuse(at, 'must be an object with a kind');
  const rule = raw as Record<string, unknown>;
  const direction = INDICATOR_DIRECTION[indicator];
  if (rule.kind === 'linear') {
    const allowed = new Set(['kind', 'zeroAt', 'fullAt', 'whenNoData']);
    for (const key of Object.keys(rule)) if (!allowed.has(key)) refuse(`${at}.${key}`, 'is not a field of a linear rule');
    if (direction === 'count') refuse(`${at}.kind`, `${indicator} is a count: score it with a deduction rule`);
    for (const key of ['zeroAt', 'fullAt'] as const) {
      const value = rule[key];
      if (direction === 'lower_minutes') {
        if (!isFiniteNumber(value) || value < 0 || value > MAX_MINUTES_THRESHOLD) refuse(`${at}.${key}`, `must be minutes between 0 and ${MAX_MINUTES_THRESHOLD}`);
      } else if (direction === 'higher_count') {
        if (!isFiniteNumber(value) || value < 0 || value > MAX_COUNT_THRESHOLD) refuse(`${at}.${key}`, `must be a count between 0 and ${MAX_COUNT_THRESHOLD}`);
      } else if (!isFiniteNumber(value) || value < 0 || value > 1) refuse(`${at}.${key}`, 'must be a rate between 0 and 1');
    }
    const zeroAt = rule.zeroAt as number;
    const fullAt = rule.fullAt as number;
    if ((direction === 'higher_better' || direction === 'higher_count') && !(fullAt > zeroAt)) {
      refuse(`${at}.fullAt`, `higher ${indicator} is better, so fullAt must be above zeroAt (${zeroAt})`);
    }
    if ((direction === 'lower_better' || direction === 'lower_minutes') && !(fullAt < zeroAt)) {
      refuse(`${at}.fullAt`, `lower ${indicator} is better, so fullAt must be below zeroAt (${zeroAt})`);
    }
    const whenNoData = rule.whenNoData ?? NO_DATA_POLICIES.exclude;
    if (!Object.hasOwn(NO_DATA_POLICIES, whenNoData as string)) refuse(`${at}.whenNoData`, "must be 'exclude', 'full' or 'zero'");
    return { kind: 'linear', zeroAt, fullAt, whenNoData: whenNoData as NoDataPolicy };
  }
  if (rule.kind === 'deduction') {
    for (const key of Object.keys(rule)) if (key !== 'kind' && key !== 'pointsPerEvent') refuse(`${at}.${key}`, 'is not a field of a deduction rule');
    if (direction === 'higher_count') refuse(`${at}.kind`, `${indicator} is a count the unit earns: score it with a linear rule`);
    if (direction === 'lower_minutes') refuse(`${at}.kind`, `${indicator} is a time in minutes: score it with a linear rule`);
    if (direction !== 'count') refuse(`${at}.kind`, `${indicator} is a rate: score it with a linear rule`);
    const points = rule.pointsPerEvent;
    if (!isFiniteNumber(points) || points <= 0 || points > WEIGHT_TOTAL) refuse(`${at}.pointsPerEvent`, 'must be a number above 0 and at most 100');
    return { kind: 'deduction', pointsPerEvent: points };
  }
  return refuse(`${at}.kind`, "must be 'linear' or 'deduction'", { given: rule.kind ?? null });
}

/** Checks and normalises a scheme's rules; throws a 400 naming the first problem. */
export function validateSchemeRules(raw: unknown): SchemeRules {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) refuse('rules', 'must be an object keyed by unit type');
  const input = raw as Record<string, unknown>;
  const rules: SchemeRules = {};
  for (const [unitType, list] of Object.entries(input)) {
    if (!(ASSESSED_UNIT_TYPES as readonly string[]).includes(unitType)) {
      refuse(`rules.${unitType}`, `unknown unit type; use ${ASSESSED_UNIT_TYPES.join(', ')}`);
    }
    const at = `rules.${unitType}`;
    if (!Array.isArray(list) || list.length === 0) refuse(at, 'must list at least one indicator');
    const seen = new Set<string>();
    let total = 0;
    const parsed: SchemeIndicator[] = list.map((item: unknown, index) => {
      const itemAt = `${at}[${index}]`;
      if (typeof item !== 'object' || item === null) refuse(itemAt, 'must be { indicator, weight, rule }');
      const { indicator, weight, rule, ...rest } = item as Record<string, unknown>;
      const extra = Object.keys(rest)[0];
      if (extra) refuse(`${itemAt}.${extra}`, 'is not an allowed field');
      if (!isAssessmentIndicator(indicator)) refuse(`${itemAt}.indicator`, `unknown indicator '${String(indicator)}'`);
      if (seen.has(indicator)) refuse(`${itemAt}.indicator`, `${indicator} is listed twice`);
      seen.add(indicator);
      if (!isFiniteNumber(weight) || weight <= 0) refuse(`${itemAt}.weight`, 'must be a number above 0');
      total += weight;
      return { indicator, weight, rule: parseRule(indicator, rule, `${itemAt}.rule`) };
    });
    if (Math.abs(total - WEIGHT_TOTAL) > EPSILON) {
      refuse(at, `weights sum to ${Number(total.toFixed(6))}, not ${WEIGHT_TOTAL}`, { weightTotal: total });
    }
    rules[unitType as AssessedUnitType] = parsed;
  }
  if (Object.keys(rules).length === 0) refuse('rules', `must give indicators for at least one unit type (${ASSESSED_UNIT_TYPES.join(', ')})`);
  return rules;
}
