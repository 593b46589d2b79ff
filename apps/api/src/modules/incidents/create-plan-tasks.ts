/**
 * The tasks a response plan creates when it activates units: a task naming a unit goes to that unit,
 * one naming a tier to each unit of that tier, one naming neither to each unit the entry activates —
 * only units newly activated by this application, so re-applying a plan never repeats a task.
 * The incident-tasks module's `createPlanTasks` (helper "duty") may replace this.
 */
import type { Prisma } from '@yixian/db';
import type { PlanEntry } from '../response-plans/plan-rules.js';

export interface ActivatedUnit { id: string; linkageTier: number | null }

export async function createPlanTasks(
  tx: Prisma.TransactionClient,
  incident: { id: string },
  entries: readonly PlanEntry[],
  newUnits: readonly ActivatedUnit[],
  input: { now: Date; createdById: string | null },
): Promise<number> {
  const rows: Prisma.IncidentTaskCreateManyInput[] = [];
  const isNew = new Map(newUnits.map((unit) => [unit.id, unit]));
  for (const entry of entries) {
    const entryUnits = newUnits.filter((unit) => entry.unitIds.includes(unit.id) || (unit.linkageTier !== null && entry.tiers.includes(unit.linkageTier)));
    for (const task of entry.tasks) {
      const targets = task.unitId ? (isNew.has(task.unitId) ? [task.unitId] : [])
        : task.tier !== undefined ? entryUnits.filter((unit) => unit.linkageTier === task.tier).map((unit) => unit.id)
        : entryUnits.map((unit) => unit.id);
      for (const unitId of targets) {
        if (rows.some((row) => row.unitId === unitId && row.title === task.title)) continue;
        rows.push({
          incidentId: incident.id, unitId, title: task.title, state: 'assigned',
          dueAt: new Date(input.now.getTime() + task.dueMinutes * 60_000), createdById: input.createdById, createdAt: input.now,
        });
      }
    }
  }
  if (rows.length > 0) await tx.incidentTask.createMany({ data: rows });
  return rows.length;
}
