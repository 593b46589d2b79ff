/**
 * Who may see a citizen's full number. Masked everywhere by default; a permitted role may
 * reveal one record's number by giving a reason, and every reveal (and refusal) is audited.
 * One policy for every route that reveals (a ticket's caller, a call's caller):
 * - a confidential (保密) record reveals only to the shift lead and the commander;
 * - any other ticket reveals to the centre (CENTRE_ROLES) and to the units that lead or support
 *   it — not to an account that only holds the ticket's area (a grid member does not call back
 *   the citizen of a police-desk ticket in its grid);
 * - a call reveals as each ticket taken from it would (see `decideCallReveal`).
 */
import { isCentre, type Role } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';

export const REVEAL_ROLES: readonly Role[] = ['agent', 'shift_lead', 'dispatcher', 'dept_handler', 'dept_admin', 'grid_member', 'commander'];
/**
 * Who may find tickets by a caller's full number (or by the caller of a call): the centre, which
 * answers "我的件到哪了?". Units find their tickets by code or words; a number search is audited.
 */
export const NUMBER_SEARCH_ROLES: readonly Role[] = ['agent', 'shift_lead', 'dispatcher', 'commander'];
export const CONFIDENTIAL_REVEAL_ROLES: readonly Role[] = ['shift_lead', 'commander'];

/** Whether the roles may reveal a number of this confidentiality at all (before the record's units). */
export function canReveal(roles: readonly Role[], isConfidential: boolean): boolean {
  const allowed = isConfidential ? CONFIDENTIAL_REVEAL_ROLES : REVEAL_ROLES;
  return roles.some((role) => allowed.includes(role));
}

export interface RevealTarget {
  confidential: boolean;
  leadUnitId: string | null;
  supportingUnitIds: string[];
}

export type RevealDecision = { allowed: true } | { allowed: false; message: string };

/** The decision for one ticket's caller; the ticket is already known to be in the actor's scope. */
export function decideTicketReveal(actor: Pick<Actor, 'roles' | 'scope'>, ticket: RevealTarget): RevealDecision {
  if (ticket.confidential) {
    return canReveal(actor.roles, true)
      ? { allowed: true }
      : { allowed: false, message: 'This ticket is confidential; only the shift lead or commander may reveal the number' };
  }
  if (!canReveal(actor.roles, false)) return { allowed: false, message: 'Your role may not reveal numbers' };
  const units = actor.scope.unitIds;
  const handles = (ticket.leadUnitId !== null && units.includes(ticket.leadUnitId)) || ticket.supportingUnitIds.some((id) => units.includes(id));
  if (isCentre(actor.roles) || handles) return { allowed: true };
  return { allowed: false, message: 'Only the centre and the units leading or supporting this ticket may reveal its caller\'s number' };
}

/**
 * A call's caller reveals only when every ticket taken from that call would reveal to the actor
 * (a call behind a confidential ticket is as confidential as the ticket); `ticketId` names the
 * first ticket that refuses, for the audit.
 */
export function decideCallReveal(actor: Pick<Actor, 'roles' | 'scope'>, tickets: (RevealTarget & { id: string })[]): RevealDecision & { ticketId?: string } {
  for (const ticket of tickets) {
    const decision = decideTicketReveal(actor, ticket);
    if (!decision.allowed) return { ...decision, ticketId: ticket.id };
  }
  return { allowed: true };
}
