/**
 * Reads an uploaded accounts workbook: it must truly be an XLSX (a ZIP: its first bytes are
 * `PK\x03\x04`), its first sheet's first row names the columns (in Chinese or English, any
 * order), and it holds at most IMPORT_MAX_ROWS accounts. Every cell is read as text, so a phone
 * typed as a number keeps its digits. Refusals name what is wrong; nothing is written here.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../../../lib/app-error.js';
import { openUploadedSheet } from '../../../lib/open-uploaded-sheet.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, columnOfHeader, type ImportColumn } from './import-columns.js';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export interface ImportRow {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  row: number;
  values: Record<ImportColumn, string>;
}

export interface ImportFile {
  /** The header text of each column as the file wrote it, to name columns in the report. */
  headers: Record<ImportColumn, string>;
  rows: ImportRow[];
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

export async function readImportFile(body: Buffer): Promise<ImportFile> {
  const sheet = await openUploadedSheet(body);

  const positions = new Map<ImportColumn, number>();
  const headers = {} as Record<ImportColumn, string>;
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell);
    const column = columnOfHeader(text);
    if (!column && text) throw new AppError('validation_failed', `Row 1, column ${col}: unknown column "${text}" (download the template for the columns)`, { field: 'file', details: { row: 1, column: text } });
    if (column && positions.has(column)) throw new AppError('validation_failed', `Row 1: the column "${text}" appears twice`, { field: 'file', details: { row: 1, column: text } });
    if (column) { positions.set(column, col); headers[column] = text; }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length) throw new AppError('validation_failed', `Row 1: missing column(s) ${missing.join(', ')}`, { field: 'file', details: { missing } });

  const rows: ImportRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = {} as Record<ImportColumn, string>;
    for (const column of IMPORT_COLUMNS) values[column] = positions.has(column) ? cellText(row.getCell(positions.get(column)!)) : '';
    if (Object.values(values).every((value) => value === '')) return;
    rows.push({ row: number, values });
  });
  if (rows.length === 0) throw new AppError('validation_failed', 'The file has a header but no accounts', { field: 'file' });
  if (rows.length > IMPORT_MAX_ROWS) throw new AppError('validation_failed', `At most ${IMPORT_MAX_ROWS} accounts per file (this one has ${rows.length})`, { field: 'file' });
  for (const column of IMPORT_COLUMNS) headers[column] ??= column;
  return { headers, rows };
}
