/**
 * Checks every row of an accounts import and reports every problem at once: names read back to
 * ids (a unit, an area or a category by its name, English name or code; a role by its label in
 * either language or its code), the account rules (check-account.ts) against the database, the
 * caller's limits, and duplicates inside the file. Each problem names the spreadsheet row, the
 * column as the file wrote it, a code the console words, and the value at fault.
 */
import { ROLE_VALUES, CENTRE_ROLES, type Role } from '@yixian/domain';
import { EXPORT_LANGS, exportLabels } from '../../../lib/export-labels.js';
import type { AccountReferences } from '../account-references.js';
import { checkAccount, checkWithinLimits, type AccountInput, type AccountIssueCode, type ManagerLimits, type TakenValues } from '../check-account.js';
import { COLUMN_OF_FIELD, readYesNo, splitList, type ImportColumn } from './import-columns.js';
import type { ImportFile } from './read-import-file.js';

export interface ImportError {
  row: number;
  /** The column's header as written in the file. */
  column: string;
  columnKey: ImportColumn;
  code: AccountIssueCode;
  message: string;
  value?: string;
}

export interface CheckedImportRow {
  row: number;
  input: AccountInput;
  phone: string | null;
}

type Resolved = { id: string } | { code: 'unknown' | 'ambiguous' };

const key = (text: string) => text.trim().toLowerCase();

function nameIndex(items: Iterable<{ id: string; code: string; name: string; nameEn: string }>) {
  const index = new Map<string, Set<string>>();
  for (const item of items) {
    for (const word of [item.code, item.name, item.nameEn]) {
      const set = index.get(key(word)) ?? new Set<string>();
      set.add(item.id);
      index.set(key(word), set);
    }
  }
  return (text: string): Resolved => {
    const ids = index.get(key(text));
    if (!ids) return { code: 'unknown' };
    return ids.size === 1 ? { id: [...ids][0]! } : { code: 'ambiguous' };
  };
}

function roleIndex() {
  const index = new Map<string, Role>();
  for (const role of ROLE_VALUES) {
    index.set(key(role), role);
    for (const lang of EXPORT_LANGS) index.set(key(exportLabels(lang).roles[role] ?? role), role);
  }
  return index;
}

export interface CheckImportOptions {
  file: ImportFile;
  refs: AccountReferences;
  limits: ManagerLimits;
  /** The usernames and extensions the database holds. */
  taken: TakenValues;
}

export function checkImportRows({ file, refs, limits, taken }: CheckImportOptions): { errors: ImportError[]; rows: CheckedImportRow[] } {
  const findUnit = nameIndex(refs.units.values());
  const findArea = nameIndex(refs.areas.values());
  const findCategory = nameIndex(refs.categories.values());
  const roles = roleIndex();
  const errors: ImportError[] = [];
  const rows: CheckedImportRow[] = [];
  const usernamesInFile = new Map<string, number>();
  const extensionsInFile = new Map<string, number>();

  for (const { row, values } of file.rows) {
    const rowErrors: ImportError[] = [];
    const fail = (columnKey: ImportColumn, code: AccountIssueCode, message: string, value?: string) => {
      rowErrors.push({ row, column: file.headers[columnKey], columnKey, code, message, ...(value !== undefined ? { value } : {}) });
    };
    const resolveOne = (columnKey: ImportColumn, text: string, find: (t: string) => Resolved, what: AccountIssueCode): string | null => {
      const found = find(text);
      if ('id' in found) return found.id;
      if (found.code === 'ambiguous') fail(columnKey, 'ambiguous_name', `"${text}" names several; use its code`, text);
      else fail(columnKey, what, `no such ${columnKey}: "${text}"`, text);
      return null;
    };
    const resolveList = (columnKey: ImportColumn, text: string, find: (t: string) => Resolved, what: AccountIssueCode) =>
      splitList(text).map((part) => resolveOne(columnKey, part, find, what)).filter((id): id is string => id !== null);

    const roleCodes: string[] = [];
    for (const label of splitList(values.roles)) {
      const role = roles.get(key(label));
      if (role) roleCodes.push(role);
      else fail('roles', 'unknown_role', `no such role: "${label}"`, label);
    }
    const unitId = values.unit ? resolveOne('unit', values.unit, findUnit, 'unknown_unit') : null;
    const areaId = values.area ? resolveOne('area', values.area, findArea, 'unknown_area') : null;
    const scopeAreaIds = resolveList('scopeAreas', values.scopeAreas, findArea, 'unknown_area');
    const listedUnits = resolveList('scopeUnits', values.scopeUnits, findUnit, 'unknown_unit');
    const scopeCategoryIds = resolveList('scopeCategories', values.scopeCategories, findCategory, 'unknown_category');
    let scopeAll = readYesNo(values.scopeAll);
    if (scopeAll === undefined) fail('scopeAll', 'bad_yes_no', `"${values.scopeAll}" is not 是/否 (yes/no)`, values.scopeAll);
    scopeAll ??= roleCodes.some((role) => CENTRE_ROLES.includes(role as Role));

    const input: AccountInput = {
      username: values.username, displayName: values.displayName, roles: roleCodes, unitId, areaId, scopeAll,
      scopeAreaIds, scopeUnitIds: listedUnits.length || values.scopeUnits ? listedUnits : unitId ? [unitId] : [],
      scopeCategoryIds, extension: values.extension || null, phone: values.phone || null,
    };
    // A name that could not be read already has its error: the rules would only repeat it.
    const readFailed = new Set(rowErrors.map((error) => error.columnKey));
    const checked = checkAccount(input, refs, taken);
    for (const issue of [...checked.issues, ...checkWithinLimits(input, limits, refs)]) {
      const columnKey = COLUMN_OF_FIELD[issue.field];
      if (!readFailed.has(columnKey)) fail(columnKey, issue.code, issue.message, issue.value);
    }
    const firstRowOfName = usernamesInFile.get(key(input.username));
    if (input.username && firstRowOfName !== undefined) fail('username', 'duplicate_in_file', `username ${input.username} is also on row ${firstRowOfName}`, input.username);
    else if (input.username) usernamesInFile.set(key(input.username), row);
    const firstRowOfExtension = input.extension ? extensionsInFile.get(input.extension) : undefined;
    if (input.extension && firstRowOfExtension !== undefined) fail('extension', 'duplicate_in_file', `extension ${input.extension} is also on row ${firstRowOfExtension}`, input.extension);
    else if (input.extension) extensionsInFile.set(input.extension, row);

    errors.push(...rowErrors);
    if (rowErrors.length === 0) rows.push({ row, input, phone: checked.phone });
  }
  return { errors, rows };
}
