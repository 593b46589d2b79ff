import { describe, expect, it } from 'vitest';
import type { AdminCategory } from '#/api/admin-catalogue';
import zhCN from '#/locales/zh-CN';
import { buildTree, emptyCategoryForm, newCategoryOf, parentOptionsOf } from './data';
import { categoryFieldsOf, categoryFormOf, categoryPatchOf, emptyRequiredField, issueOfField, issueText, requiredFieldsIssue } from './edit-form';

const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN);
const t = (key: string, values: Record<string, unknown> = {}) => String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
const te = (key: string) => typeof lookup(key) === 'string';

const cat = (id: string, name: string, parentId: string | null, extra: Partial<AdminCategory> = {}): AdminCategory => ({
  id, code: id, name, nameEn: id, parentId, isLeaf: true, isPolice: false, defaultKind: 'complaint', level: 'district', defaultUnitId: null,
  defaultUnitName: null, signLimit: null, handleLimit: null, extensionLimitDays: null, requiredFields: [], keywords: [], verifyOnSite: false, active: true, version: 1, openTickets: 0, ...extra,
});

describe('the category tree and its form', () => {
  const rows = [cat('env', '环境保护', null), cat('env.water', '水体污染', 'env', { keywords: ['污水'] }), cat('city', '城市管理', null, { active: false })];

  it('nests sub-categories under their parent and labels parents by their path', () => {
    expect(buildTree(rows).map((row) => [row.name, row.children?.map((c) => c.name)])).toEqual([['环境保护', ['水体污染']], ['城市管理', undefined]]);
    expect(parentOptionsOf(rows, 'zh-CN')).toEqual([{ value: 'env', label: '环境保护' }, { value: 'env.water', label: '环境保护 / 水体污染' }]);
  });

  it('creates a category with its extra fields, options only on a drop-down', () => {
    const body = newCategoryOf({ ...emptyCategoryForm(), parentId: 'env', code: 'env.river', name: '河道', requiredFields: [
      { key: ' river ', label: '河段', labelEn: 'Section', type: 'select', options: ['上游'], required: true },
      { key: 'note', label: '备注', labelEn: 'Note', type: 'text', options: [], required: false },
    ] });
    expect(body.requiredFields).toEqual([
      { key: 'river', label: '河段', labelEn: 'Section', type: 'select', options: ['上游'], required: true },
      { key: 'note', label: '备注', labelEn: 'Note', type: 'text', required: false },
    ]);
    expect([body.parentId, body.nameEn]).toEqual(['env', '河道']);
  });

  it('sends options only for a select field, and keywords trimmed without repeats', () => {
    const form = { ...categoryFormOf(cat('env.water', '水体污染', 'env')), keywords: [' 污水 ', '污水', '排污'], requiredFields: [
      { key: 'river', label: '河道', labelEn: 'River', type: 'select' as const, options: ['东河', '西河'], required: true },
      { key: 'note', label: '备注', labelEn: 'Note', type: 'text' as const, options: ['stale'], required: false },
    ] };
    const fields = categoryFieldsOf(form);
    expect(fields.keywords).toEqual(['污水', '排污']);
    expect(fields.requiredFields).toEqual([
      { key: 'river', label: '河道', labelEn: 'River', type: 'select', options: ['东河', '西河'], required: true },
      { key: 'note', label: '备注', labelEn: 'Note', type: 'text', required: false },
    ]);
  });

  it('leaves keywords and extra fields out of an edit that did not change them', () => {
    const water = rows[1]!;
    expect(categoryPatchOf(categoryFormOf(water), water)).not.toHaveProperty('keywords');
    expect(categoryPatchOf({ ...categoryFormOf(water), keywords: ['污水', '黑臭'] }, water).keywords).toEqual(['污水', '黑臭']);
  });

  it('finds the first problem of the extra fields, naming its row', () => {
    const ok = { key: 'river', label: '河道', labelEn: 'River', type: 'select' as const, options: ['东河'], required: true };
    expect(requiredFieldsIssue([ok])).toBeNull();
    expect(requiredFieldsIssue([ok, { ...ok, options: [] }])).toEqual({ field: 'requiredFields', row: 1, part: 'key', code: 'duplicateKey' });
    expect(requiredFieldsIssue([{ ...ok, options: [] }])).toMatchObject({ row: 0, part: 'options', code: 'noOptions' });
    expect(requiredFieldsIssue([{ ...emptyRequiredField(), key: 'River' }])).toMatchObject({ part: 'key', code: 'badKey' });
    expect(issueText(requiredFieldsIssue([{ ...ok, options: [] }])!, t, te)).toBe('附加字段第 1 行的选项：下拉选择至少要有一个选项');
  });

  it('reads the server\'s field names, both spellings of a row', () => {
    expect(issueOfField('requiredFields[2].options', 'invalid')).toEqual({ field: 'requiredFields', row: 2, part: 'options', code: 'invalid' });
    expect(issueOfField('requiredFields.0.key', 'invalid')).toMatchObject({ row: 0, part: 'key' });
    expect(issueText(issueOfField('defaultUnitId', 'invalid'), t, te)).toBe('默认承办单位：不符合要求');
  });
});
