/**
 * Who may do what with resources (CONTRACT.md, "Roles"):
 * - read: the centre and the administrator every unit's; a unit's people their own unit's;
 * - register and edit: the administrator and the commander any unit's, a unit's liaison its own;
 * - request for an incident: the commander, dispatchers and shift leads;
 * - allocate, refuse, return: those, and the liaison of the unit the resource belongs to.
 * A unit outside the caller's reach is a 404.
 */
import { CENTRE_ROLES, ROLES, UNIT_ROLES, type Role } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';

export const RESOURCE_READERS: readonly Role[] = [...CENTRE_ROLES, ROLES.admin, ...UNIT_ROLES];
export const RESOURCE_EDITORS: readonly Role[] = [ROLES.admin, ROLES.commander, ROLES.dept_admin];
export const ALLOCATION_REQUESTERS: readonly Role[] = [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead];
export const ALLOCATION_DECIDERS: readonly Role[] = [...ALLOCATION_REQUESTERS, ROLES.dept_admin];
/** Who reads the totals dispatched (the command hall, statistics). */
export const TOTALS_READERS: readonly Role[] = [...CENTRE_ROLES, ROLES.admin];

type Who = Pick<Actor, 'roles' | 'unitId'>;
const has = (actor: Who, roles: readonly Role[]) => actor.roles.some((role) => roles.includes(role));

/** The one unit the caller's resources are limited to, or null for all. */
export function resourceUnitLimit(actor: Who): string | null {
  if (has(actor, CENTRE_ROLES) || actor.roles.includes(ROLES.admin)) return null;
  return actor.unitId ?? '';
}

export function assertResourceReadable(actor: Who, unitId: string): void {
  const limit = resourceUnitLimit(actor);
  if (limit !== null && limit !== unitId) throw new AppError('not_found', `No unit ${unitId}`, { field: 'unitId' });
}

export function assertResourceEditable(actor: Who, unitId: string): void {
  assertResourceReadable(actor, unitId);
  const allowed = actor.roles.includes(ROLES.admin) || actor.roles.includes(ROLES.commander) || (actor.roles.includes(ROLES.dept_admin) && actor.unitId === unitId);
  if (!allowed) throw new AppError('forbidden', 'Only the administrator, the commander or the unit\'s own liaison edits its resources');
}

/** Allocating, refusing or returning: the centre's command roles, or the owning unit's liaison. */
export function assertMayDecide(actor: Who, resourceUnitId: string): void {
  if (has(actor, ALLOCATION_REQUESTERS)) return;
  if (actor.roles.includes(ROLES.dept_admin) && actor.unitId === resourceUnitId) return;
  throw new AppError('not_found', 'No such allocation', { field: 'id' });
}
