/**
 * The monthly report as an XLSX workbook for the district office: a summary sheet and one
 * sheet per table, in the console's language (`lang`, default Chinese), names in the cells (no
 * codes), rates as numbers formatted as percentages (so the file sums and charts in Excel).
 */
import ExcelJS from 'exceljs';
import type { ExportLang } from '../../lib/export-labels.js';
import { SETTLEMENT_LEVELS } from '../routing/settlement-shares.js';
import type { MonthlyReport } from './build-monthly-report.js';
import { addEmergencySheet } from './write-emergency-sheet.js';

const PERCENT = '0.0%';

const WORDS = {
  'zh-CN': {
    sheets: { summary: '概要', mailbox: '信箱', categories: '分类', overdue: '超期单位', settlement: '属地化解' },
    level: '层级', norm: '目标占比', onSpot: '其中：网格员自处', patrol: '其中：巡查上报',
    levels: { grid: '网格', street: '街镇', district: '区直部门' },
    figure: '指标', value: '值', month: '月份', offered: '来电总量', answered: '接听量', abandoned: '放弃量', connectionRate: '接通率',
    timelyAnswerRate: '15 秒接通率', tickets: '工单总量', police: '警务类工单', nonPolice: '非警务类工单', closed: '办结量', closureRate: '办结率',
    directAnswers: '直接答复量', directAnswerRate: '直接答复率',
    mailboxName: '信箱', received: '来信', lettersDue: '应回复', repliedInTime: '按期回复', onTimeRate: '按期回复率',
    category: '分类', count: '工单量', share: '占比', unit: '单位', due: '应办结', overdue: '超期',
    mailboxes: { mayor: '市长信箱', district_head: '区长信箱' } as Record<string, string>,
  },
  en: {
    sheets: { summary: 'Summary', mailbox: 'Mailbox', categories: 'Categories', overdue: 'Overdue units', settlement: 'Where work settled' },
    level: 'Level', norm: 'Target share', onSpot: 'of which handled on the spot', patrol: 'of which patrol reports',
    levels: { grid: 'Grid', street: 'Street / town', district: 'District departments' },
    figure: 'Figure', value: 'Value', month: 'Month', offered: 'Calls offered', answered: 'Calls answered', abandoned: 'Calls abandoned',
    connectionRate: 'Connection rate', timelyAnswerRate: 'Answered within 15 s', tickets: 'Tickets created', police: 'Police-type tickets',
    nonPolice: 'Non-police tickets', closed: 'Tickets closed', closureRate: 'Closure rate', directAnswers: 'Direct answers', directAnswerRate: 'Direct answer rate',
    mailboxName: 'Mailbox', received: 'Received', lettersDue: 'Due', repliedInTime: 'In time', onTimeRate: 'On-time rate',
    category: 'Category', count: 'Tickets', share: 'Share', unit: 'Unit', due: 'Due', overdue: 'Overdue',
    mailboxes: { mayor: "Mayor's mailbox", district_head: "District head's mailbox" } as Record<string, string>,
  },
} as const;

function addTable(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], percentColumns: number[] = []) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  for (const column of percentColumns) sheet.getColumn(column).numFmt = PERCENT;
  sheet.columns.forEach((column) => { column.width = 22; });
  return sheet;
}

/** Writes the workbook; see the module comment. */
export async function writeReportXlsx(report: MonthlyReport, lang: ExportLang = 'zh-CN'): Promise<Buffer> {
  const w = WORDS[lang];
  const en = lang === 'en';
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(report.generatedAt);
  const { calls, tickets } = report;
  const summary = addTable(workbook, w.sheets.summary, [w.figure, w.value], [
    [w.month, report.month],
    [w.offered, calls.offered],
    [w.answered, calls.answered],
    [w.abandoned, calls.abandoned],
    [w.connectionRate, calls.connectionRate],
    [w.timelyAnswerRate, calls.timelyAnswerRate],
    [w.tickets, tickets.total],
    [w.police, tickets.police],
    [w.nonPolice, tickets.nonPolice],
    [w.closed, tickets.closed],
    [w.closureRate, tickets.closureRate],
    [w.directAnswers, tickets.directAnswers],
    [w.directAnswerRate, tickets.directAnswerRate],
  ]);
  for (const row of [6, 7, 12, 14]) summary.getCell(`B${row}`).numFmt = PERCENT;
  addTable(workbook, w.sheets.mailbox, [w.mailboxName, w.received, w.lettersDue, w.repliedInTime, w.onTimeRate],
    report.mailbox.map((m) => [w.mailboxes[m.mailbox] ?? m.mailbox, m.received, m.lettersDue, m.repliedInTime, m.onTimeRate]), [5]);
  addTable(workbook, w.sheets.categories, [w.category, w.count, w.share],
    report.topCategories.map((c) => [en && c.nameEn ? c.nameEn : c.name, c.count, c.share]), [3]);
  addTable(workbook, w.sheets.overdue, [w.unit, w.due, w.overdue],
    report.overdueUnits.map((u) => [en && u.nameEn ? u.nameEn : u.name, u.due, u.overdue]));
  const { settlement } = report;
  addTable(workbook, w.sheets.settlement, [w.level, w.count, w.share, w.norm, w.onSpot, w.patrol],
    SETTLEMENT_LEVELS.map((level) => [
      w.levels[level], settlement.counts[level], settlement.shares[level], settlement.norms[level],
      settlement.breakdown[level].onSpot, settlement.breakdown[level].patrol,
    ]), [3, 4]);
  addEmergencySheet(workbook, report.emergency, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
