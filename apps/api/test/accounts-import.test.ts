/**
 * The accounts import: a dry run over the district's ~1,700 accounts (built from the seed's bulk
 * users) with 20 planted errors finds all 20 with their rows and columns and writes nothing; the
 * import of that file is refused with the same report; the clean file imports every account in one
 * go, with one-time passwords in a sheet answered once and audit rows without secrets.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@yixian/runtime';
import { buildBulkUsers } from '../../../prisma/seed/seed-users.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: Session;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['用户名', '姓名', '角色', '所属单位', '所在区域', '全区范围', '管辖区域', '管辖单位', '分机号', '电话'];
const ROLE_LABELS: Record<string, string> = { dept_admin: '部门联络员', dept_handler: '承办人', grid_member: '网格员', agent: '话务员', shift_lead: '值班长', dispatcher: '派单员' };

type Cells = string[];
interface Planted { row: number; column: string; code: string }

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
});
afterAll(async () => t?.close());

/** The bulk users as rows of the import sheet, by name (units and areas as a person writes them). */
async function bulkRows(): Promise<Cells[]> {
  const units = new Map((await t.prisma.unit.findMany()).map((unit) => [unit.id, unit.name]));
  const areas = new Map((await t.prisma.area.findMany()).map((area) => [area.id, area.name]));
  return buildBulkUsers().map((user, i) => [
    user.username, user.displayName, user.roles.map((role) => ROLE_LABELS[role]!).join('、'), user.unitId ? units.get(user.unitId)! : '',
    user.areaId ? areas.get(user.areaId)! : '', user.scopeAll ? '是' : '否', (user.scopeAreaIds ?? []).map((id) => areas.get(id)!).join('、'),
    (user.scopeUnitIds ?? []).map((id) => units.get(id)!).join('、'), user.extension ?? '', `139${String(i).padStart(8, '0')}`,
  ]);
}

async function workbookOf(rows: Cells[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('账号');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const col = (header: string) => HEADERS.indexOf(header);

/** 20 mistakes a person makes, one per row; spreadsheet row = index + 2. */
function plantErrors(rows: Cells[]): Planted[] {
  const planted: Planted[] = [];
  const gridRows = rows.map((row, i) => (row[2] === '网格员' ? i : -1)).filter((i) => i >= 0);
  const agentRows = rows.map((row, i) => (row[2] === '话务员' ? i : -1)).filter((i) => i >= 0);
  const plant = (index: number, header: string, value: string, code: string, columnKey = header) => {
    rows[index]![col(header)] = value;
    planted.push({ row: index + 2, column: columnKey, code });
  };
  [0, 1, 2].forEach((n) => plant(gridRows[10 + n * 100]!, '所在区域', `不存在的网格${n}`, 'unknown_area'));
  [0, 1, 2].forEach((n) => plant(gridRows[20 + n * 100]!, '所属单位', `不存在的单位${n}`, 'unknown_unit'));
  [0, 1, 2].forEach((n) => plant(gridRows[31 + n * 100]!, '用户名', rows[gridRows[30 + n * 100]!]![0]!, 'duplicate_in_file'));
  ['demo-agent', 'demo-grid', 'demo-street'].forEach((name, n) => plant(gridRows[40 + n * 100]!, '用户名', name, 'username_taken'));
  ['12345', '1380013800', '电话号码'].forEach((phone, n) => plant(gridRows[50 + n * 100]!, '电话', phone, 'bad_phone'));
  [0, 1].forEach((n) => plant(gridRows[60 + n * 100]!, '角色', `网格员、巡逻员${n}`, 'unknown_role'));
  ['8101', '8190'].forEach((extension, n) => plant(agentRows[2 + n]!, '分机号', extension, 'extension_taken'));
  plant(agentRows[10]!, '分机号', rows[agentRows[5]!]![col('分机号')]!, 'duplicate_in_file');
  // The report names the later row of a duplicate: the earlier one is fine.
  return planted;
}

const post = (url: string, body: Buffer, type = XLSX) =>
  t.app.inject({ method: 'POST', url, headers: { ...admin.headers, 'content-type': type }, payload: body });

interface Report { dryRun: boolean; rows: number; valid: number; errors: { row: number; column: string; columnKey: string; code: string; value?: string }[] }

describe('the accounts import', () => {
  it('dry-runs 1,700 rows with 20 planted errors: finds all 20 by row and column, writes nothing', { timeout: 120_000 }, async () => {
    const rows = await bulkRows();
    expect(rows.length).toBeGreaterThan(1600);
    const planted = plantErrors(rows);
    expect(planted).toHaveLength(20);
    const file = await workbookOf(rows);
    const users = await t.prisma.user.count();
    const audits = await t.prisma.auditLog.count();

    const response = await post('/api/users/import?dryRun=true', file);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const report = response.json<Report>();
    expect(report).toMatchObject({ dryRun: true, rows: rows.length, valid: rows.length - 20 });
    const found = report.errors.map((error) => ({ row: error.row, column: error.column, code: error.code })).sort((a, b) => a.row - b.row);
    expect(found).toEqual([...planted].sort((a, b) => a.row - b.row));
    expect(await t.prisma.user.count()).toBe(users);
    expect(await t.prisma.auditLog.count()).toBe(audits);

    // The import itself refuses the same file with the same report.
    const refused = await post('/api/users/import', file);
    expect(refused.statusCode).toBe(400);
    const refusedReport = refused.json<{ details: { report: Report } }>().details.report;
    expect(refusedReport.errors).toEqual(report.errors);
    expect(await t.prisma.user.count()).toBe(users);
  });

  it('imports the clean file: every account, one-time passwords answered once, audited without secrets', { timeout: 300_000 }, async () => {
    const rows = await bulkRows();
    const users = await t.prisma.user.count();
    const response = await post('/api/users/import', await workbookOf(rows));
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const result = response.json<Report & { summary: { created: number; byRole: Record<string, number> }; passwords: { data: string } }>();
    expect(result.summary.created).toBe(rows.length);
    expect(result.summary.byRole.grid_member).toBeGreaterThan(1000);
    expect(await t.prisma.user.count()).toBe(users + rows.length);

    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(Buffer.from(result.passwords.data, 'base64') as unknown as ArrayBuffer);
    const issued: string[][] = [];
    sheet.worksheets[0]!.eachRow((row, n) => { if (n > 1) issued.push((row.values as unknown[]).slice(1).map(String)); });
    expect(issued).toHaveLength(rows.length);
    const [username, , unitName, areaName, password] = issued.find((row) => row[0] === rows[0]![0])!;
    expect([unitName, areaName]).toEqual([rows[0]![3], rows[0]![4]]);
    const user = await t.prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user).toMatchObject({ mustChangePassword: true, phone: rows[0]![9], scopeAreaIds: ['s01'], scopeUnitIds: ['so-s01'] });
    expect(await verifyPassword(user.passwordHash, password!)).toBe(true);

    const importRow = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'config.import', resource: 'user' } });
    expect(importRow.details).toMatchObject({ summary: { rows: rows.length, created: rows.length } });
    expect(await t.prisma.auditLog.count({ where: { action: 'config.create', resource: 'user', requestId: importRow.requestId } })).toBe(rows.length);
    const created = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'config.create', resourceId: user.id } });
    expect(JSON.stringify({ ...created, id: null })).not.toContain(user.passwordHash);
    expect(JSON.stringify({ ...created, id: null })).not.toContain(password);
  });

  it('refuses what is not an XLSX, a file without the required columns, and a JSON body, naming the file', async () => {
    const notZip = await post('/api/users/import?dryRun=true', Buffer.from('username,displayName\nx,y\n'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json()).toMatchObject({ field: 'file' });
    const fakeZip = await post('/api/users/import?dryRun=true', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]));
    expect(fakeZip.statusCode).toBe(400);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['用户名', '电话']);
    const missing = await post('/api/users/import?dryRun=true', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toMatch(/displayName, roles/);
    const json = await t.app.inject({ method: 'POST', url: '/api/users/import?dryRun=true', headers: admin.headers, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    const tooBig = await post('/api/users/import?dryRun=true', Buffer.alloc(6 * 1024 * 1024));
    expect(tooBig.statusCode).toBe(413);
  });
});
