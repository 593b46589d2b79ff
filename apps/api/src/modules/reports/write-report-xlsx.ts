/**
 * The monthly report as an XLSX workbook for the district office: a summary sheet and one
 * sheet per table, labels in Chinese with English beside them, rates as numbers formatted as
 * percentages (so the file sums and charts in Excel).
 */
import ExcelJS from 'exceljs';
import type { MonthlyReport } from './build-monthly-report.js';

const PERCENT = '0.0%';
const MAILBOX_NAMES: Record<string, string> = { mayor: '市长信箱 Mayor', district_head: '区长信箱 District head' };

function addTable(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], percentColumns: number[] = []) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  for (const column of percentColumns) sheet.getColumn(column).numFmt = PERCENT;
  sheet.columns.forEach((column) => { column.width = 22; });
  return sheet;
}

/** Writes the workbook; see the module comment. */
export async function writeReportXlsx(report: MonthlyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(report.generatedAt);
  const { calls, tickets } = report;
  const summary = addTable(workbook, '概要 Summary', ['指标', 'Figure', '值 Value'], [
    ['月份', 'Month', report.month],
    ['来电总量', 'Calls offered', calls.offered],
    ['接听量', 'Calls answered', calls.answered],
    ['放弃量', 'Calls abandoned', calls.abandoned],
    ['接通率', 'Connection rate', calls.connectionRate],
    ['15秒接通率', 'Answered within 15 s', calls.timelyAnswerRate],
    ['工单总量', 'Tickets created', tickets.total],
    ['警务类工单', 'Police-type tickets', tickets.police],
    ['非警务类工单', 'Non-police tickets', tickets.nonPolice],
    ['办结量', 'Tickets closed', tickets.closed],
    ['办结率', 'Closure rate', tickets.closureRate],
    ['直接答复量', 'Direct answers', tickets.directAnswers],
    ['直接答复率', 'Direct answer rate', tickets.directAnswerRate],
  ]);
  for (const row of [6, 7, 12, 14]) summary.getCell(`C${row}`).numFmt = PERCENT;
  addTable(workbook, '信箱 Mailbox', ['信箱 Mailbox', '来信 Received', '应回复 Due', '按期回复 In time', '按期回复率 On-time rate'],
    report.mailbox.map((m) => [MAILBOX_NAMES[m.mailbox] ?? m.mailbox, m.received, m.lettersDue, m.repliedInTime, m.onTimeRate]), [5]);
  addTable(workbook, '分类 Categories', ['分类编码 Code', '分类 Category', 'Category', '工单量 Tickets', '占比 Share'],
    report.topCategories.map((c) => [c.categoryId, c.name, c.nameEn, c.count, c.share]), [5]);
  addTable(workbook, '超期单位 Overdue', ['单位编码 Unit id', '单位 Unit', 'Unit', '应办结 Due', '超期 Overdue'],
    report.overdueUnits.map((u) => [u.unitId, u.name, u.nameEn, u.due, u.overdue]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
