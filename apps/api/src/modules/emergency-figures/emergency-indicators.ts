/**
 * The per-unit emergency indicators (应急管理工作) that the statistics page shows and assessment
 * schemes can weigh. Like the ticket indicators each is two sets of record ids per unit, so the
 * records listed behind a figure recompute it:
 *
 * - `activation_ack_rate`: activations of the unit created in the period (denominator) and those
 *   acknowledged (numerator, whenever the acknowledgement came).
 * - `activation_ack_minutes`: the median minutes from activation to acknowledgement over the
 *   acknowledged ones (numerator), of the activations created in the period (denominator); lower is better.
 * - `task_on_time`: tasks of the unit due in the period and not cancelled (denominator), done by
 *   their due time (numerator).
 * - `warning_ack_rate`: the unit's recipient rows (the unit itself, or its users) of warnings
 *   published in the period (denominator), acknowledged (numerator).
 */
export const EMERGENCY_INDICATORS = ['activation_ack_rate', 'activation_ack_minutes', 'task_on_time', 'warning_ack_rate'] as const;
export type EmergencyIndicator = (typeof EMERGENCY_INDICATORS)[number];

export function isEmergencyIndicator(value: unknown): value is EmergencyIndicator {
  return typeof value === 'string' && (EMERGENCY_INDICATORS as readonly string[]).includes(value);
}

/** Which records an indicator's ids name (for the drill-down). */
export const EMERGENCY_INDICATOR_RECORDS: Readonly<Record<EmergencyIndicator, 'activation' | 'task' | 'warning_recipient'>> = Object.freeze({
  activation_ack_rate: 'activation',
  activation_ack_minutes: 'activation',
  task_on_time: 'task',
  warning_ack_rate: 'warning_recipient',
});

export interface EmergencySets {
  numerator: string[];
  denominator: string[];
  /** Minutes from activation to acknowledgement of each numerator id (activation_ack_minutes only). */
  minutes?: number[];
}

export type UnitEmergencySets = Record<EmergencyIndicator, EmergencySets>;

/** The median of a list (null when empty), to 2 decimals. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 100) / 100;
}

/** A share (null when nothing was counted). */
export function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** One indicator's figure from its sets: a share, or the median minutes. */
export function computeEmergencyValue(indicator: EmergencyIndicator, sets: EmergencySets): { numerator: number; denominator: number; value: number | null } {
  const numerator = sets.numerator.length;
  const denominator = sets.denominator.length;
  const value = indicator === 'activation_ack_minutes' ? median(sets.minutes ?? []) : share(numerator, denominator);
  return { numerator, denominator, value };
}
