/**
 * Pure helpers of the accounts page: the roles a manager may give, the tag colour of a state, the
 * words of an issue or a stale edit, and the form ↔ API shapes. No I/O.
 */
import { ROLE_VALUES, UNIT_ROLES, type Role } from '@yixian/domain';
import type { Account, AccountFields, AccountState } from '#/api/accounts';

/** An administrator gives any role; a unit's liaison only the unit roles. */
export function grantableRoles(isAdmin: boolean): readonly Role[] {
  return isAdmin ? ROLE_VALUES : UNIT_ROLES;
}

export const STATE_TAG: Record<AccountState, 'success' | 'info' | 'danger' | 'warning'> = {
  active: 'success', disabled: 'info', locked: 'danger', must_change: 'warning',
};

export const ACCOUNT_STATE_VALUES: readonly AccountState[] = ['active', 'disabled', 'locked', 'must_change'];

export interface AccountForm extends Omit<AccountFields, 'unitId' | 'areaId' | 'extension' | 'phone'> {
  username: string;
  unitId: string;
  areaId: string;
  extension: string;
  phone: string;
}

export function emptyForm(unitId = ''): AccountForm {
  return {
    username: '', displayName: '', roles: [], unitId, areaId: '', scopeAll: false, scopeAreaIds: [],
    scopeUnitIds: unitId ? [unitId] : [], scopeCategoryIds: [], extension: '', phone: '',
  };
}

export function formOf(account: Account): AccountForm {
  return {
    username: account.username, displayName: account.displayName, roles: [...account.roles], unitId: account.unitId ?? '',
    areaId: account.areaId ?? '', scopeAll: account.scopeAll, scopeAreaIds: [...account.scopeAreaIds], scopeUnitIds: [...account.scopeUnitIds],
    scopeCategoryIds: [...account.scopeCategoryIds], extension: account.extension ?? '', phone: account.phone ?? '',
  };
}

/** The form as the API takes it: empty text is "none". */
export function fieldsOf(form: AccountForm): AccountFields {
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    displayName: form.displayName.trim(), roles: form.roles, unitId: orNull(form.unitId), areaId: orNull(form.areaId), scopeAll: form.scopeAll,
    scopeAreaIds: form.scopeAreaIds, scopeUnitIds: form.scopeUnitIds, scopeCategoryIds: form.scopeCategoryIds,
    extension: orNull(form.extension), phone: orNull(form.phone),
  };
}

export interface Issue { field: string; code: string; value?: string }

/** The issues of a refused save (400/403 `details.issues`), or none. */
export function issuesOf(details: Readonly<Record<string, unknown>>): Issue[] {
  const inner = details.details as { issues?: unknown } | undefined;
  return Array.isArray(inner?.issues) ? (inner.issues as Issue[]) : [];
}

/** base64 → a file the browser saves (the one-time passwords sheet, offered once). */
export function saveBase64File(data: string, fileName: string, contentType: string): void {
  const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
