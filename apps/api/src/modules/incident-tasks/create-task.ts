/**
 * Giving a unit a task on an incident: by the commander or a dispatcher (`POST
 * /api/incidents/:id/tasks`), or by the response plan when the incident is filed
 * (`createPlanTasks`, inside the filing's transaction). Each task writes a `task_assigned` trail
 * entry, an inbox entry with a text message for the unit (`incident_task`), and a live push.
 */
import type { Incident, IncidentTask, Prisma, PrismaClient } from '@yixian/db';
import { INCIDENT_STATES, TASK_STATES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { formatDue } from '../notifications/name-notified-ticket.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';
import { pushIncidentChanged, recordTaskEvent, TASK_TRAIL_ACTIONS } from './task-effects.js';

/** Incidents that take new tasks: filed and being responded to. */
const TASKABLE: readonly string[] = [INCIDENT_STATES.filed, INCIDENT_STATES.responding];

export interface NewTask { unitId: string; title: string; description?: string; dueAt: Date }

interface TaskActor { id: string | null; role: string }

/** Writes one task with its trail entry, notice and push (no checks: the callers made them). */
async function writeTask(tx: Prisma.TransactionClient, incident: Pick<Incident, 'id' | 'code'>, task: NewTask, actor: TaskActor, now: Date): Promise<IncidentTask> {
  const created = await tx.incidentTask.create({
    data: {
      incidentId: incident.id, unitId: task.unitId, title: task.title, description: task.description ?? '', state: TASK_STATES.assigned,
      dueAt: task.dueAt, createdById: actor.id, createdAt: now,
    },
  });
  const event = await recordTaskEvent(tx, {
    incidentId: incident.id, action: TASK_TRAIL_ACTIONS.assigned, actorId: actor.id, actorRole: actor.role, unitId: task.unitId,
    data: { taskId: created.id, title: created.title, dueAt: created.dueAt.toISOString() }, at: now,
  });
  await notify(tx, { unitId: task.unitId }, {
    ticketId: null, kind: NOTIFICATION_KINDS.incident_task, dedupeKey: `incident-task-${created.id}`, sms: true,
    title: `应急任务：${incident.code} ${created.title}`.slice(0, 200), body: `期限 ${formatDue(created.dueAt)}，请签收`,
  });
  await pushIncidentChanged(tx, incident.id, `e${event.id}`);
  return created;
}

export async function createTask(prisma: PrismaClient, actor: Actor & { actingRole: string }, incidentId: string, input: NewTask, now: Date): Promise<IncidentTask> {
  const title = input.title.trim();
  if (title.length === 0) throw new AppError('validation_failed', 'A task needs a title', { field: 'title' });
  if (!(input.dueAt > now)) throw new AppError('validation_failed', 'The deadline must be in the future', { field: 'dueAt', details: { reason: 'due_in_past' } });
  return prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!incident) throw new AppError('not_found', `No incident ${incidentId}`, { field: 'id' });
    if (!TASKABLE.includes(incident.state)) {
      throw new AppError('conflict', `Tasks are given on a filed or responding incident; ${incident.code} is ${incident.state}`, { details: { reason: 'incident_state', state: incident.state } });
    }
    const unit = await tx.unit.findUnique({ where: { id: input.unitId }, select: { id: true, name: true, active: true } });
    if (!unit || !unit.active) throw new AppError('validation_failed', `No active unit ${input.unitId}`, { field: 'unitId' });
    const activation = await tx.incidentActivation.findUnique({ where: { incidentId_unitId: { incidentId, unitId: unit.id } } });
    if (!activation) {
      throw new AppError('conflict', `${unit.name} is not activated on ${incident.code}: activate it first`, { field: 'unitId', details: { reason: 'not_activated' } });
    }
    return writeTask(tx, incident, { ...input, title, description: input.description?.trim() ?? '' }, { id: actor.id, role: actor.actingRole }, now);
  });
}

/**
 * The plan's tasks for the units it activated, inside the filing's transaction: each `{ unitId,
 * title, dueMinutes }` becomes a task due `dueMinutes` after `now`, with its trail entry, notice and push.
 */
export async function createPlanTasks(
  tx: Prisma.TransactionClient, incident: Pick<Incident, 'id' | 'code'>,
  planTasks: readonly { unitId: string; title: string; dueMinutes: number }[], input: { now: Date; createdById: string | null; actorRole?: string },
): Promise<IncidentTask[]> {
  const created: IncidentTask[] = [];
  for (const task of planTasks) {
    created.push(await writeTask(tx, incident, { unitId: task.unitId, title: task.title, dueAt: new Date(input.now.getTime() + task.dueMinutes * 60_000) }, { id: input.createdById, role: input.actorRole ?? 'system' }, input.now));
  }
  return created;
}
