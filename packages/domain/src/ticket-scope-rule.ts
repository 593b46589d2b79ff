/**
 * Which tickets an account may read, written once as data (the rule of scope.ts plus the
 * confidential rule). The API renders the same terms as a Prisma filter and as SQL for its
 * search (apps/api/src/modules/tickets/ticket-scope.ts); `isInScope` evaluates them on one record.
 *
 * 1. Place: the whole district (`scope.all`), or the record's area lies in one of the scope's area
 *    subtrees, or one of the scope's units leads (主办) or supports (协办) it.
 * 2. Business: when the scope names categories, only those categories.
 * 3. Confidential (保密): only the centre (CENTRE_ROLES: agent, shift lead, dispatcher, commander —
 *    the floor that took the call and the desk that routes it), the accounts of the units that
 *    lead or support the record, and the account that filed it (a grid member's own report). An
 *    area alone is not enough: a grid member does not read a 保密举报 of its grid that the
 *    petitions office leads.
 */
import { CENTRE_ROLES, type Role } from './roles';
import { isAreaPathWithin, type Scope, type ScopedRecord } from './scope';

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

/** Who is looking: the account's id, roles and scope. */
export interface ScopeViewer {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly scope: Scope;
}

/** A ticket as the rule reads it. */
export interface ScopedTicket extends ScopedRecord {
  readonly confidential?: boolean;
  readonly createdById?: string | null;
}

/** Whether the roles work in the centre (and so read confidential tickets in their scope). */
export function isCentre(roles: readonly Role[]): boolean {
  return roles.some((role) => CENTRE_ROLES.includes(role));
}

function unitTerms(unitIds: readonly string[]): ScopeTerm[] {
  if (unitIds.length === 0) return [];
  return [{ kind: 'lead_in', unitIds: [...unitIds] }, { kind: 'supported_by_any', unitIds: [...unitIds] }];
}

/** The rule for one viewer, as terms; see the module comment. */
export function ticketScopeRule(viewer: ScopeViewer): ScopeTerm {
  const { scope } = viewer;
  const place: ScopeTerm = scope.all
    ? { kind: 'all' }
    : { kind: 'any_of', terms: [...scope.areaPaths.map((path): ScopeTerm => ({ kind: 'area_within', path })), ...unitTerms(scope.unitIds)] };
  const terms: ScopeTerm[] = [place];
  if (scope.categoryIds.length > 0) terms.push({ kind: 'category_in', categoryIds: [...scope.categoryIds] });
  if (!isCentre(viewer.roles)) {
    terms.push({ kind: 'any_of', terms: [{ kind: 'not_confidential' }, ...unitTerms(scope.unitIds), { kind: 'created_by', userId: viewer.id }] });
  }
  return terms.length === 1 ? terms[0]! : { kind: 'all_of', terms };
}

/** Whether one record satisfies the terms (the in-memory renderer). */
export function matchesScopeTerm(term: ScopeTerm, record: ScopedTicket): boolean {
  switch (term.kind) {
    case 'all': return true;
    case 'none': return false;
    case 'area_within': return !!record.areaPath && isAreaPathWithin(record.areaPath, term.path);
    case 'lead_in': return !!record.unitId && term.unitIds.includes(record.unitId);
    case 'supported_by_any': return (record.supportingUnitIds ?? []).some((id) => term.unitIds.includes(id));
    case 'category_in': return !!record.categoryId && term.categoryIds.includes(record.categoryId);
    case 'not_confidential': return !record.confidential;
    case 'created_by': return !!record.createdById && record.createdById === term.userId;
    case 'any_of': return term.terms.some((inner) => matchesScopeTerm(inner, record));
    case 'all_of': return term.terms.every((inner) => matchesScopeTerm(inner, record));
  }
}

/** Whether the viewer may see or act on the record. */
export function isInScope(viewer: ScopeViewer, record: ScopedTicket): boolean {
  return matchesScopeTerm(ticketScopeRule(viewer), record);
}
