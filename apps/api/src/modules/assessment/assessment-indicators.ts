/**
 * What the assessment knows about each indicator: whether it is a rate or a count, and which way
 * is better. The ticket indicators are the statistics module's (`TicketIndicator`); the emergency
 * indicators (应急管理工作) the emergency-figures module's (`EmergencyIndicator`).
 */
import { UNIT_TYPES } from '@yixian/domain';
import type { EmergencyIndicator } from '../emergency-figures/emergency-indicators.js';
import type { IndicatorFigure, TicketIndicator } from '../statistics/ticket-figures.js';

/** Every indicator a scheme can weigh. */
export type AssessmentIndicator = TicketIndicator | EmergencyIndicator;
/** One unit's figure for every indicator. */
export type UnitFigures = Record<AssessmentIndicator, IndicatorFigure>;

export const INDICATOR_DIRECTIONS = {
  higher_better: 'higher_better',
  lower_better: 'lower_better',
  count: 'count',
  /** A count the unit earns (the grid's own work: 自处, 巡查上报): more is better. */
  higher_count: 'higher_count',
  /** Minutes (the median time to acknowledge an activation): fewer is better. */
  lower_minutes: 'lower_minutes',
} as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[keyof typeof INDICATOR_DIRECTIONS];

/**
 * Rates score on a `linear` rule (inverted when lower is better); counts against the unit (督办, 通报)
 * on a `deduction` rule; counts the unit earns on a `linear` rule whose thresholds are counts.
 */
export const INDICATOR_DIRECTION: Readonly<Record<AssessmentIndicator, IndicatorDirection>> = Object.freeze({
  on_time_sign: 'higher_better',
  on_time_completion: 'higher_better',
  satisfaction: 'higher_better',
  direct_answer: 'higher_better',
  mailbox_on_time: 'higher_better',
  return_rate: 'lower_better',
  redo_rate: 'lower_better',
  extension_rate: 'lower_better',
  supervision_count: 'count',
  notice_count: 'count',
  grid_settlement: 'higher_better',
  on_spot_count: 'higher_count',
  patrol_report_count: 'higher_count',
  activation_ack_rate: 'higher_better',
  activation_ack_minutes: 'lower_minutes',
  task_on_time: 'higher_better',
  warning_ack_rate: 'higher_better',
});

export const ASSESSMENT_INDICATORS = Object.keys(INDICATOR_DIRECTION) as AssessmentIndicator[];

export function isAssessmentIndicator(value: unknown): value is AssessmentIndicator {
  return typeof value === 'string' && Object.hasOwn(INDICATOR_DIRECTION, value);
}

/** The unit types a scheme can assess (the police desk is assessed elsewhere). */
export const ASSESSED_UNIT_TYPES = [UNIT_TYPES.department, UNIT_TYPES.street_office, UNIT_TYPES.grid_team] as const;
export type AssessedUnitType = (typeof ASSESSED_UNIT_TYPES)[number];
