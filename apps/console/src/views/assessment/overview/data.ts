/**
 * Pure helpers of the assessment page: periods, figure formatting, and the scheme editor's draft
 * (a checked copy of a version's rules). The server checks the rules again and names any problem.
 */
import {
  ASSESSED_UNIT_TYPES, type AssessedUnitType, type AssessmentIndicator, type PeriodInput, type RunHeader, type SchemeIndicator,
  type NoDataPolicy, type SchemeRules, type ScoringRule, type UnitScoreView,
} from '#/api/assessment';

/** Counts against the unit (督办, 通报): scored by deduction. */
export const COUNT_INDICATORS: readonly AssessmentIndicator[] = ['supervision_count', 'notice_count'];
/** Counts the unit earns (自处, 巡查上报): scored linearly, the thresholds being counts in the period. */
export const EARNED_COUNT_INDICATORS: readonly AssessmentIndicator[] = ['on_spot_count', 'patrol_report_count'];
export const LOWER_BETTER_INDICATORS: readonly AssessmentIndicator[] = ['return_rate', 'redo_rate', 'extension_rate'];
/** Minutes (the median time to acknowledge an activation): fewer is better, thresholds in minutes. */
export const MINUTES_INDICATORS: readonly AssessmentIndicator[] = ['activation_ack_minutes'];
/** The emergency work (应急管理): drilled down to activations, tasks and warning recipients, not tickets. */
export const EMERGENCY_INDICATORS: readonly AssessmentIndicator[] = ['activation_ack_rate', 'activation_ack_minutes', 'task_on_time', 'warning_ack_rate'];
export const isMinutes = (indicator: AssessmentIndicator) => MINUTES_INDICATORS.includes(indicator);

export const isCountIndicator = (indicator: AssessmentIndicator) => COUNT_INDICATORS.includes(indicator) || EARNED_COUNT_INDICATORS.includes(indicator);
export const isEarnedCount = (indicator: AssessmentIndicator) => EARNED_COUNT_INDICATORS.includes(indicator);

/** A rate as a percentage with one decimal, a count as is, no data as a dash. */
export function formatIndicatorValue(indicator: AssessmentIndicator, value: number | null): string {
  if (value === null) return '—';
  if (isCountIndicator(indicator)) return String(value);
  if (isMinutes(indicator)) return String(Math.round(value * 10) / 10);
  return `${(value * 100).toFixed(1)}%`;
}

/** The locale key naming each no-data policy. */
export const NO_DATA_LABELS: Readonly<Record<NoDataPolicy, string>> = {
  exclude: 'assessment.scheme.noDataExclude', full: 'assessment.scheme.noDataFull', zero: 'assessment.scheme.noDataZero',
};

/** Whether a ranked unit's score left some indicators out for lack of data (re-normalised). */
export function hasPartialData(unit: Pick<UnitScoreView, 'score' | 'indicators'>): boolean {
  return unit.score !== null && unit.indicators.some((item) => item.noData && item.points === null);
}

/** The request's period from the picker; fields the kind does not use are left out. */
export function buildPeriod(kind: PeriodInput['kind'], year: number, part: number): PeriodInput {
  if (kind === 'month') return { kind, year, month: part };
  if (kind === 'half_year') return { kind, year, half: part };
  return { kind, year };
}

/** `2026-02`, `2026-H1` or `2026`, the same labels as the export file names. */
export function formatPeriod(period: RunHeader['period']): string {
  if (period.kind === 'month') return `${period.year}-${String(period.number).padStart(2, '0')}`;
  if (period.kind === 'half_year') return `${period.year}-H${period.number}`;
  return String(period.year);
}

/** The previous full month: the period a supervisor assesses most often. */
export function defaultPeriod(now: Date): { kind: PeriodInput['kind']; year: number; part: number } {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const month = local.getUTCMonth();
  return month === 0 ? { kind: 'month', year: local.getUTCFullYear() - 1, part: 12 } : { kind: 'month', year: local.getUTCFullYear(), part: month };
}

/** A sensible rule for an indicator just added in the editor. */
export function defaultRule(indicator: AssessmentIndicator): ScoringRule {
  if (isEarnedCount(indicator)) return { kind: 'linear', zeroAt: 0, fullAt: 10, whenNoData: 'exclude' };
  if (isMinutes(indicator)) return { kind: 'linear', zeroAt: 30, fullAt: 5, whenNoData: 'exclude' };
  if (isCountIndicator(indicator)) return { kind: 'deduction', pointsPerEvent: indicator === 'notice_count' ? 5 : 2 };
  if (LOWER_BETTER_INDICATORS.includes(indicator)) return { kind: 'linear', zeroAt: 0.2, fullAt: 0, whenNoData: 'exclude' };
  if (indicator === 'grid_settlement') return { kind: 'linear', zeroAt: 0.5, fullAt: 0.7, whenNoData: 'exclude' };
  return { kind: 'linear', zeroAt: 0.6, fullAt: 0.95, whenNoData: 'exclude' };
}

export type SchemeDraft = Record<AssessedUnitType, SchemeIndicator[]>;

/** An editable deep copy of a version's rules, every unit type present (empty = not assessed). */
export function toDraft(rules: SchemeRules): SchemeDraft {
  const draft = {} as SchemeDraft;
  for (const type of ASSESSED_UNIT_TYPES) draft[type] = (rules[type] ?? []).map((item) => ({ ...item, rule: { ...item.rule } }));
  return draft;
}

/** The rules to send: unit types without indicators are left out. */
export function fromDraft(draft: SchemeDraft): SchemeRules {
  const rules: SchemeRules = {};
  for (const type of ASSESSED_UNIT_TYPES) if (draft[type].length > 0) rules[type] = draft[type];
  return rules;
}

export function sumWeights(list: readonly SchemeIndicator[]): number {
  return Math.round(list.reduce((total, item) => total + (Number.isFinite(item.weight) ? item.weight : 0), 0) * 1e6) / 1e6;
}

/** Unit types whose weights do not add up to 100 (the save button stays off until none are left). */
export function findWeightProblems(draft: SchemeDraft): { unitType: AssessedUnitType; total: number }[] {
  return ASSESSED_UNIT_TYPES.filter((type) => draft[type].length > 0 && sumWeights(draft[type]) !== 100)
    .map((unitType) => ({ unitType, total: sumWeights(draft[unitType]) }));
}

/** Indicators not yet listed for a unit type (the editor's "add" menu). */
export function listAddableIndicators(list: readonly SchemeIndicator[], all: readonly AssessmentIndicator[]): AssessmentIndicator[] {
  return all.filter((indicator) => !list.some((item) => item.indicator === indicator));
}
