/**
 * The frame of every act on an incident: one transaction that locks the incident, checks scope (404),
 * the version the actor saw (409 stale), the machine (409 with the allowed actions) and the role (403),
 * then lets the act's handler write. Any error rolls everything back.
 */
import type { Incident, Prisma, PrismaClient } from '@yixian/db';
import { allowedIncidentActions, canTakeIncidentAction, isIncidentState, type IncidentAction, type IncidentState, type Role } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { incidentScopeWhere } from './incident-scope.js';

export interface IncidentActionContext {
  tx: Prisma.TransactionClient;
  actor: Actor;
  role: Role;
  incident: Incident;
  next: IncidentState;
  now: Date;
}

export function allowedIncidentActionsFor(actor: Pick<Actor, 'roles'>, state: string): IncidentAction[] {
  if (!isIncidentState(state)) return [];
  return [...new Set(actor.roles.flatMap((role) => allowedIncidentActions(state, role)))];
}

/** Locks and loads an incident in the actor's scope (404 outside it). */
export async function lockIncidentInScope(tx: Prisma.TransactionClient, actor: Actor, id: string): Promise<Incident> {
  await tx.$queryRaw`SELECT id FROM incident WHERE id = ${id} FOR UPDATE`;
  const incident = await tx.incident.findFirst({ where: { AND: [{ id }, incidentScopeWhere(actor)] } });
  if (!incident) throw new AppError('not_found', `No incident ${id}`, { field: 'id' });
  return incident;
}

/** 409 `stale` when the incident moved on since the version the actor saw. */
export function assertVersion(incident: Pick<Incident, 'version' | 'code' | 'state'>, version: number): void {
  if (incident.version === version) return;
  throw new AppError('conflict', `Incident ${incident.code} changed since version ${version} (now ${incident.version}); reload it`, {
    field: 'version', details: { reason: 'stale', version: incident.version, state: incident.state },
  });
}

function authorise(actor: Actor, incident: Incident, action: IncidentAction): { role: Role; next: IncidentState } {
  const state = incident.state as IncidentState;
  let forbidden = false;
  for (const role of actor.roles) {
    const check = canTakeIncidentAction(state, action, role);
    if (check.ok) return { role, next: check.next };
    if (check.reason === 'role_forbidden') forbidden = true;
  }
  if (forbidden) throw new AppError('forbidden', `Your role may not ${action} an incident in state ${state}`);
  throw new AppError('conflict', `Cannot ${action} an incident in state ${state}`, {
    details: { reason: 'illegal_transition', state, action, allowed: allowedIncidentActionsFor(actor, state) },
  });
}

export async function runIncidentAction<T>(
  prisma: PrismaClient,
  input: { actor: Actor; incidentId: string; action: IncidentAction; version: number; now: Date },
  handler: (context: IncidentActionContext) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const incident = await lockIncidentInScope(tx, input.actor, input.incidentId);
    assertVersion(incident, input.version);
    const { role, next } = authorise(input.actor, incident, input.action);
    return handler({ tx, actor: input.actor, role, incident, next, now: input.now });
  }, { timeout: 30_000 });
}
