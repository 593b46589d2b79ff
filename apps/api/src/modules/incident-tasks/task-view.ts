/**
 * A task as the API answers it: its incident and unit by name, whether it is overdue now, and its
 * progress — the `task_progress` and `task_done` entries of the incident's trail, each with its
 * text, time, author and the photos bound to it. Loaded for many tasks in a fixed number of queries.
 */
import type { IncidentTask, PrismaClient } from '@yixian/db';
import { TASK_STATES } from '@yixian/domain';
import { TASK_TRAIL_ACTIONS } from './task-effects.js';

export interface TaskAttachmentView { id: string; fileName: string; contentType: string; width: number | null; height: number | null }
export interface TaskProgressView { text: string; at: string; by: { id: string; name: string } | null; done: boolean; attachments: TaskAttachmentView[] }

export interface TaskView {
  id: string;
  incident: { id: string; code: string; title: string };
  unit: { id: string; name: string };
  title: string;
  description: string;
  state: string;
  dueAt: string;
  overdue: boolean;
  signedAt: string | null;
  doneAt: string | null;
  progress: TaskProgressView[];
  version: number;
}

const OPEN: readonly string[] = [TASK_STATES.assigned, TASK_STATES.signed, TASK_STATES.in_progress];

export function isTaskOverdue(task: Pick<IncidentTask, 'state' | 'dueAt'>, now: Date): boolean {
  return OPEN.includes(task.state) && task.dueAt <= now;
}

export async function presentTasks(prisma: PrismaClient, tasks: readonly IncidentTask[], now: Date): Promise<TaskView[]> {
  if (tasks.length === 0) return [];
  const incidentIds = [...new Set(tasks.map((task) => task.incidentId))];
  const taskIds = new Set(tasks.map((task) => task.id));
  const [incidents, units, events] = await Promise.all([
    prisma.incident.findMany({ where: { id: { in: incidentIds } }, select: { id: true, code: true, title: true } }),
    prisma.unit.findMany({ where: { id: { in: [...new Set(tasks.map((task) => task.unitId))] } }, select: { id: true, name: true } }),
    prisma.incidentEvent.findMany({
      where: { incidentId: { in: incidentIds }, action: { in: [TASK_TRAIL_ACTIONS.progress, TASK_TRAIL_ACTIONS.done] } },
      orderBy: { id: 'asc' },
    }),
  ]);
  const mine = events.filter((event) => taskIds.has((event.data as { taskId?: string }).taskId ?? ''));
  const [people, attachments] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: [...new Set(mine.flatMap((event) => (event.actorId ? [event.actorId] : [])))] } }, select: { id: true, displayName: true } }),
    mine.length ? prisma.incidentAttachment.findMany({ where: { eventId: { in: mine.map((event) => event.id) } }, orderBy: { createdAt: 'asc' } }) : [],
  ]);
  const incidentOf = new Map(incidents.map((incident) => [incident.id, incident]));
  const unitOf = new Map(units.map((unit) => [unit.id, unit]));
  const nameOf = new Map(people.map((user) => [user.id, user.displayName]));
  return tasks.map((task) => ({
    id: task.id,
    incident: incidentOf.get(task.incidentId) ?? { id: task.incidentId, code: '', title: '' },
    unit: unitOf.get(task.unitId) ?? { id: task.unitId, name: task.unitId },
    title: task.title,
    description: task.description,
    state: task.state,
    dueAt: task.dueAt.toISOString(),
    overdue: isTaskOverdue(task, now),
    signedAt: task.signedAt?.toISOString() ?? null,
    doneAt: task.doneAt?.toISOString() ?? null,
    progress: mine.filter((event) => (event.data as { taskId?: string }).taskId === task.id).map((event) => ({
      text: event.reason ?? '',
      at: event.at.toISOString(),
      by: event.actorId ? { id: event.actorId, name: nameOf.get(event.actorId) ?? '' } : null,
      done: event.action === TASK_TRAIL_ACTIONS.done,
      attachments: attachments.filter((row) => row.eventId === event.id).map((row) => ({
        id: row.id, fileName: row.fileName, contentType: row.contentType, width: row.width, height: row.height,
      })),
    })),
    version: task.version,
  }));
}
