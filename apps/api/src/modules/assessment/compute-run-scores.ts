/**
 * The one click's arithmetic: every assessed unit's figures for the period (one set-based pass of
 * the statistics module's `computeUnitTicketFigures`, and, when the rules weigh any, the
 * emergency-figures module's `computeUnitEmergencyFigures`), scored under the scheme version's rules and
 * ranked per unit type. Deterministic for a given period, rules and `asOf`, which is what makes a
 * run reproducible.
 */
import type { PrismaClient } from '@yixian/db';
import { computeUnitTicketFigures } from '../statistics/ticket-figures.js';
import { computeUnitEmergencyFigures } from '../emergency-figures/compute-unit-emergency-figures.js';
import { isEmergencyIndicator } from '../emergency-figures/emergency-indicators.js';
import { ASSESSED_UNIT_TYPES, type AssessedUnitType, type UnitFigures } from './assessment-indicators.js';
import { rankScores } from './rank-scores.js';
import type { SchemeRules } from './scheme-rules.js';
import { scoreUnit, type IndicatorScore } from './score-unit.js';

export interface ScoreRow {
  unitId: string;
  unitCode: string;
  unitType: AssessedUnitType;
  /** Null: no data for any indicator (not ranked). */
  score: number | null;
  rank: number | null;
  indicators: IndicatorScore[];
}

/**
 * "Now" for a run: deadlines after it have not been missed yet. A finished period uses its end,
 * so a run made any time after the period gives the same figures.
 */
export function resolveAsOf(computedAt: Date, periodTo: Date): Date {
  return computedAt < periodTo ? computedAt : periodTo;
}

/** Scores every active unit of the unit types the rules cover; units without data are left unranked (score-unit.ts). */
export async function computeRunScores(
  prisma: PrismaClient,
  options: { rules: SchemeRules; from: Date; to: Date; asOf: Date },
): Promise<ScoreRow[]> {
  const unitTypes = ASSESSED_UNIT_TYPES.filter((type) => options.rules[type]);
  const units = await prisma.unit.findMany({
    where: { type: { in: unitTypes }, active: true },
    select: { id: true, code: true, type: true },
    orderBy: { code: 'asc' },
  });
  const unitIds = units.map((unit) => unit.id);
  const weighsEmergency = unitTypes.some((type) => options.rules[type]!.some((item) => isEmergencyIndicator(item.indicator)));
  const [ticketFigures, emergencyFigures] = await Promise.all([
    computeUnitTicketFigures(prisma, { from: options.from, to: options.to, now: options.asOf, unitIds }),
    weighsEmergency ? computeUnitEmergencyFigures(prisma, { from: options.from, to: options.to, unitIds }) : null,
  ]);
  const figures = new Map<string, Partial<UnitFigures>>(unitIds.map((unitId) => [
    unitId, { ...ticketFigures.get(unitId)!, ...emergencyFigures?.get(unitId) }, 
  ]));
  const rows: ScoreRow[] = [];
  for (const unitType of unitTypes) {
    const indicators = options.rules[unitType]!;
    const scored = units
      .filter((unit) => unit.type === unitType)
      .map((unit) => {
        const unitFigures = figures.get(unit.id);
        if (!unitFigures) throw new Error(`figures missing for unit ${unit.id}`);
        const { score, indicators: breakdown } = scoreUnit(indicators, unitFigures);
        return { unitId: unit.id, unitCode: unit.code, unitType, score, indicators: breakdown };
      });
    rows.push(...rankScores(scored));
  }
  return rows;
}
