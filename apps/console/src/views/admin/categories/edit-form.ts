/**
 * The edit drawer's pure parts: a category ↔ its form, the PATCH body (keywords and extra fields
 * only when changed), and the extra fields' checks and refusals in words. No I/O.
 */
import type { AdminCategory, CategoryFields, CategoryPatch, LimitUnit, RequiredFieldInput, WorkingTimeLimit } from '#/api/admin-catalogue';
import { requiredFieldsOf } from './data';

type T = (key: string, values?: Record<string, unknown>) => string;

/** The edit form (the code and the parent do not change here). */
export interface CategoryForm {
  code: string; name: string; nameEn: string; parentId: string; isPolice: boolean; defaultKind: string; level: string; defaultUnitId: string;
  handleAmount: number | null; handleUnit: LimitUnit; signAmount: number | null; signUnit: LimitUnit; extensionLimitDays: number | null;
  keywords: string[]; requiredFields: RequiredFieldInput[]; verifyOnSite: boolean;
}

const copyField = (field: Record<string, unknown>): RequiredFieldInput => ({
  key: String(field.key ?? ''), label: String(field.label ?? ''), labelEn: String(field.labelEn ?? ''),
  type: (['number', 'date', 'select'].includes(field.type as string) ? field.type : 'text') as RequiredFieldInput['type'],
  ...(Array.isArray(field.options) ? { options: field.options.map(String) } : {}), required: field.required !== false,
});

export function categoryFormOf(row: AdminCategory): CategoryForm {
  return {
    code: row.code, name: row.name, nameEn: row.nameEn, parentId: row.parentId ?? '', isPolice: row.isPolice, defaultKind: row.defaultKind, level: row.level,
    defaultUnitId: row.defaultUnitId ?? '', handleAmount: row.handleLimit?.amount ?? null, handleUnit: row.handleLimit?.unit ?? 'working_days',
    signAmount: row.signLimit?.amount ?? null, signUnit: row.signLimit?.unit ?? 'working_hours', extensionLimitDays: row.extensionLimitDays,
    keywords: [...row.keywords], requiredFields: row.requiredFields.map(copyField), verifyOnSite: row.verifyOnSite,
  };
}

const limitOf = (amount: number | null, unit: LimitUnit): WorkingTimeLimit | null => (amount ? { amount, unit } : null);

/** The form as the API takes it: trimmed, empty choices as null, options only on a select field. */
export function categoryFieldsOf(form: CategoryForm): CategoryFields {
  return {
    name: form.name.trim(), nameEn: form.nameEn.trim(), parentId: form.parentId || null, isPolice: form.isPolice, defaultKind: form.defaultKind, level: form.level,
    defaultUnitId: form.defaultUnitId || null, handleLimit: limitOf(form.handleAmount, form.handleUnit), signLimit: limitOf(form.signAmount, form.signUnit),
    extensionLimitDays: form.extensionLimitDays || null, keywords: [...new Set(form.keywords.map((k) => k.trim()).filter(Boolean))],
    requiredFields: requiredFieldsOf(form.requiredFields), verifyOnSite: form.verifyOnSite,
  };
}

export const emptyRequiredField = (): RequiredFieldInput => ({ key: '', label: '', labelEn: '', type: 'text', required: true });

/** Where a form or the server refuses: the extra field's row (0-based) and its part, or a plain field. */
export interface FieldIssue { field: string; row?: number; part?: string; code: string }

const KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,39}$/;

/** The first problem of the extra fields, checked before sending (the server checks the same). */
export function requiredFieldsIssue(fields: readonly RequiredFieldInput[]): FieldIssue | null {
  const seen = new Set<string>();
  for (const [row, field] of fields.entries()) {
    const at = (part: string, code: string): FieldIssue => ({ field: 'requiredFields', row, part, code });
    if (!KEY_PATTERN.test(field.key.trim())) return at('key', 'badKey');
    if (seen.has(field.key.trim())) return at('key', 'duplicateKey');
    seen.add(field.key.trim());
    if (!field.label.trim()) return at('label', 'required');
    if (!field.labelEn.trim()) return at('labelEn', 'required');
    if (field.type === 'select' && !field.options?.length) return at('options', 'noOptions');
    if (field.options && new Set(field.options).size !== field.options.length) return at('options', 'duplicateOption');
  }
  return null;
}

/** The server's field name as a FieldIssue: `requiredFields[0].options` and `requiredFields.0.options` name a row. */
export function issueOfField(field: string | undefined, code: string): FieldIssue {
  const match = /^requiredFields(?:\.|\[)(\d+)\]?\.(\w+)/.exec(field ?? '');
  if (match) return { field: 'requiredFields', row: Number(match[1]), part: match[2], code };
  return { field: (field ?? 'name').split('.')[0]!, code };
}

/** A refusal in words: "附加字段第 2 行：选项 不正确" / "编码 已被占用". */
export function issueText(issue: FieldIssue, t: T, te: (key: string) => boolean): string {
  const reason = te(`catalogue.issues.${issue.code}`) ? t(`catalogue.issues.${issue.code}`) : t('catalogue.issues.invalid');
  if (issue.row === undefined) return t('catalogue.issues.onField', { field: te(`catalogue.fields.${issue.field}`) ? t(`catalogue.fields.${issue.field}`) : issue.field, reason });
  const part = te(`catalogue.requiredField.${issue.part}`) ? t(`catalogue.requiredField.${issue.part}`) : (issue.part ?? '');
  return t('catalogue.issues.onRow', { n: issue.row + 1, part, reason });
}

/** An edit's body: every plain field, and keywords/extra fields only when the form changed them (the audit stays readable). */
export function categoryPatchOf(form: CategoryForm, row: AdminCategory): CategoryPatch {
  const { keywords, requiredFields, ...plain } = categoryFieldsOf(form);
  const before = categoryFieldsOf(categoryFormOf(row));
  return {
    ...plain,
    ...(JSON.stringify(keywords) !== JSON.stringify(before.keywords) ? { keywords } : {}),
    ...(JSON.stringify(requiredFields) !== JSON.stringify(before.requiredFields) ? { requiredFields } : {}),
  };
}
