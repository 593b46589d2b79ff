/**
 * Who may read and edit which roster, and who sees a duty phone in full.
 * - Read: the centre and the administrator read every unit's roster; a unit's users read their own.
 * - Edit: the administrator and the commander every roster; a unit's liaison (dept_admin) its own.
 * - Phone: a duty phone is staff data shown to the roster's editors and to the centre's command
 *   roles (shift lead, dispatcher, commander: the command hall calls it); everyone else sees it
 *   masked and may reveal one shift's phone with a reason (audited), as a caller's number is revealed.
 * A unit outside the caller's reach answers 404, never 403, so its rosters' existence is not told.
 */
import { CENTRE_ROLES, ROLES, type Role } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';

export const ROSTER_READERS: readonly Role[] = [
  ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.commander, ROLES.admin, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member,
];
export const ROSTER_EDITORS: readonly Role[] = [ROLES.admin, ROLES.commander, ROLES.dept_admin];
/** Who reads the board of who is on duty now and the tier-1 gaps (the command hall and its desks). */
export const DUTY_BOARD_READERS: readonly Role[] = [ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.commander, ROLES.admin];
const FULL_PHONE_ROLES: readonly Role[] = [ROLES.admin, ROLES.commander, ROLES.dispatcher, ROLES.shift_lead];

const hasAny = (actor: Pick<Actor, 'roles'>, roles: readonly Role[]) => actor.roles.some((role) => roles.includes(role));

/** The one unit the caller's rosters are limited to, or null when it reads every unit's. */
export function rosterUnitLimit(actor: Pick<Actor, 'roles' | 'unitId'>): string | null {
  if (hasAny(actor, CENTRE_ROLES) || actor.roles.includes(ROLES.admin)) return null;
  if (!actor.unitId) throw new AppError('forbidden', 'Your account belongs to no unit, so it has no roster');
  return actor.unitId;
}

export function canReadRoster(actor: Pick<Actor, 'roles' | 'unitId'>, unitId: string): boolean {
  const limit = rosterUnitLimit(actor);
  return limit === null || limit === unitId;
}

/** 404 for a unit the caller may not read (its roster is not told to exist). */
export function assertRosterReadable(actor: Pick<Actor, 'roles' | 'unitId'>, unitId: string): void {
  if (!canReadRoster(actor, unitId)) throw new AppError('not_found', `No unit ${unitId}`, { field: 'unitId' });
}

export function canEditRoster(actor: Pick<Actor, 'roles' | 'unitId'>, unitId: string): boolean {
  if (actor.roles.includes(ROLES.admin) || actor.roles.includes(ROLES.commander)) return true;
  return actor.roles.includes(ROLES.dept_admin) && actor.unitId === unitId;
}

/** 404 outside the caller's reach, 403 for a unit it reads but may not edit. */
export function assertRosterEditable(actor: Pick<Actor, 'roles' | 'unitId'>, unitId: string): void {
  assertRosterReadable(actor, unitId);
  if (!canEditRoster(actor, unitId)) throw new AppError('forbidden', 'Only the administrator, the commander or the unit\'s own liaison edits its roster');
}

export function seesFullPhone(actor: Pick<Actor, 'roles' | 'unitId'>, unitId: string): boolean {
  return hasAny(actor, FULL_PHONE_ROLES) || (actor.roles.includes(ROLES.dept_admin) && actor.unitId === unitId);
}
