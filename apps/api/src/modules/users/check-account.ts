/**
 * The rules an account must meet, whoever writes it (create, edit, a row of an import): roles from
 * the domain list, ids that exist, an extension of 3–6 digits held by nobody else, a mainland
 * mobile or landline phone, and a scope that fits the roles. Each broken rule is one issue naming
 * its field and a stable code (the console words it); nothing is thrown here, so an import can
 * list every row's issues at once.
 */
import { CENTRE_ROLES, ROLES, UNIT_ROLES, isMobilePhone, isRole, normalisePhone, type Role } from '@yixian/domain';
import type { AccountReferences } from './account-references.js';

export interface AccountInput {
  username: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
  areaId: string | null;
  scopeAll: boolean;
  scopeAreaIds: string[];
  scopeUnitIds: string[];
  scopeCategoryIds: string[];
  extension: string | null;
  phone: string | null;
}

export type AccountField = keyof AccountInput;

export const ACCOUNT_ISSUE_CODES = [
  'required', 'bad_username', 'username_taken', 'duplicate_in_file', 'unknown_role', 'auditor_alone', 'unknown_unit',
  'unit_inactive', 'unknown_area', 'unknown_category', 'bad_extension', 'extension_taken', 'extension_required',
  'bad_phone', 'unit_required', 'area_required', 'scope_all_not_allowed', 'scope_empty', 'role_not_allowed', 'outside_unit',
  // Import only: a name that matches several units or areas, a yes/no cell that is neither.
  'ambiguous_name', 'bad_yes_no',
] as const;
export type AccountIssueCode = (typeof ACCOUNT_ISSUE_CODES)[number];

export interface AccountIssue {
  field: AccountField;
  code: AccountIssueCode;
  message: string;
  /** The value at fault (a role, a name, an extension), for the message a person reads. */
  value?: string;
}

/** What is already taken in the database; `self` is the account being edited (its own values are not "taken"). */
export interface TakenValues {
  isUsernameTaken(username: string): boolean;
  extensionHolder(extension: string): string | undefined;
}

/** Who may be given what: an administrator anything, a unit's liaison only its unit. */
export type ManagerLimits = { kind: 'all' } | { kind: 'unit'; unitId: string; unitAreaId: string };

/** Roles whose work reads no tickets by scope (administration, the audit log, knowledge articles). */
const SCOPELESS_ROLES: readonly Role[] = [ROLES.admin, ROLES.auditor, ROLES.kb_editor];

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const EXTENSION = /^\d{3,6}$/;
/** A landline with its area code: 0 + 2–3 digits + a 7–8 digit number. */
const LANDLINE = /^0\d{9,11}$/;

/** The canonical staff phone, or null when it is neither a mainland mobile nor a landline with its area code. */
export function canonicalStaffPhone(input: string): string | null {
  try {
    const phone = normalisePhone(input);
    return isMobilePhone(phone) || LANDLINE.test(phone) ? phone : null;
  } catch {
    return null;
  }
}

function issue(field: AccountField, code: AccountIssueCode, message: string, value?: string): AccountIssue {
  return value === undefined ? { field, code, message } : { field, code, message, value };
}

function checkIds(issues: AccountIssue[], field: AccountField, ids: string[], known: Map<string, unknown>, code: AccountIssueCode, what: string) {
  for (const id of ids) if (!known.has(id)) issues.push(issue(field, code, `${field}: no ${what} ${id}`, id));
}

function checkScope(input: AccountInput, roles: Role[], issues: AccountIssue[]) {
  const hasCentreRole = roles.some((role) => CENTRE_ROLES.includes(role));
  const hasUnitRole = roles.some((role) => UNIT_ROLES.includes(role));
  if (input.scopeAll && !hasCentreRole) issues.push(issue('scopeAll', 'scope_all_not_allowed', 'scopeAll: only centre roles (agent, shift lead, dispatcher, commander) see the whole district'));
  if (hasUnitRole && !input.unitId) issues.push(issue('unitId', 'unit_required', 'unitId: a unit role (handler, liaison, grid member) needs a unit'));
  if (roles.includes(ROLES.grid_member) && (!input.areaId || input.scopeAreaIds.length === 0)) {
    issues.push(issue(input.areaId ? 'scopeAreaIds' : 'areaId', 'area_required', 'a grid member needs a home area and an area in scope'));
  }
  if (roles.includes(ROLES.agent) && !input.extension) issues.push(issue('extension', 'extension_required', 'extension: an agent needs a phone extension'));
  const needsScope = roles.some((role) => !SCOPELESS_ROLES.includes(role));
  if (needsScope && !input.scopeAll && input.scopeAreaIds.length === 0 && input.scopeUnitIds.length === 0) {
    issues.push(issue('scopeAreaIds', 'scope_empty', 'the scope is empty: give the whole district, an area or a unit'));
  }
}

/** Every rule of an account alone (uniqueness against `taken`); the phone comes back canonical. */
export function checkAccount(input: AccountInput, refs: AccountReferences, taken: TakenValues): { issues: AccountIssue[]; phone: string | null } {
  const issues: AccountIssue[] = [];
  if (!USERNAME.test(input.username)) issues.push(issue('username', 'bad_username', 'username: 3–64 letters, digits, dots, dashes or underscores, starting with a letter or digit', input.username));
  else if (taken.isUsernameTaken(input.username)) issues.push(issue('username', 'username_taken', `username: ${input.username} is taken`, input.username));
  if (input.displayName.trim() === '') issues.push(issue('displayName', 'required', 'displayName is required'));
  if (input.roles.length === 0) issues.push(issue('roles', 'required', 'roles: give at least one role'));
  for (const role of input.roles) if (!isRole(role)) issues.push(issue('roles', 'unknown_role', `roles: no role ${role}`, role));
  const roles = input.roles.filter(isRole);
  if (roles.includes(ROLES.auditor) && roles.length > 1) issues.push(issue('roles', 'auditor_alone', 'roles: an auditor holds no other role (separation of duties)'));
  if (input.unitId) {
    const unit = refs.units.get(input.unitId);
    if (!unit) issues.push(issue('unitId', 'unknown_unit', `unitId: no unit ${input.unitId}`, input.unitId));
    else if (!unit.active) issues.push(issue('unitId', 'unit_inactive', `unitId: ${unit.name} is no longer active`, unit.name));
  }
  if (input.areaId && !refs.areas.has(input.areaId)) issues.push(issue('areaId', 'unknown_area', `areaId: no area ${input.areaId}`, input.areaId));
  checkIds(issues, 'scopeAreaIds', input.scopeAreaIds, refs.areas, 'unknown_area', 'area');
  checkIds(issues, 'scopeUnitIds', input.scopeUnitIds, refs.units, 'unknown_unit', 'unit');
  checkIds(issues, 'scopeCategoryIds', input.scopeCategoryIds, refs.categories, 'unknown_category', 'category');
  if (input.extension !== null) {
    if (!EXTENSION.test(input.extension)) issues.push(issue('extension', 'bad_extension', 'extension: 3 to 6 digits', input.extension));
    else if (taken.extensionHolder(input.extension) !== undefined) issues.push(issue('extension', 'extension_taken', `extension: ${input.extension} belongs to ${taken.extensionHolder(input.extension)}`, input.extension));
  }
  let phone: string | null = null;
  if (input.phone !== null) {
    phone = canonicalStaffPhone(input.phone);
    if (!phone) issues.push(issue('phone', 'bad_phone', 'phone: a mainland mobile (11 digits from 13–19) or a landline with its area code (0…)', input.phone));
  }
  checkScope(input, roles, issues);
  return { issues, phone };
}

/** What a unit's liaison may not give: roles outside the unit roles, another unit, a scope beyond its unit. */
export function checkWithinLimits(input: AccountInput, limits: ManagerLimits, refs: AccountReferences): AccountIssue[] {
  if (limits.kind === 'all') return [];
  const issues: AccountIssue[] = [];
  for (const role of input.roles) {
    if (isRole(role) && !UNIT_ROLES.includes(role)) issues.push(issue('roles', 'role_not_allowed', `roles: a unit liaison may give only unit roles, not ${role}`, role));
  }
  if (input.unitId !== limits.unitId) issues.push(issue('unitId', 'outside_unit', 'unitId: a unit liaison manages only its own unit\'s accounts', input.unitId ?? ''));
  if (input.scopeAll) issues.push(issue('scopeAll', 'outside_unit', 'scopeAll: a unit liaison may not give the whole district'));
  for (const id of input.scopeUnitIds) if (id !== limits.unitId) issues.push(issue('scopeUnitIds', 'outside_unit', `scopeUnitIds: ${id} is not the liaison's unit`, id));
  for (const id of [...(input.areaId ? [input.areaId] : []), ...input.scopeAreaIds]) {
    if (refs.areas.has(id) && !refs.isInsideArea(id, limits.unitAreaId)) {
      issues.push(issue(id === input.areaId ? 'areaId' : 'scopeAreaIds', 'outside_unit', `${id} is outside the unit's area`, id));
    }
  }
  return issues;
}
