/**
 * What every task change leaves behind, inside its transaction: an entry in the incident's trail
 * (ids, the task's title and counts; the progress text as the entry's reason — never a phone or a
 * name) and a live push on the `incidents` topic for the command hall and the incident page.
 */
import type { IncidentEvent, Prisma } from '@yixian/db';
import { addToOutbox } from '../outbox/add-to-outbox.js';
import { OUTBOX_TOPICS } from '../outbox/outbox-topics.js';

export const TASK_TRAIL_ACTIONS = {
  assigned: 'task_assigned', signed: 'task_signed', started: 'task_started', progress: 'task_progress',
  done: 'task_done', cancelled: 'task_cancelled', overdue: 'task_overdue',
} as const;

export interface TaskEventInput {
  incidentId: string;
  action: string;
  actorId: string | null;
  /** The role the actor acted in, or 'system'. */
  actorRole: string;
  unitId: string | null;
  reason?: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export async function recordTaskEvent(tx: Prisma.TransactionClient, input: TaskEventInput): Promise<IncidentEvent> {
  return tx.incidentEvent.create({
    data: {
      incidentId: input.incidentId, action: input.action, actorId: input.actorId, actorRole: input.actorRole, unitId: input.unitId,
      reason: input.reason ?? null, data: input.data as Prisma.InputJsonValue, at: input.at,
    },
  });
}

/** `{ type: 'incident.changed', incidentId, code, state, level }` on `incidents`, once per `cause`. */
export async function pushIncidentChanged(tx: Prisma.TransactionClient, incidentId: string, cause: string): Promise<void> {
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { code: true, state: true, level: true } });
  await addToOutbox(tx, {
    topic: OUTBOX_TOPICS.live_push, dedupeKey: `incident-changed-${incidentId}-${cause}`,
    payload: { topic: 'incidents', payload: { type: 'incident.changed', incidentId, code: incident.code, state: incident.state, level: incident.level } },
  });
}

/** The role an actor acts in for the trail: the first of its roles that may do the act. */
export function actingRole(roles: readonly string[], allowed: readonly string[]): string {
  return roles.find((role) => allowed.includes(role)) ?? roles[0] ?? 'system';
}
