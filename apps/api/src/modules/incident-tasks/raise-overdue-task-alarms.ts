/**
 * The overdue-task alarm: a task past its deadline and not done (nor cancelled) is marked once
 * (`overdueAlarmedAt`, claimed by a conditional update so two workers cannot both raise it), and
 * then gets a `task_overdue` trail entry, an inbox entry for every commander and for the unit
 * (`incident_task_overdue`) and a live push — all in the claim's transaction.
 */
import type { PrismaClient } from '@yixian/db';
import { INCIDENT_STATES, TASK_STATES } from '@yixian/domain';
import { formatDue } from '../notifications/name-notified-ticket.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';
import { findCommanderIds } from './find-commanders.js';
import { pushIncidentChanged, recordTaskEvent, TASK_TRAIL_ACTIONS } from './task-effects.js';

const OPEN = [TASK_STATES.assigned, TASK_STATES.signed, TASK_STATES.in_progress];
const BATCH = 200;

export async function raiseOverdueTaskAlarms(prisma: PrismaClient, now: Date): Promise<{ alarmed: number }> {
  const due = await prisma.incidentTask.findMany({
    where: { state: { in: OPEN }, dueAt: { lte: now }, overdueAlarmedAt: null, incident: { state: { notIn: [INCIDENT_STATES.closed, INCIDENT_STATES.dismissed] } } },
    orderBy: { dueAt: 'asc' }, take: BATCH, select: { id: true },
  });
  let alarmed = 0;
  for (const { id } of due) {
    const raised = await prisma.$transaction(async (tx) => {
      const { count } = await tx.incidentTask.updateMany({ where: { id, overdueAlarmedAt: null, state: { in: OPEN } }, data: { overdueAlarmedAt: now } });
      if (count === 0) return false;
      const task = await tx.incidentTask.findUniqueOrThrow({ where: { id }, include: { incident: { select: { code: true } } } });
      const unit = await tx.unit.findUnique({ where: { id: task.unitId }, select: { name: true } });
      const event = await recordTaskEvent(tx, {
        incidentId: task.incidentId, action: TASK_TRAIL_ACTIONS.overdue, actorId: null, actorRole: 'system', unitId: task.unitId,
        data: { taskId: task.id, title: task.title, dueAt: task.dueAt.toISOString(), state: task.state }, at: now,
      });
      const title = `应急任务超时：${task.incident.code} ${unit?.name ?? ''}「${task.title}」`.slice(0, 200);
      const body = `期限 ${formatDue(task.dueAt)}`;
      for (const userId of await findCommanderIds(tx)) {
        await notify(tx, { userId }, { ticketId: null, kind: NOTIFICATION_KINDS.incident_task_overdue, dedupeKey: `incident-task-overdue-${task.id}-${userId}`, title, body });
      }
      await notify(tx, { unitId: task.unitId }, { ticketId: null, kind: NOTIFICATION_KINDS.incident_task_overdue, dedupeKey: `incident-task-overdue-${task.id}`, title, body, sms: true });
      await pushIncidentChanged(tx, task.incidentId, `e${event.id}`);
      return true;
    });
    if (raised) alarmed++;
  }
  return { alarmed };
}
