/**
 * MFA_REQUIRED_ROLES: the roles that must sign in with a second factor (TOTP). A comma list of
 * role codes, or `none`. Unset, it follows the mode: a production deployment
 * (`YIXIAN_MODE=production`) requires it of the centre's powerful roles as 等保 2.0 level 3 asks
 * (administrator, auditor, commander, shift lead); the demo requires it of nobody, so the demo
 * accounts sign in with their password alone (any account may still enrol).
 */
import { ROLES, ROLE_VALUES, isRole, type Role } from '@yixian/domain';
import { ConfigError } from './config-error.js';

export const PRODUCTION_MFA_ROLES: readonly Role[] = [ROLES.admin, ROLES.auditor, ROLES.commander, ROLES.shift_lead];

export function readMfaRequiredRoles(env: Record<string, string | undefined>): Role[] {
  const raw = env.MFA_REQUIRED_ROLES?.trim();
  if (!raw) return env.YIXIAN_MODE === 'production' ? [...PRODUCTION_MFA_ROLES] : [];
  if (raw === 'none') return [];
  const roles = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const wrong = roles.find((role) => !isRole(role));
  if (wrong !== undefined) throw new ConfigError('MFA_REQUIRED_ROLES', `must list roles (${ROLE_VALUES.join(', ')}) or be "none", got "${wrong}"`);
  return [...new Set(roles)] as Role[];
}
