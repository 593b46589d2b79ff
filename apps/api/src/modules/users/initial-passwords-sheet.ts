/**
 * The administrator's sheet of one-time initial passwords (bulk-created accounts): one row per
 * account, with Chinese headers, names rather than codes. It is written only to a file the
 * caller opens 0600; the passwords never go to a terminal or a log.
 */
import ExcelJS from 'exceljs';

export interface InitialPasswordRow {
  username: string;
  displayName: string;
  unitName: string | null;
  areaName: string | null;
  oneTimePassword: string;
}

export const INITIAL_PASSWORD_HEADERS = ['用户名', '姓名', '单位', '区域', '一次性密码'] as const;

export async function writeInitialPasswordsXlsx(rows: InitialPasswordRow[], createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = createdAt;
  const sheet = workbook.addWorksheet('初始密码');
  sheet.addRow([...INITIAL_PASSWORD_HEADERS]).font = { bold: true };
  for (const row of rows) sheet.addRow([row.username, row.displayName, row.unitName ?? '', row.areaName ?? '', row.oneTimePassword]);
  sheet.columns.forEach((column) => { column.width = 24; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
