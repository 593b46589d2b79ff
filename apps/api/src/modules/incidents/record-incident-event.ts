/**
 * The only way to write an incident's trail. Every act, activation and call result calls it inside
 * the transaction that changes the incident; the table is append-only (a trigger refuses UPDATE/DELETE).
 */
import type { IncidentEvent, Prisma } from '@yixian/db';

export interface IncidentEventInput {
  incidentId: string;
  /** An INCIDENT_ACTIONS value or a system act ('create', 'report', 'report_overdue', 'activation_acknowledged' …). */
  action: string;
  fromState?: string | null;
  toState?: string | null;
  /** null for system acts (jobs, call results). */
  actorId?: string | null;
  /** The role the actor acted in, or 'system'. */
  actorRole: string;
  unitId?: string | null;
  reason?: string | null;
  /** Ids, codes and counts only: never a phone number or a person's name. */
  data?: Record<string, unknown>;
  at: Date;
}

export async function recordIncidentEvent(tx: Prisma.TransactionClient, input: IncidentEventInput): Promise<IncidentEvent> {
  return tx.incidentEvent.create({
    data: {
      incidentId: input.incidentId, action: input.action, fromState: input.fromState ?? null, toState: input.toState ?? null,
      actorId: input.actorId ?? null, actorRole: input.actorRole, unitId: input.unitId ?? null, reason: input.reason ?? null,
      data: (input.data ?? {}) as Prisma.InputJsonValue, at: input.at,
    },
  });
}
