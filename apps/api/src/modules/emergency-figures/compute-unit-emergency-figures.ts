/**
 * Each unit's emergency indicators (emergency-indicators.ts) as figures the assessment scores:
 * numerator and denominator are the sizes of the sets, the value a share or the median minutes.
 */
import type { PrismaClient } from '@yixian/db';
import { collectUnitEmergencySets } from './collect-unit-emergency-sets.js';
import { computeEmergencyValue, EMERGENCY_INDICATORS, type EmergencyIndicator } from './emergency-indicators.js';

export type UnitEmergencyFigures = Record<EmergencyIndicator, { numerator: number; denominator: number; value: number | null }>;

export async function computeUnitEmergencyFigures(
  prisma: PrismaClient,
  query: { from: Date; to: Date; unitIds: string[] },
): Promise<Map<string, UnitEmergencyFigures>> {
  const sets = await collectUnitEmergencySets(prisma, query);
  const result = new Map<string, UnitEmergencyFigures>();
  for (const [unitId, unitSets] of sets) {
    const figures = {} as UnitEmergencyFigures;
    for (const indicator of EMERGENCY_INDICATORS) figures[indicator] = computeEmergencyValue(indicator, unitSets[indicator]);
    result.set(unitId, figures);
  }
  return result;
}
