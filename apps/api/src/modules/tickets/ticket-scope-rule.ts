/**
 * Which tickets an actor may read, written once as data. `ticket-scope.ts` renders the same rule
 * as a Prisma filter (every list, detail and action) and as SQL (the raw search query), so a rule
 * added here reaches both and they cannot drift apart.
 *
 * The rule:
 * 1. Place: the whole district (`scope.all`), or the ticket's area lies in one of the actor's area
 *    subtrees, or one of the actor's units leads (主办) or supports (协办) it.
 * 2. Business: when the scope names categories, only those categories.
 * 3. Confidential (保密): only the centre (CENTRE_ROLES: agent, shift lead, dispatcher, commander —
 *    the floor that took the call and the desk that routes it), the accounts of the units that
 *    lead or support the ticket, and the account that filed it (a grid member's own report). An
 *    area alone is not enough: a grid member does not read a 保密举报 of its grid that the
 *    petitions office leads.
 */
import { CENTRE_ROLES } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';

export type ScopeTerm =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'area_within'; path: string }
  | { kind: 'lead_in'; unitIds: string[] }
  | { kind: 'supported_by_any'; unitIds: string[] }
  | { kind: 'category_in'; categoryIds: string[] }
  | { kind: 'not_confidential' }
  | { kind: 'created_by'; userId: string }
  | { kind: 'any_of'; terms: ScopeTerm[] }
  | { kind: 'all_of'; terms: ScopeTerm[] };

/** Whether the actor works in the centre (and so reads confidential tickets in its scope). */
export function isCentreActor(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => CENTRE_ROLES.includes(role));
}

/** The actor's units leading or supporting a ticket. */
function unitTerms(unitIds: string[]): ScopeTerm[] {
  if (unitIds.length === 0) return [];
  return [{ kind: 'lead_in', unitIds }, { kind: 'supported_by_any', unitIds }];
}

export function ticketScopeRule(actor: Pick<Actor, 'id' | 'roles' | 'scope'>): ScopeTerm {
  const { scope } = actor;
  const place: ScopeTerm = scope.all
    ? { kind: 'all' }
    : { kind: 'any_of', terms: [...scope.areaPaths.map((path): ScopeTerm => ({ kind: 'area_within', path })), ...unitTerms(scope.unitIds)] };
  const terms: ScopeTerm[] = [place];
  if (scope.categoryIds.length > 0) terms.push({ kind: 'category_in', categoryIds: scope.categoryIds });
  if (!isCentreActor(actor)) terms.push({ kind: 'any_of', terms: [{ kind: 'not_confidential' }, ...unitTerms(scope.unitIds), { kind: 'created_by', userId: actor.id }] });
  return terms.length === 1 ? terms[0]! : { kind: 'all_of', terms };
}
