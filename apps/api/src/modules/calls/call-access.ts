/**
 * Who reads calls: they are the centre's records, read by its floor and the district command.
 * Routes declare `CALL_READERS`; services that take a call id from a body or a query (a phone
 * intake, the duplicates panel) check `assertCanReadCalls`, so a call id cannot be used to reach
 * a call (and its caller) by a way round the calls routes.
 */
import { ROLES, type Role } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';

export const CALL_READERS: readonly Role[] = [ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.commander];

export function canReadCalls(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => CALL_READERS.includes(role));
}

/** 403 naming `field` when the actor may not read calls. */
export function assertCanReadCalls(actor: Pick<Actor, 'roles'>, field: string): void {
  if (!canReadCalls(actor)) throw new AppError('forbidden', 'Calls are read by the centre only (agent, shift lead, dispatcher, commander)', { field });
}
