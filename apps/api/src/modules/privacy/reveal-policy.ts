/**
 * Who may see a citizen's full number. Masked everywhere by default; a permitted role may
 * reveal one record's number by giving a reason, and every reveal (and refusal) is audited.
 * Confidential (保密) records reveal only to the shift lead and the commander.
 */
import type { Role } from '@yixian/domain';

export const REVEAL_ROLES: readonly Role[] = ['agent', 'shift_lead', 'dispatcher', 'dept_handler', 'dept_admin', 'grid_member', 'commander'];
export const CONFIDENTIAL_REVEAL_ROLES: readonly Role[] = ['shift_lead', 'commander'];

export function canReveal(roles: readonly Role[], isConfidential: boolean): boolean {
  const allowed = isConfidential ? CONFIDENTIAL_REVEAL_ROLES : REVEAL_ROLES;
  return roles.some((role) => allowed.includes(role));
}
