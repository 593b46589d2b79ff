/**
 * The record ids behind each unit's emergency indicators for [from, to) (emergency-indicators.ts
 * says what each set is). Read straight from the incident, task and warning tables.
 */
import type { PrismaClient } from '@yixian/db';
import { EMERGENCY_INDICATORS, type UnitEmergencySets } from './emergency-indicators.js';

export interface EmergencySetQuery {
  from: Date;
  to: Date;
  /** Only these units; null or absent = every unit with a record. */
  unitIds?: string[] | null;
}

const MINUTE_MS = 60_000;

function emptySets(): UnitEmergencySets {
  const sets = {} as UnitEmergencySets;
  for (const indicator of EMERGENCY_INDICATORS) sets[indicator] = { numerator: [], denominator: [] };
  sets.activation_ack_minutes.minutes = [];
  return sets;
}

/** Per unit id, the sets of every emergency indicator (units asked for but without records get empty sets). */
export async function collectUnitEmergencySets(prisma: PrismaClient, query: EmergencySetQuery): Promise<Map<string, UnitEmergencySets>> {
  const unitFilter = query.unitIds ? { in: query.unitIds } : undefined;
  const [activations, tasks, recipients] = await Promise.all([
    prisma.incidentActivation.findMany({
      where: { createdAt: { gte: query.from, lt: query.to }, ...(unitFilter ? { unitId: unitFilter } : {}) },
      select: { id: true, unitId: true, createdAt: true, acknowledgedAt: true },
      orderBy: { id: 'asc' },
    }),
    prisma.incidentTask.findMany({
      where: { dueAt: { gte: query.from, lt: query.to }, state: { not: 'cancelled' }, ...(unitFilter ? { unitId: unitFilter } : {}) },
      select: { id: true, unitId: true, dueAt: true, doneAt: true },
      orderBy: { id: 'asc' },
    }),
    prisma.warningRecipient.findMany({
      where: { warning: { publishedAt: { gte: query.from, lt: query.to } } },
      select: { id: true, unitId: true, userId: true, acknowledgedAt: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  const userIds = [...new Set(recipients.flatMap((r) => (r.unitId || !r.userId ? [] : [r.userId])))];
  const userUnits = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, unitId: true } })).map((u) => [u.id, u.unitId]));

  const result = new Map<string, UnitEmergencySets>();
  for (const unitId of query.unitIds ?? []) result.set(unitId, emptySets());
  const setsOf = (unitId: string | null | undefined): UnitEmergencySets | null => {
    if (!unitId || (query.unitIds && !query.unitIds.includes(unitId))) return null;
    let sets = result.get(unitId);
    if (!sets) result.set(unitId, (sets = emptySets()));
    return sets;
  };

  for (const activation of activations) {
    const sets = setsOf(activation.unitId)!;
    sets.activation_ack_rate.denominator.push(activation.id);
    sets.activation_ack_minutes.denominator.push(activation.id);
    if (activation.acknowledgedAt) {
      sets.activation_ack_rate.numerator.push(activation.id);
      sets.activation_ack_minutes.numerator.push(activation.id);
      sets.activation_ack_minutes.minutes!.push(Math.max(0, (activation.acknowledgedAt.getTime() - activation.createdAt.getTime()) / MINUTE_MS));
    }
  }
  for (const task of tasks) {
    const sets = setsOf(task.unitId)!;
    sets.task_on_time.denominator.push(task.id);
    if (task.doneAt && task.doneAt <= task.dueAt) sets.task_on_time.numerator.push(task.id);
  }
  for (const recipient of recipients) {
    const sets = setsOf(recipient.unitId ?? (recipient.userId ? userUnits.get(recipient.userId) : null));
    if (!sets) continue;
    sets.warning_ack_rate.denominator.push(recipient.id);
    if (recipient.acknowledgedAt) sets.warning_ack_rate.numerator.push(recipient.id);
  }
  return result;
}
