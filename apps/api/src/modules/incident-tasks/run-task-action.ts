/**
 * The acts on a task, each from the version the caller read (409 `stale` otherwise):
 *   sign      assigned → signed                      the unit
 *   start     assigned | signed → in_progress        the unit (signs too when not yet signed)
 *   progress  signed | in_progress → in_progress     the unit: { text, attachmentIds? }
 *   done      signed | in_progress → done            the unit: { text, attachmentIds? }
 *   cancel    assigned | signed | in_progress → cancelled   the centre: { reason }
 * Not on a closed or dismissed incident. Each act writes its trail entry (the text as its reason,
 * the photos bound to it) and a live push in the transaction that changes the task.
 */
import type { IncidentTask, PrismaClient } from '@yixian/db';
import { INCIDENT_STATES, TASK_STATES, type TaskState } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { AttachmentsConfig } from '../../config/config.js';
import type { Actor } from '../auth/actor.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';
import { bindTaskAttachments } from './bind-task-attachments.js';
import { actingRole, pushIncidentChanged, recordTaskEvent, TASK_TRAIL_ACTIONS } from './task-effects.js';
import { canAssign, findVisibleTask, TASK_ASSIGNERS, TASK_WORKERS, worksFor } from './task-access.js';

export const TASK_ACTIONS = ['sign', 'start', 'progress', 'done', 'cancel'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export interface TaskActionBody { version: number; text?: string; reason?: string; attachmentIds?: string[] }

const RULES: Record<TaskAction, { from: readonly TaskState[]; to: TaskState; trail: string; by: 'unit' | 'centre' }> = {
  sign: { from: [TASK_STATES.assigned], to: TASK_STATES.signed, trail: TASK_TRAIL_ACTIONS.signed, by: 'unit' },
  start: { from: [TASK_STATES.assigned, TASK_STATES.signed], to: TASK_STATES.in_progress, trail: TASK_TRAIL_ACTIONS.started, by: 'unit' },
  progress: { from: [TASK_STATES.signed, TASK_STATES.in_progress], to: TASK_STATES.in_progress, trail: TASK_TRAIL_ACTIONS.progress, by: 'unit' },
  done: { from: [TASK_STATES.signed, TASK_STATES.in_progress], to: TASK_STATES.done, trail: TASK_TRAIL_ACTIONS.done, by: 'unit' },
  cancel: { from: [TASK_STATES.assigned, TASK_STATES.signed, TASK_STATES.in_progress], to: TASK_STATES.cancelled, trail: TASK_TRAIL_ACTIONS.cancelled, by: 'centre' },
};

const ENDED_INCIDENT: readonly string[] = [INCIDENT_STATES.closed, INCIDENT_STATES.dismissed];

function textOf(action: TaskAction, body: TaskActionBody): string | null {
  if (action === 'cancel') {
    const reason = body.reason?.trim() ?? '';
    if (!reason) throw new AppError('validation_failed', 'Say why the task is cancelled', { field: 'reason' });
    return reason;
  }
  if (action === 'progress' || action === 'done') {
    const text = body.text?.trim() ?? '';
    if (!text) throw new AppError('validation_failed', action === 'done' ? 'Say what was done' : 'Say how the work is going', { field: 'text' });
    return text;
  }
  return null;
}

export async function runTaskAction(
  prisma: PrismaClient, config: AttachmentsConfig, actor: Actor, taskId: string, action: TaskAction, body: TaskActionBody, now: Date,
): Promise<IncidentTask> {
  const rule = RULES[action];
  const text = textOf(action, body);
  const attachmentIds = [...new Set(body.attachmentIds ?? [])];
  if (attachmentIds.length > 0 && action !== 'progress' && action !== 'done') {
    throw new AppError('validation_failed', `Photos go with progress or done, not ${action}`, { field: 'attachmentIds' });
  }
  return prisma.$transaction(async (tx) => {
    const task = await findVisibleTask(tx, actor, taskId);
    if (rule.by === 'unit' && !worksFor(actor, task.unitId)) throw new AppError('forbidden', 'Only the people of the unit the task was given to may do this');
    if (rule.by === 'centre' && !canAssign(actor)) throw new AppError('forbidden', 'Only the commander or a dispatcher cancels a task');
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: task.incidentId }, select: { id: true, code: true, state: true } });
    if (ENDED_INCIDENT.includes(incident.state)) {
      throw new AppError('conflict', `Incident ${incident.code} is ${incident.state}: its tasks are closed`, { details: { reason: 'incident_state', state: incident.state } });
    }
    if (task.version !== body.version) {
      throw new AppError('conflict', `This task was changed by someone else (your version ${body.version}, now ${task.version}); reload it`, {
        field: 'version', details: { reason: 'stale', sentVersion: body.version, currentVersion: task.version },
      });
    }
    if (!rule.from.includes(task.state as TaskState)) {
      throw new AppError('conflict', `A task that is ${task.state} cannot be ${action === 'done' ? 'finished' : action === 'cancel' ? 'cancelled' : action === 'sign' ? 'signed' : action === 'start' ? 'started' : 'reported on'}`, {
        details: { reason: 'task_state', state: task.state },
      });
    }
    const { count } = await tx.incidentTask.updateMany({
      where: { id: task.id, version: body.version },
      data: {
        state: rule.to, version: { increment: 1 },
        ...((action === 'sign' || action === 'start') && !task.signedAt ? { signedAt: now } : {}),
        ...(action === 'done' ? { doneAt: now } : {}),
      },
    });
    if (count === 0) throw new AppError('conflict', 'This task was changed by someone else; reload it', { field: 'version', details: { reason: 'stale' } });
    const event = await recordTaskEvent(tx, {
      incidentId: task.incidentId, action: rule.trail, actorId: actor.id,
      actorRole: actingRole(actor.roles, rule.by === 'unit' ? TASK_WORKERS : TASK_ASSIGNERS), unitId: task.unitId, reason: text,
      data: { taskId: task.id, title: task.title, fromState: task.state, toState: rule.to, attachmentIds },
      at: now,
    });
    if (attachmentIds.length > 0) await bindTaskAttachments(tx, config, { actor, task, eventId: event.id, attachmentIds });
    if (action === 'cancel') {
      await notify(tx, { unitId: task.unitId }, {
        ticketId: null, kind: NOTIFICATION_KINDS.incident_task, dedupeKey: `incident-task-${task.id}-cancelled`,
        title: `应急任务已取消：${incident.code} ${task.title}`.slice(0, 200), body: text ?? '',
      });
    }
    await pushIncidentChanged(tx, task.incidentId, `e${event.id}`);
    return tx.incidentTask.findUniqueOrThrow({ where: { id: task.id } });
  });
}
