/**
 * Who may do what with incident tasks (CONTRACT.md, "Roles"):
 * - the centre's dispatchers, shift leads and commander assign and cancel, and read every task;
 *   an agent reads them;
 * - a unit's people (handler, liaison, grid member) read their unit's tasks and sign, start, report
 *   progress on and finish them — only their own unit's: another unit's task is a 404.
 * An incident a unit's user may see: one its unit reported, is activated on or has a task on.
 */
import type { IncidentTask, Prisma, PrismaClient } from '@yixian/db';
import { CENTRE_ROLES, ROLES, UNIT_ROLES, type Role } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';

export const TASK_ASSIGNERS: readonly Role[] = [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead];
export const TASK_READERS: readonly Role[] = [...CENTRE_ROLES, ...UNIT_ROLES];
/** Who works a task: the people of the unit it was given to. */
export const TASK_WORKERS: readonly Role[] = UNIT_ROLES;

type Who = Pick<Actor, 'roles' | 'unitId'>;

export const isCentre = (actor: Pick<Actor, 'roles'>) => actor.roles.some((role) => CENTRE_ROLES.includes(role));
export const canAssign = (actor: Pick<Actor, 'roles'>) => actor.roles.some((role) => TASK_ASSIGNERS.includes(role));
export const worksFor = (actor: Who, unitId: string) => actor.unitId === unitId && actor.roles.some((role) => TASK_WORKERS.includes(role));

/** The tasks a caller reads: every task for the centre, its unit's for a unit's people. */
export function taskScopeWhere(actor: Who): Prisma.IncidentTaskWhereInput {
  if (isCentre(actor)) return {};
  if (!actor.unitId) return { id: { in: [] } };
  return { unitId: actor.unitId };
}

export function incidentVisibleWhere(actor: Who): Prisma.IncidentWhereInput {
  if (isCentre(actor)) return {};
  if (!actor.unitId) return { id: { in: [] } };
  const unitId = actor.unitId;
  return { OR: [{ reportingUnitId: unitId }, { activations: { some: { unitId } } }, { tasks: { some: { unitId } } }] };
}

/** The incident if the caller may see it; a 404 otherwise (its existence is not told). */
export async function findVisibleIncident(db: Pick<PrismaClient | Prisma.TransactionClient, 'incident'>, actor: Who, incidentId: string) {
  const incident = await db.incident.findFirst({ where: { AND: [{ id: incidentId }, incidentVisibleWhere(actor)] } });
  if (!incident) throw new AppError('not_found', `No incident ${incidentId}`, { field: 'id' });
  return incident;
}

/** The task if the caller may read it; a 404 otherwise. */
export async function findVisibleTask(db: Pick<PrismaClient | Prisma.TransactionClient, 'incidentTask'>, actor: Who, taskId: string): Promise<IncidentTask> {
  const task = await db.incidentTask.findFirst({ where: { AND: [{ id: taskId }, taskScopeWhere(actor)] } });
  if (!task) throw new AppError('not_found', `No task ${taskId}`, { field: 'id' });
  return task;
}
