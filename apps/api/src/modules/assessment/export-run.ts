/**
 * A run's ranked table as a file: XLSX (one sheet per unit type) or CSV (RFC 4180 quoting, UTF-8
 * BOM so Excel reads the Chinese names). Numbers are written as numbers, so the file parses back
 * to exactly the stored scores; a unit or indicator without data reads 无数据 / "No data". Headers
 * and unit types are in the console's language (`lang`), indicators by their names.
 */
import ExcelJS from 'exceljs';
import { exportLabels, labelOf, type ExportLang } from '../../lib/export-labels.js';
import type { RunDetail } from './read-runs.js';

type Cell = string | number | null;

function buildTable(group: RunDetail['groups'][number], lang: ExportLang): Cell[][] {
  const l = exportLabels(lang);
  const w = l.words;
  const header: Cell[] = [w.unitType!, w.rank!, w.unitCode!, w.unit!, w.score!];
  for (const { indicator } of group.indicators) {
    const name = labelOf(l.indicators, indicator);
    header.push(name, `${name} ${w.numerator}`, `${name} ${w.denominator}`, `${name} ${w.points}`);
  }
  const rows: Cell[][] = [header];
  for (const unit of group.units) {
    const row: Cell[] = [
      labelOf(l.unitTypes, group.unitType), unit.rank, unit.unitCode, lang === 'en' ? unit.unitNameEn : unit.unitName, unit.score ?? w.noData!,
    ];
    for (const { indicator } of group.indicators) {
      const item = unit.indicators.find((entry) => entry.indicator === indicator);
      row.push(item?.noData ? w.noData! : item?.value ?? null, item?.numerator ?? null, item?.denominator ?? null, item?.points ?? null);
    }
    rows.push(row);
  }
  return rows;
}

function quoteCsv(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV: the unit types one after another, a blank line between, CRLF line ends. */
export function exportRunCsv(run: RunDetail, lang: ExportLang): string {
  const blocks = run.groups.map((group) => buildTable(group, lang).map((row) => row.map(quoteCsv).join(',')).join('\r\n'));
  return `\uFEFF${blocks.join('\r\n\r\n')}\r\n`;
}

export async function exportRunXlsx(run: RunDetail, lang: ExportLang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(run.computedAt);
  for (const group of run.groups) {
    const sheet = workbook.addWorksheet(labelOf(exportLabels(lang).unitTypes, group.unitType));
    for (const row of buildTable(group, lang)) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function exportFileName(run: RunDetail, extension: 'csv' | 'xlsx'): string {
  const period = run.period.number === null ? `${run.period.year}` : `${run.period.year}-${run.period.kind === 'half_year' ? 'H' : ''}${run.period.number}`;
  return `assessment-${period}-v${run.schemeVersion}-${run.id.slice(0, 8)}.${extension}`;
}
