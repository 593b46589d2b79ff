/**
 * The roster import template: sheet 1 has the worded header row and two example rows (the on-duty
 * person and the deputy of one 24-hour shift from 08:00); sheet 2 lists the unit codes the caller
 * may import (its own unit for a liaison) with their names, and the role words. Text cells, so a
 * phone keeps its leading zero. In the console's language; the import reads either.
 */
import ExcelJS from 'exceljs';
import { DUTY_ROLE_VALUES } from '@yixian/domain';
import type { ExportLang } from '../../../lib/export-labels.js';
import { ROLE_WORDS, ROSTER_COLUMNS, ROSTER_HEADERS, writeTime } from './roster-columns.js';

const WORDS = {
  'zh-CN': { shifts: '值班表', values: '可选值', unitCode: '单位编码', unit: '单位', role: '角色', example: ['张三', '李四'], note: '第 2、3 行是示例，导入前请替换或删除。时间按北京时间填写，如 2026-12-06 08:00。' },
  en: { shifts: 'Roster', values: 'Valid values', unitCode: 'Unit code', unit: 'Unit', role: 'Role', example: ['Zhang San', 'Li Si'], note: 'Rows 2 and 3 are examples: replace or delete them before importing. Times are Beijing time, e.g. 2026-12-06 08:00.' },
} as const;

export async function writeRosterTemplate(units: { code: string; name: string; nameEn: string }[], lang: ExportLang, now: Date): Promise<Buffer> {
  const words = WORDS[lang];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(words.shifts);
  sheet.addRow(ROSTER_COLUMNS.map((column) => `${ROSTER_HEADERS[lang][column]} *`)).font = { bold: true };
  // The example shift: tomorrow 08:00 to the day after, Beijing time.
  const day = new Date(now.getTime() + 8 * 3_600_000);
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1, 0, 0));
  const end = new Date(start.getTime() + 24 * 3_600_000);
  const code = units[0]?.code ?? '';
  sheet.addRow([code, ROLE_WORDS[lang].on_duty, words.example[0], '13900000001', writeTime(start), writeTime(end)]);
  sheet.addRow([code, ROLE_WORDS[lang].deputy, words.example[1], '13900000002', writeTime(start), writeTime(end)]);
  sheet.columns.forEach((column) => { column.width = 20; column.numFmt = '@'; });

  const values = workbook.addWorksheet(words.values);
  values.addRow([words.unitCode, words.unit, words.role]).font = { bold: true };
  for (let i = 0; i < Math.max(units.length, DUTY_ROLE_VALUES.length); i++) {
    const unit = units[i];
    const role = DUTY_ROLE_VALUES[i];
    values.addRow([unit?.code ?? '', unit ? (lang === 'en' ? unit.nameEn : unit.name) : '', role ? ROLE_WORDS[lang][role] : '']);
  }
  values.columns.forEach((column) => { column.width = 28; });
  values.getCell(1, 5).value = words.note;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
