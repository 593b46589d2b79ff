/**
 * Reads an uploaded roster workbook: truly an XLSX (a ZIP, `PK\x03\x04`), its first sheet's first
 * row names the columns (roster-columns.ts), at most ROSTER_MAX_ROWS rows. Cells are read as text,
 * except a date cell, kept as a Date for the time columns. Refusals name what is wrong; nothing is written.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../../../lib/app-error.js';
import { openUploadedSheet } from '../../../lib/open-uploaded-sheet.js';
import { ROSTER_COLUMNS, columnOfHeader, type RosterColumn } from './roster-columns.js';

export const ROSTER_MAX_BYTES = 5 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 5000;

export interface RosterRow {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  row: number;
  values: Record<RosterColumn, string | Date>;
}

export interface RosterFile {
  /** Each column's header as the file wrote it, so an error names the column the person sees. */
  headers: Record<RosterColumn, string>;
  rows: RosterRow[];
}

function cellValue(cell: ExcelJS.Cell): string | Date {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) {
    const result = value.result;
    return result instanceof Date ? result : String(result ?? '').trim();
  }
  return String(value).trim();
}

export async function readRosterFile(body: Buffer): Promise<RosterFile> {
  const sheet = await openUploadedSheet(body);

  const positions = new Map<RosterColumn, number>();
  const headers = {} as Record<RosterColumn, string>;
  sheet.getRow(1).eachCell((cell, col) => {
    const text = String(cellValue(cell));
    const column = columnOfHeader(text);
    if (!column && text) throw new AppError('validation_failed', `Row 1, column ${col}: unknown column "${text}" (download the template for the columns)`, { field: 'file', details: { row: 1, column: text } });
    if (column && positions.has(column)) throw new AppError('validation_failed', `Row 1: the column "${text}" appears twice`, { field: 'file', details: { row: 1, column: text } });
    if (column) { positions.set(column, col); headers[column] = text.replace(/\s*[*＊]\s*$/, ''); }
  });
  const missing = ROSTER_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length) throw new AppError('validation_failed', `Row 1: missing column(s) ${missing.join(', ')}`, { field: 'file', details: { missing } });

  const rows: RosterRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = {} as Record<RosterColumn, string | Date>;
    for (const column of ROSTER_COLUMNS) values[column] = cellValue(row.getCell(positions.get(column)!));
    if (Object.values(values).every((value) => value === '')) return;
    rows.push({ row: number, values });
  });
  if (rows.length === 0) throw new AppError('validation_failed', 'The file has a header but no shifts', { field: 'file' });
  if (rows.length > ROSTER_MAX_ROWS) throw new AppError('validation_failed', `At most ${ROSTER_MAX_ROWS} shifts per file (this one has ${rows.length})`, { field: 'file' });
  return { headers, rows };
}
