/**
 * A run's ranked table as a file: XLSX (one sheet per unit type) or CSV (RFC 4180 quoting, UTF-8
 * BOM so Excel reads the Chinese names). Numbers are written as numbers, so the file parses back
 * to exactly the stored scores.
 */
import ExcelJS from 'exceljs';
import type { RunDetail } from './read-runs.js';

export const EXPORT_LANGS = { zh: 'zh-CN', en: 'en' } as const;
export type ExportLang = (typeof EXPORT_LANGS)[keyof typeof EXPORT_LANGS];

const LABELS = {
  'zh-CN': {
    unitType: '单位类型', rank: '排名', unitCode: '单位编码', unitName: '单位名称', score: '得分',
    value: '值', numerator: '分子', denominator: '分母', points: '得分',
    types: { department: '区直部门', street_office: '街镇', grid_team: '网格' } as Record<string, string>,
  },
  en: {
    unitType: 'Unit type', rank: 'Rank', unitCode: 'Unit code', unitName: 'Unit', score: 'Score',
    value: 'value', numerator: 'numerator', denominator: 'denominator', points: 'points',
    types: { department: 'Departments', street_office: 'Street offices', grid_team: 'Grid teams' } as Record<string, string>,
  },
};

type Cell = string | number | null;

function buildTable(group: RunDetail['groups'][number], lang: ExportLang): Cell[][] {
  const l = LABELS[lang];
  const header: Cell[] = [l.unitType, l.rank, l.unitCode, l.unitName, l.score];
  for (const { indicator } of group.indicators) {
    header.push(`${indicator} ${l.value}`, `${indicator} ${l.numerator}`, `${indicator} ${l.denominator}`, `${indicator} ${l.points}`);
  }
  const rows: Cell[][] = [header];
  for (const unit of group.units) {
    const row: Cell[] = [l.types[group.unitType] ?? group.unitType, unit.rank, unit.unitCode, lang === 'en' ? unit.unitNameEn : unit.unitName, unit.score];
    for (const { indicator } of group.indicators) {
      const item = unit.indicators.find((entry) => entry.indicator === indicator);
      row.push(item?.value ?? null, item?.numerator ?? null, item?.denominator ?? null, item?.points ?? null);
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
    const sheet = workbook.addWorksheet(group.unitType);
    for (const row of buildTable(group, lang)) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function exportFileName(run: RunDetail, extension: 'csv' | 'xlsx'): string {
  const period = run.period.number === null ? `${run.period.year}` : `${run.period.year}-${run.period.kind === 'half_year' ? 'H' : ''}${run.period.number}`;
  return `assessment-${period}-v${run.schemeVersion}-${run.id.slice(0, 8)}.${extension}`;
}
