/**
 * Who sees what. Every account has a scope: a place half (area subtrees and
 * units) and a business half (categories).
 *
 * The rule, in order:
 * 1. `all` (the commander, centre staff) sees everything.
 * 2. Place: the record is in place when its area path lies in one of the
 *    scope's area subtrees (equal to a root path, or below it: `/wangcheng/s01`
 *    covers `/wangcheng/s01/g001` but not `/wangcheng/s010`), or when one of
 *    the scope's units leads or supports it. A scope with no areas and no
 *    units has no place and sees nothing.
 * 3. Business: when the scope names categories, the record's category must be
 *    one of them; an empty list means every category.
 * Areas are stored as materialised paths of area codes (`/wangcheng/s01/g001`),
 * so a subtree test is a prefix test and needs no tree walk. The rule itself, with the
 * confidential rule, is `ticketScopeRule` in ticket-scope-rule.ts.
 */

export interface Scope {
  readonly all: boolean;
  /** Roots of the area subtrees (Area ids, as stored on the user). */
  readonly areaIds: readonly string[];
  /** The materialised paths of `areaIds`, resolved when the user is loaded. */
  readonly areaPaths: readonly string[];
  readonly unitIds: readonly string[];
  /** Empty = every category. */
  readonly categoryIds: readonly string[];
}

export interface ScopedRecord {
  readonly areaPath?: string | null;
  /** The lead unit (主办). */
  readonly unitId?: string | null;
  /** Supporting units (协办). */
  readonly supportingUnitIds?: readonly string[];
  readonly categoryId?: string | null;
}

const AREA_PATH = /^(\/[A-Za-z0-9_-]+)+$/;

/** A scope that sees nothing: the safe default for an account without one. */
export const EMPTY_SCOPE: Scope = Object.freeze({ all: false, areaIds: [], areaPaths: [], unitIds: [], categoryIds: [] });

/** True when `path` is `root` or lies below it (segment-aware prefix). */
export function isAreaPathWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** True for `/a/b/c` paths of letters, digits, `_` and `-`. */
export function isAreaPath(value: unknown): value is string {
  return typeof value === 'string' && AREA_PATH.test(value);
}

function readIdList(input: Record<string, unknown>, field: keyof Scope): string[] {
  const value = input[field] ?? [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new TypeError(`scope.${field} must be an array of non-empty strings`);
  }
  return [...new Set(value as string[])];
}

/**
 * Checks a scope from an admin form or a token before it is stored or trusted.
 * Missing lists default to empty; `areaPaths` must be well-formed paths.
 */
export function parseScope(input: unknown): Scope {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('scope must be an object');
  }
  const record = input as Record<string, unknown>;
  const all = record.all ?? false;
  if (typeof all !== 'boolean') throw new TypeError('scope.all must be a boolean');
  const areaPaths = readIdList(record, 'areaPaths');
  const badPath = areaPaths.find((path) => !isAreaPath(path));
  if (badPath !== undefined) throw new RangeError(`scope.areaPaths: "${badPath}" is not a path like /district/street/grid`);
  return {
    all,
    areaIds: readIdList(record, 'areaIds'),
    areaPaths,
    unitIds: readIdList(record, 'unitIds'),
    categoryIds: readIdList(record, 'categoryIds'),
  };
}
