/**
 * How an account leaves the server: the fields an administrator edits and reads, never a secret
 * (password hashes, second-factor secrets and codes stay in the database). The same view is the
 * before/after of every audit row, so an audit row can never hold a secret either.
 */
import type { Prisma } from '@yixian/db';

export const ACCOUNT_STATES = ['active', 'disabled', 'locked', 'must_change'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** The columns of an account that may be shown and audited. */
export const ACCOUNT_SELECT = {
  id: true, username: true, displayName: true, roles: true, status: true, unitId: true, areaId: true,
  scopeAll: true, scopeAreaIds: true, scopeUnitIds: true, scopeCategoryIds: true, extension: true, phone: true,
  mustChangePassword: true, lockedUntil: true, lastLoginAt: true, mfaEnabledAt: true, createdAt: true, version: true,
} as const satisfies Prisma.UserSelect;

export type AccountRow = Prisma.UserGetPayload<{ select: typeof ACCOUNT_SELECT }>;

/** The record as audit rows keep it: what an administrator can change, no sign-in bookkeeping. */
export function auditView(user: AccountRow) {
  return {
    username: user.username, displayName: user.displayName, roles: user.roles, status: user.status,
    unitId: user.unitId, areaId: user.areaId, scopeAll: user.scopeAll, scopeAreaIds: user.scopeAreaIds,
    scopeUnitIds: user.scopeUnitIds, scopeCategoryIds: user.scopeCategoryIds, extension: user.extension,
    phone: user.phone, mustChangePassword: user.mustChangePassword, version: user.version,
  };
}

/** Whether the account's own lock (failed second-factor codes, an administrator's lock) holds now. */
export function isLocked(user: Pick<AccountRow, 'lockedUntil'>, now: Date): boolean {
  return !!user.lockedUntil && user.lockedUntil > now;
}

/** The state tags a person reads in the list: disabled, locked, must change its password. */
export function accountStates(user: Pick<AccountRow, 'status' | 'lockedUntil' | 'mustChangePassword'>, now: Date): AccountState[] {
  const states: AccountState[] = [user.status === 'active' ? 'active' : 'disabled'];
  if (isLocked(user, now)) states.push('locked');
  if (user.mustChangePassword) states.push('must_change');
  return states;
}

export interface NameLookup {
  unitName(id: string | null): string | null;
  areaName(id: string | null): string | null;
}

/** The account as the list, the detail and the export show it: names beside the ids. */
export function presentAccount(user: AccountRow, names: NameLookup, now: Date) {
  return {
    id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, status: user.status,
    states: accountStates(user, now), unitId: user.unitId, unitName: names.unitName(user.unitId),
    areaId: user.areaId, areaName: names.areaName(user.areaId), scopeAll: user.scopeAll,
    scopeAreaIds: user.scopeAreaIds, scopeUnitIds: user.scopeUnitIds, scopeCategoryIds: user.scopeCategoryIds,
    extension: user.extension, phone: user.phone, mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil?.toISOString() ?? null, lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    hasMfa: !!user.mfaEnabledAt, createdAt: user.createdAt.toISOString(), version: user.version,
  };
}

export type AccountView = ReturnType<typeof presentAccount>;
