/**
 * The emergency figures (应急管理) of a period: the incident figures, per linkage unit its
 * acknowledgement, task and warning figures, the totals over those units, and what was dispatched.
 * One function for the statistics route, the monthly report and the command hall.
 */
import type { PrismaClient } from '@yixian/db';
import { collectUnitEmergencySets } from './collect-unit-emergency-sets.js';
import { computeIncidentFigures } from './compute-incident-figures.js';
import { computeResourceTotals } from './compute-resource-totals.js';
import { median, share, type UnitEmergencySets } from './emergency-indicators.js';

export interface EmergencyFigureQuery {
  from: Date;
  to: Date;
  /** "Now" for reports still owed (the app clock). */
  now: Date;
  /** null = the whole district; otherwise only these units' part. */
  unitIds: string[] | null;
}

function sumUp(sets: UnitEmergencySets[], outcomes: { escalated: number; unreached: number }) {
  const count = (pick: (s: UnitEmergencySets) => string[]) => sets.reduce((total, s) => total + pick(s).length, 0);
  const activations = count((s) => s.activation_ack_rate.denominator);
  const acknowledged = count((s) => s.activation_ack_rate.numerator);
  const due = count((s) => s.task_on_time.denominator);
  const onTime = count((s) => s.task_on_time.numerator);
  const recipients = count((s) => s.warning_ack_rate.denominator);
  const acked = count((s) => s.warning_ack_rate.numerator);
  return {
    activations: {
      total: activations, acknowledged, ackRate: share(acknowledged, activations),
      medianAckMinutes: median(sets.flatMap((s) => s.activation_ack_minutes.minutes ?? [])), ...outcomes,
    },
    tasks: { due, onTime, onTimeRate: share(onTime, due) },
    warnings: { recipients, acknowledged: acked, ackRate: share(acked, recipients) },
  };
}

async function countOutcomes(prisma: PrismaClient, query: EmergencyFigureQuery) {
  const rows = await prisma.incidentActivation.findMany({
    where: {
      createdAt: { gte: query.from, lt: query.to }, OR: [{ escalatedAt: { not: null } }, { state: 'unreached' }],
      ...(query.unitIds ? { unitId: { in: query.unitIds } } : {}),
    },
    select: { unitId: true, escalatedAt: true, state: true },
  });
  const byUnit = new Map<string, { escalated: number; unreached: number }>();
  for (const row of rows) {
    const outcome = byUnit.get(row.unitId) ?? { escalated: 0, unreached: 0 };
    if (row.escalatedAt) outcome.escalated += 1;
    if (row.state === 'unreached') outcome.unreached += 1;
    byUnit.set(row.unitId, outcome);
  }
  return byUnit;
}

export type EmergencyFigures = Awaited<ReturnType<typeof buildEmergencyFigures>>;

export async function buildEmergencyFigures(prisma: PrismaClient, query: EmergencyFigureQuery) {
  const [incidents, unitSets, outcomes, resources] = await Promise.all([
    computeIncidentFigures(prisma, query),
    collectUnitEmergencySets(prisma, { from: query.from, to: query.to, unitIds: query.unitIds }),
    countOutcomes(prisma, query),
    computeResourceTotals(prisma, query),
  ]);
  const units = await prisma.unit.findMany({
    where: { id: { in: [...unitSets.keys()] } },
    select: { id: true, code: true, name: true, nameEn: true, linkageTier: true },
  });
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const rows = [...unitSets]
    .filter(([unitId]) => byId.has(unitId))
    .map(([unitId, sets]) => {
      const unit = byId.get(unitId)!;
      return {
        unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, tier: unit.linkageTier },
        code: unit.code,
        ...sumUp([sets], outcomes.get(unitId) ?? { escalated: 0, unreached: 0 }),
      };
    })
    .sort((a, b) => (a.unit.tier ?? 9) - (b.unit.tier ?? 9) || a.code.localeCompare(b.code))
    .map(({ code: _code, ...row }) => row);
  const totalOutcomes = { escalated: 0, unreached: 0 };
  for (const outcome of outcomes.values()) {
    totalOutcomes.escalated += outcome.escalated;
    totalOutcomes.unreached += outcome.unreached;
  }
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    incidents,
    ...sumUp([...unitSets.values()], totalOutcomes),
    resources,
    units: rows,
  };
}
