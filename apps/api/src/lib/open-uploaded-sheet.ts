/**
 * The first sheet of an uploaded workbook, for the imports (accounts, duty rosters): the bytes must
 * truly be an XLSX (a ZIP: `PK\x03\x04`), readable, with a sheet that has a header row. Refusals
 * name the file as the field; nothing is written.
 */
import ExcelJS from 'exceljs';
import { AppError } from './app-error.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function openUploadedSheet(body: Buffer): Promise<ExcelJS.Worksheet> {
  if (body.length === 0) throw new AppError('validation_failed', 'The file is empty', { field: 'file' });
  if (!body.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError('validation_failed', 'The file is not an XLSX workbook (save it from Excel or WPS as .xlsx)', { field: 'file' });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', 'The XLSX workbook cannot be read (damaged or not a spreadsheet)', { field: 'file' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 1) throw new AppError('validation_failed', 'The workbook has no sheet with a header row', { field: 'file' });
  return sheet;
}
