/** Pure helpers of the catalogue pages (categories, rules, calendar): words, never codes. */
import type { ApiError } from '#/api/api-error';
import type { AdminCategory, LimitUnit, NewCategory, ReplanPreview, RequiredFieldInput, WorkingTimeLimit } from '#/api/admin-catalogue';
import { formatTime } from '#/utils/format-time';

type T = (key: string, values?: Record<string, unknown>) => string;

export const localName = (row: { name: string; nameEn: string }, locale: string) => (locale.startsWith('zh') ? row.name : row.nameEn);

/** "5 个工作日" / "4 工作小时" / "默认". */
export function limitText(limit: WorkingTimeLimit | null, t: T): string {
  if (!limit) return t('catalogue.limit.default');
  return t(`catalogue.limit.${limit.unit}`, { n: limit.amount });
}

/** The centre's time to the minute, as everywhere in the console. */
export function dueText(iso: string | null, locale: string): string {
  return iso ? formatTime(iso, locale, 'minutes') : '—';
}

/** The moved due time of a preview row: the reply deadline if it moved, else sign-for, else follow-up. */
export function movedDue(row: ReplanPreview['sample'][number]): { before: string | null; after: string | null } {
  for (const key of ['handleDueAt', 'signDueAt', 'followUpDueAt'] as const) {
    if (row.before[key] !== row.after[key]) return { before: row.before[key], after: row.after[key] };
  }
  return { before: row.before.handleDueAt, after: row.after.handleDueAt };
}

/** A save's failure in words: a stale edit names who changed which fields; a refusal names the field. */
export function saveErrorText(error: ApiError, t: T, te: (key: string) => boolean): string {
  const details = (error.details.details ?? {}) as { reason?: string; changes?: { by: string | null; fields: string[] }[]; changedFields?: string[] };
  if (error.code === 'conflict' && details.reason === 'stale_version') {
    const by = [...new Set((details.changes ?? []).map((c) => c.by ?? t('catalogue.someone')))].join('、') || t('catalogue.someone');
    const fields = (details.changedFields ?? []).filter((f) => f !== 'version').map((f) => (te(`catalogue.fields.${f}`) ? t(`catalogue.fields.${f}`) : f)).join('、');
    return t('catalogue.errors.stale', { by, fields });
  }
  const field = error.field?.replace(/^\/?(body\/)?/, '').split(/[./[]/)[0];
  if (error.code === 'conflict' && field === 'code') return t('catalogue.errors.codeTaken');
  if (error.code === 'validation_failed' && field) return t('catalogue.errors.field', { field: te(`catalogue.fields.${field}`) ? t(`catalogue.fields.${field}`) : field });
  return t('catalogue.errors.refused', { message: error.message });
}

/** The create form: a leaf under a group, or a group (no parent). */
export interface NewCategoryForm {
  parentId: string;
  code: string;
  name: string;
  nameEn: string;
  defaultKind: string;
  isPolice: boolean;
  level: string;
  defaultUnitId: string;
  handleAmount: number | null;
  handleUnit: LimitUnit;
  signAmount: number | null;
  signUnit: LimitUnit;
  extensionLimitDays: number | null;
  keywords: string[];
  requiredFields: RequiredFieldInput[];
  verifyOnSite: boolean;
}

export function emptyCategoryForm(): NewCategoryForm {
  return {
    parentId: '', code: '', name: '', nameEn: '', defaultKind: 'complaint', isPolice: false, level: 'grid', defaultUnitId: '',
    handleAmount: null, handleUnit: 'working_days', signAmount: null, signUnit: 'working_hours', extensionLimitDays: null, keywords: [], requiredFields: [],
    verifyOnSite: false,
  };
}

const limitOf = (amount: number | null, unit: LimitUnit): WorkingTimeLimit | null => (amount ? { amount, unit } : null);

/** The API body; an empty English name reads the Chinese one (a district that names things in Chinese only). */
export function newCategoryOf(form: NewCategoryForm): NewCategory {
  return {
    code: form.code.trim(), name: form.name.trim(), nameEn: form.nameEn.trim() || form.name.trim(), parentId: form.parentId || null,
    isPolice: form.isPolice, defaultKind: form.defaultKind, level: form.level, defaultUnitId: form.defaultUnitId || null,
    signLimit: limitOf(form.signAmount, form.signUnit), handleLimit: limitOf(form.handleAmount, form.handleUnit),
    extensionLimitDays: form.extensionLimitDays || null, keywords: form.keywords.map((word) => word.trim()).filter(Boolean), requiredFields: requiredFieldsOf(form.requiredFields),
    verifyOnSite: form.verifyOnSite,
  };
}

/** A category row with its sub-categories, for the tree table. */
export interface TreeRow extends AdminCategory { children?: TreeRow[] }

/** The flat list as a tree (the server's code order kept within each parent). */
export function buildTree(rows: readonly AdminCategory[]): TreeRow[] {
  const byParent = new Map<string | null, TreeRow[]>();
  for (const row of rows) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), { ...row }]);
  const attach = (list: TreeRow[]): TreeRow[] => list.map((row) => {
    const children = byParent.get(row.id);
    return children ? { ...row, children: attach(children) } : row;
  });
  return attach(byParent.get(null) ?? []);
}

/** Every active category as a possible parent, labelled by its path of names ("环境保护 / 水体污染"). */
export function parentOptionsOf(rows: readonly AdminCategory[], locale: string): { value: string; label: string }[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const pathOf = (row: AdminCategory): string[] => {
    const parent = row.parentId ? byId.get(row.parentId) : undefined;
    return [...(parent ? pathOf(parent) : []), localName(row, locale)];
  };
  return rows.filter((row) => row.active).map((row) => ({ value: row.id, label: pathOf(row).join(' / ') })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** Extra fields as the API takes them: trimmed, `options` only on a select field. */
export function requiredFieldsOf(fields: readonly RequiredFieldInput[]): RequiredFieldInput[] {
  return fields.map(({ options, ...field }) => ({
    ...field, key: field.key.trim(), label: field.label.trim(), labelEn: field.labelEn.trim(), ...(field.type === 'select' ? { options: [...(options ?? [])] } : {}),
  }));
}
