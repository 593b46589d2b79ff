/**
 * The accounts import template: sheet 1 has the worded header row (required columns marked *)
 * and one example row; sheet 2 lists what the cells may name — role labels, unit names, area
 * names and category names — limited to the caller's unit for a unit liaison. In the console's
 * language (`lang`); the import reads headers in either language.
 */
import ExcelJS from 'exceljs';
import { ROLES, ROLE_VALUES, UNIT_ROLES } from '@yixian/domain';
import { exportLabels, type ExportLang } from '../../../lib/export-labels.js';
import type { AccountReferences } from '../account-references.js';
import type { ManagerLimits } from '../check-account.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, columnHeader, type ImportColumn } from './import-columns.js';

const WORDS = {
  'zh-CN': {
    accounts: '账号', values: '可选值', role: '角色', unit: '单位', area: '区域', category: '业务分类', yes: '是', no: '否',
    exampleName: '张三', note: '第 2 行是示例，导入前请替换或删除。多个值用顿号（、）分隔。带 * 的列必填。',
  },
  en: {
    accounts: 'Accounts', values: 'Valid values', role: 'Role', unit: 'Unit', area: 'Area', category: 'Category', yes: 'yes', no: 'no',
    exampleName: 'Zhang San', note: 'Row 2 is an example: replace or delete it before importing. Separate several values with commas. Columns marked * are required.',
  },
} as const;

export async function writeImportTemplate(refs: AccountReferences, limits: ManagerLimits, lang: ExportLang): Promise<Buffer> {
  const words = WORDS[lang];
  const labels = exportLabels(lang);
  const nameOf = (item: { name: string; nameEn: string }) => (lang === 'en' ? item.nameEn : item.name);
  const units = [...refs.units.values()].filter((unit) => unit.active && (limits.kind === 'all' || unit.id === limits.unitId));
  const areas = [...refs.areas.values()].filter((area) => limits.kind === 'all' || refs.isInsideArea(area.id, limits.unitAreaId))
    .sort((a, b) => a.path.localeCompare(b.path));
  const roles = limits.kind === 'all' ? ROLE_VALUES : UNIT_ROLES;

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(words.accounts);
  const header = IMPORT_COLUMNS.map((column) => `${columnHeader(column, lang)}${REQUIRED_COLUMNS.includes(column) ? ' *' : ''}`);
  sheet.addRow(header).font = { bold: true };
  const exampleUnit = units.find((unit) => unit.id === (limits.kind === 'unit' ? limits.unitId : undefined)) ?? units.find((unit) => refs.areas.get(unit.areaId)?.level === 'grid') ?? units[0];
  const exampleArea = exampleUnit ? refs.areas.get(exampleUnit.areaId) : undefined;
  const example: Record<ImportColumn, string> = {
    username: 'zhang.san', displayName: words.exampleName, roles: labels.roles[ROLES.grid_member] ?? ROLES.grid_member,
    unit: exampleUnit ? nameOf(exampleUnit) : '', area: exampleArea ? nameOf(exampleArea) : '', scopeAll: words.no,
    scopeAreas: exampleArea ? nameOf(exampleArea) : '', scopeUnits: '', scopeCategories: '', extension: '', phone: '13800138000',
  };
  sheet.addRow(IMPORT_COLUMNS.map((column) => example[column]));
  sheet.columns.forEach((column) => { column.width = 18; });
  // Text cells: a phone or extension typed in keeps its leading zero.
  sheet.columns.forEach((column) => { column.numFmt = '@'; });

  const values = workbook.addWorksheet(words.values);
  values.addRow([words.role, words.unit, words.area, words.category]).font = { bold: true };
  const categories = [...refs.categories.values()];
  const height = Math.max(roles.length, units.length, areas.length, categories.length);
  for (let i = 0; i < height; i++) {
    const role = roles[i];
    values.addRow([
      role ? labels.roles[role] ?? role : '', units[i] ? nameOf(units[i]!) : '', areas[i] ? nameOf(areas[i]!) : '', categories[i] ? nameOf(categories[i]!) : '',
    ]);
  }
  values.columns.forEach((column) => { column.width = 24; });
  values.getCell(1, 6).value = words.note;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
