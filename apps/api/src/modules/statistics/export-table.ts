/**
 * Every statistics table can leave as a file: CSV by hand (RFC 4180: fields with a comma, quote or
 * line break are quoted and quotes doubled; CRLF line ends; a UTF-8 BOM so Excel reads Chinese) or
 * XLSX through exceljs. Numbers stay numbers in XLSX; rates are fractions, as in the JSON.
 */
import ExcelJS from 'exceljs';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportColumn { key: string; header: string }
export type ExportRow = Record<string, string | number | null>;

function quoteCsv(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(columns: ExportColumn[], rows: ExportRow[]): string {
  const lines = [columns.map((c) => quoteCsv(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quoteCsv(row[c.key] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function renderXlsx(sheetName: string, columns: ExportColumn[], rows: ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, c.header.length + 2) }));
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file body, its content type and a download name. */
export async function renderExport(format: Exclude<ExportFormat, 'json'>, name: string, columns: ExportColumn[], rows: ExportRow[]) {
  if (format === 'csv') return { body: renderCsv(columns, rows), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
  return { body: await renderXlsx(name, columns, rows), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${name}.xlsx` };
}
