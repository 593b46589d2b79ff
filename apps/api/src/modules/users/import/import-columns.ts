/**
 * The columns of the accounts import (and its template): one key each, the header a person reads
 * in either language (export-labels.ts `accountColumns`, the console's words), and how a cell
 * reads — lists split on 、，,;； or a line break, yes/no as 是/否/yes/no/1/0.
 */
import { EXPORT_LANGS, exportLabels, type ExportLang } from '../../../lib/export-labels.js';
import type { AccountField } from '../check-account.js';

export const IMPORT_COLUMNS = [
  'username', 'displayName', 'roles', 'unit', 'area', 'scopeAll', 'scopeAreas', 'scopeUnits', 'scopeCategories', 'extension', 'phone',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['username', 'displayName', 'roles'];

/** The account field a column fills, for naming the column of an account rule's issue. */
export const COLUMN_OF_FIELD: Record<AccountField, ImportColumn> = {
  username: 'username', displayName: 'displayName', roles: 'roles', unitId: 'unit', areaId: 'area', scopeAll: 'scopeAll',
  scopeAreaIds: 'scopeAreas', scopeUnitIds: 'scopeUnits', scopeCategoryIds: 'scopeCategories', extension: 'extension', phone: 'phone',
};

export function columnHeader(column: ImportColumn, lang: ExportLang): string {
  return exportLabels(lang).accountColumns[column] ?? column;
}

const normaliseHeader = (text: string) => text.replace(/[\s*＊]/g, '').toLowerCase();

/** The column a header names, in either language (a trailing * for "required" is allowed), or its key. */
export function columnOfHeader(header: string): ImportColumn | null {
  const wanted = normaliseHeader(header);
  for (const column of IMPORT_COLUMNS) {
    if (normaliseHeader(column) === wanted) return column;
    for (const lang of EXPORT_LANGS) if (normaliseHeader(columnHeader(column, lang)) === wanted) return column;
  }
  return null;
}

export function splitList(text: string): string[] {
  return text.split(/[、，,;；\n]/).map((part) => part.trim()).filter(Boolean);
}

const YES = new Set(['是', 'yes', 'y', 'true', '1']);
const NO = new Set(['否', 'no', 'n', 'false', '0']);

/** true/false, null when empty, undefined when it is neither. */
export function readYesNo(text: string): boolean | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}
