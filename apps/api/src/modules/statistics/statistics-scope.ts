/**
 * Who sees which unit's figures: the district's supervisors (commander, shift_lead with the whole
 * district in scope) see every unit; a dept_admin sees only its own unit. A unit outside the
 * caller's reach is a 404 naming `unitId`, as a ticket outside the scope is.
 */
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';

/** null = every unit; otherwise the only unit ids the caller may see. */
export function resolveUnitScope(actor: Actor): string[] | null {
  const supervisor = actor.roles.some((role) => role === 'commander' || role === 'shift_lead');
  if (supervisor && actor.scope.all) return null;
  return actor.unitId ? [actor.unitId] : [];
}

/** The units to report on: the asked one (checked) or all the caller may see. */
export function pickUnits(actor: Actor, unitId: string | undefined): string[] | null {
  const allowed = resolveUnitScope(actor);
  if (unitId === undefined) return allowed;
  if (allowed !== null && !allowed.includes(unitId)) {
    throw new AppError('not_found', `Unit ${unitId} is not in your scope`, { field: 'unitId' });
  }
  return [unitId];
}
