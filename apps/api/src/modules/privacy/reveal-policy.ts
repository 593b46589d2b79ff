/**
 * Who may see a citizen's full number. Masked everywhere by default; a permitted role may
 * reveal one record's number by giving a reason, and every reveal (and refusal) is audited.
 * Confidential (保密) records reveal only to the shift lead and the commander.
 */
import type { Role } from '@yixian/domain';

export const REVEAL_ROLES: readonly Role[] = ['agent', 'shift_lead', 'dispatcher', 'dept_handler', 'dept_admin', 'grid_member', 'commander'];
/**
 * Who may find tickets by a caller's full number (or by the caller of a call): the centre, which
 * answers "我的件到哪了?". Units find their tickets by code or words; a number search is audited.
 */
export const NUMBER_SEARCH_ROLES: readonly Role[] = ['agent', 'shift_lead', 'dispatcher', 'commander'];
export const CONFIDENTIAL_REVEAL_ROLES: readonly Role[] = ['shift_lead', 'commander'];

export function canReveal(roles: readonly Role[], isConfidential: boolean): boolean {
  const allowed = isConfidential ? CONFIDENTIAL_REVEAL_ROLES : REVEAL_ROLES;
  return roles.some((role) => allowed.includes(role));
}
