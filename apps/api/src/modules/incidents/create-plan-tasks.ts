/**
 * Which tasks a response plan gives when it activates units: a task naming a unit goes to that unit,
 * one naming a tier to each unit of that tier, one naming neither to each unit the entry activates —
 * only units newly activated by this application, so re-applying a plan never repeats a task. The
 * tasks are written by the incident-tasks module (`createPlanTasks`: trail entry, notice, push).
 */
import type { Incident, Prisma } from '@yixian/db';
import { createPlanTasks as writePlanTasks } from '../incident-tasks/create-task.js';
import type { PlanEntry } from '../response-plans/plan-rules.js';

export interface ActivatedUnit { id: string; linkageTier: number | null }

interface PlanTask { unitId: string; title: string; dueMinutes: number }

function planTasksFor(entries: readonly PlanEntry[], newUnits: readonly ActivatedUnit[]): PlanTask[] {
  const tasks: PlanTask[] = [];
  const isNew = new Set(newUnits.map((unit) => unit.id));
  for (const entry of entries) {
    const entryUnits = newUnits.filter((unit) => entry.unitIds.includes(unit.id) || (unit.linkageTier !== null && entry.tiers.includes(unit.linkageTier)));
    for (const task of entry.tasks) {
      const targets = task.unitId ? (isNew.has(task.unitId) ? [task.unitId] : [])
        : task.tier !== undefined ? entryUnits.filter((unit) => unit.linkageTier === task.tier).map((unit) => unit.id)
        : entryUnits.map((unit) => unit.id);
      for (const unitId of targets) {
        if (!tasks.some((row) => row.unitId === unitId && row.title === task.title)) tasks.push({ unitId, title: task.title, dueMinutes: task.dueMinutes });
      }
    }
  }
  return tasks;
}

export async function createPlanTasks(
  tx: Prisma.TransactionClient,
  incident: Pick<Incident, 'id' | 'code'>,
  entries: readonly PlanEntry[],
  newUnits: readonly ActivatedUnit[],
  input: { now: Date; createdById: string | null },
): Promise<number> {
  const tasks = planTasksFor(entries, newUnits);
  return (await writePlanTasks(tx, incident, tasks, { now: input.now, createdById: input.createdById })).length;
}
