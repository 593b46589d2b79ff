import { ROLES, type Role } from '@yixian/domain';
import type { SessionUser, SignInStep } from '#/api/auth';

/** The roles the phone app serves: those that sign for, handle and reply to a unit's tickets. */
export const PHONE_ROLES: readonly Role[] = [ROLES.grid_member, ROLES.dept_handler, ROLES.dept_admin];

/** Why a signed-in account cannot use the phone app yet; each is said in words with the way out (the desktop). */
export const PHONE_BLOCKS = {
  mfaEnrol: 'mfaEnrol',
  passwordChange: 'passwordChange',
  noHandlerRole: 'noHandlerRole',
} as const;
export type PhoneBlock = (typeof PHONE_BLOCKS)[keyof typeof PHONE_BLOCKS];

/**
 * What stops this session from using the phone app, or null when it may. A second-factor code
 * (`mfa_code`) is not a block: the sign-in page asks for it. Setting up a second factor and
 * changing a one-time password are desktop-only for now.
 */
export function findPhoneBlock(session: { user: SessionUser | null; step: SignInStep | null }): PhoneBlock | null {
  const { user, step } = session;
  if (!user) return null;
  if (step === 'mfa_enrol') return PHONE_BLOCKS.mfaEnrol;
  if (step === 'mfa_code') return null;
  if (user.mustChangePassword) return PHONE_BLOCKS.passwordChange;
  if (!user.roles.some((role) => PHONE_ROLES.includes(role))) return PHONE_BLOCKS.noHandlerRole;
  return null;
}

/** A `?redirect=` inside the phone app only (`/tickets/…`, `/notifications`), never another site or the sign-in page. */
export function sanitizePhoneRedirect(raw: unknown): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/login')) return null;
  return value;
}
