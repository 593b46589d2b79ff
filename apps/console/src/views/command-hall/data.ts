/**
 * Pure helpers of the command hall: level colours, the task board's columns, the trail's words,
 * what a live push asks to re-read.
 */
import type { CommandHall, HallTask } from '#/api/command-hall';

/** Incident level → marker colour: I red, II orange, III yellow, IV blue (the national colours). */
export const LEVEL_COLOURS: Readonly<Record<string, string>> = { I: '#ef4444', II: '#f97316', III: '#facc15', IV: '#3b82f6' };

/** The task board's columns, in the order work moves. */
export const TASK_COLUMNS = ['assigned', 'signed', 'in_progress', 'done'] as const;

export function groupTasks(tasks: readonly HallTask[]): Record<(typeof TASK_COLUMNS)[number], HallTask[]> {
  const board = { assigned: [], signed: [], in_progress: [], done: [] } as Record<(typeof TASK_COLUMNS)[number], HallTask[]>;
  for (const task of tasks) if ((TASK_COLUMNS as readonly string[]).includes(task.state)) board[task.state as (typeof TASK_COLUMNS)[number]].push(task);
  return board;
}

/** Acknowledged / activated over every open incident. */
export function countAcknowledged(hall: Pick<CommandHall, 'incidents'>): { acknowledged: number; total: number } {
  const all = hall.incidents.flatMap((incident) => incident.activations);
  return { acknowledged: all.filter((a) => a.acknowledgedAt !== null).length, total: all.length };
}

/** The locale key of a trail action (incident.trail.actions), `other` for an act it has no word for. */
export function trailActionKey(action: string, known: (key: string) => boolean): string {
  const candidates = [action, action.replace(/^resource_/, 'allocation_')];
  for (const candidate of candidates) if (known(`incident.trail.actions.${candidate}`)) return `incident.trail.actions.${candidate}`;
  return 'incident.trail.actions.other';
}

/** A rate as a whole percentage, or a dash. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** A quantity without needless decimals (12.5 t, 3 trips). */
export function formatQuantity(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** What a frame on `incidents` asks the hall to do: re-read the hall (every kind) — with its type for the test hooks. */
export function isHallPush(payload: unknown): boolean {
  const type = (payload as { type?: unknown } | null)?.type;
  return type === 'incident.changed' || type === 'warning.changed' || type === 'duty.gap' || type === 'incident.activation';
}
