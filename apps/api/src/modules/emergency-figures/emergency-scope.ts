/**
 * Who sees which part of the emergency figures: the centre (commander, dispatcher, shift_lead with
 * the whole district in scope) sees the district and any unit; a unit's user only its own unit.
 */
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';

export const CENTRE_ROLES = [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead];
export const UNIT_ROLES = [ROLES.dept_admin, ROLES.dept_handler];

/** null = the whole district; otherwise the only units whose part the caller gets. */
export function pickEmergencyUnits(actor: Actor, unitId: string | undefined): string[] | null {
  const centre = actor.scope.all && actor.roles.some((role) => (CENTRE_ROLES as string[]).includes(role));
  const allowed = centre ? null : actor.unitId ? [actor.unitId] : [];
  if (unitId === undefined) return allowed;
  if (allowed !== null && !allowed.includes(unitId)) throw new AppError('not_found', `Unit ${unitId} is not in your scope`, { field: 'unitId' });
  return [unitId];
}
