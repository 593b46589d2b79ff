/**
 * "Done when" of the administration issue: a district set up from an empty database to taking
 * calls with only the administration API (what the console calls) and XLSX/GeoJSON files —
 * the first administrator's one-time password, the area tree from GeoJSON, units, the category
 * tree, a hotline, accounts from an XLSX import — then a call on the new hotline is answered by
 * an imported agent and becomes a ticket routed to the new grid's team. Every step is audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';

let t: TestApp;
let pbx: TelephonyHarness;
let admin: Session;
const ADMIN_PASSWORD = 'Xin-qu-guan-li-2027!';
const AGENT_PASSWORD = 'Hua-wu-zhou-min-2027!';

beforeAll(async () => {
  t = await createTestApp({ AGENT_INTERFACE_TEMPLATE: 'Local/{extension}@agents/n' }, { district: 'none' });
  pbx = await startTelephony(t, { startTime: TEST_START.getTime(), hotlines: ['12345'] });
});
afterAll(async () => {
  await pbx?.close();
  await t?.close();
});

const square = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});
const feature = (properties: Record<string, string>, geometry: ReturnType<typeof square>) => ({ type: 'Feature', properties, geometry });

async function send(session: Session, method: 'POST' | 'PUT' | 'GET', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** Signs in with a one-time password and chooses a new one, as the console's /password page does. */
async function firstSignIn(username: string, oneTimePassword: string, password: string): Promise<Session> {
  const once = await login(t.app, username, oneTimePassword);
  const changed = await send(once, 'POST', '/api/auth/password', { currentPassword: oneTimePassword, newPassword: password });
  expect(changed.statusCode, changed.body).toBeLessThan(300);
  return login(t.app, username, password);
}

describe('a new district from an empty database', () => {
  it('starts with no district and one administrator who must choose a password first', async () => {
    expect([await t.prisma.area.count(), await t.prisma.unit.count(), await t.prisma.category.count(), await t.prisma.hotline.count()]).toEqual([0, 0, 0, 0]);
    expect(t.initialAdmin?.username).toBe('admin');
    const once = await login(t.app, 'admin', t.initialAdmin!.oneTimePassword);
    expect((await send(once, 'GET', '/api/admin/units')).json()).toMatchObject({ code: 'password_change_required' });
    admin = await firstSignIn('admin', t.initialAdmin!.oneTimePassword, ADMIN_PASSWORD);
  });

  it('takes its areas from a GeoJSON file: a dry run first, then the import', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        feature({ code: 'xd', name: '新区', nameEn: 'New District', level: 'district' }, square(112.8, 28.3, 112.9, 28.4)),
        feature({ code: 'xd-s1', name: '东街道', level: 'street', parentCode: 'xd' }, square(112.8, 28.3, 112.85, 28.4)),
        feature({ code: 'xd-s2', name: '西街道', level: 'street', parentCode: 'xd' }, square(112.85, 28.3, 112.9, 28.4)),
        feature({ code: 'xd-s1g1', name: '东一网格', level: 'grid', parentCode: 'xd-s1' }, square(112.8, 28.3, 112.85, 28.35)),
        feature({ code: 'xd-s1g2', name: '东二网格', level: 'grid', parentCode: 'xd-s1' }, square(112.8, 28.35, 112.85, 28.4)),
      ],
    };
    const dry = await send(admin, 'POST', '/api/admin/areas/boundaries/import?dryRun=true', collection);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().problems).toEqual([]);
    expect(await t.prisma.area.count()).toBe(0);
    const applied = await send(admin, 'POST', '/api/admin/areas/boundaries/import', collection);
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await t.prisma.area.findMany()).map((area) => area.code).sort()).toEqual(['xd', 'xd-s1', 'xd-s1g1', 'xd-s1g2', 'xd-s2']);
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { code: 'xd-s1g1' }, include: { parent: true } });
    expect(grid.parent?.code).toBe('xd-s1');
  });

  let gridTeamId: string;
  let departmentId: string;

  it('gets its units, its category tree and its hotline', async () => {
    const areaId = async (code: string) => (await t.prisma.area.findUniqueOrThrow({ where: { code } })).id;
    const unit = async (body: Record<string, unknown>) => {
      const response = await send(admin, 'POST', '/api/admin/units', { nameEn: '', parentId: null, linkageTier: null, dutyPhone: null, ...body });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    departmentId = await unit({ code: 'xd-cgj', name: '新区城市管理局', type: 'department', areaId: await areaId('xd'), linkageTier: 2, dutyPhone: '0731-88880000' });
    const streetOffice = await unit({ code: 'xd-so-s1', name: '东街道办事处', type: 'street_office', areaId: await areaId('xd-s1') });
    gridTeamId = await unit({ code: 'xd-gt-s1g1', name: '东一网格工作站', type: 'grid_team', areaId: await areaId('xd-s1g1'), parentId: streetOffice });

    const category = async (body: Record<string, unknown>) => {
      const response = await send(admin, 'POST', '/api/admin/categories', {
        isPolice: false, defaultKind: 'complaint', level: 'grid', defaultUnitId: null, signLimit: null, handleLimit: null,
        extensionLimitDays: null, requiredFields: [], keywords: [], nameEn: body.name, ...body,
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return (response.json() as { id?: string; category?: { id: string } }).category?.id ?? (response.json() as { id: string }).id;
    };
    const group = await category({ code: 'city', name: '城市管理', nameEn: 'City management', parentId: null });
    await category({
      code: 'city.streetlight', name: '路灯损坏', nameEn: 'Broken streetlight', parentId: group, defaultUnitId: departmentId,
      handleLimit: { amount: 5, unit: 'working_days' }, keywords: ['路灯'],
    });

    const hotline = await send(admin, 'POST', '/api/admin/hotlines', { number: '12345', name: '市民服务热线', nameEn: 'Citizen service line', hours: '24h' });
    expect(hotline.statusCode, hotline.body).toBeLessThan(300);
  });

  let agentPassword: string;

  it('imports its accounts from the XLSX template: a dry run names a bad row, the fixed file creates them with one-time passwords', async () => {
    const template = await send(admin, 'GET', '/api/users/import-template');
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const headers = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    const fileWith = async (rows: Record<string, string>[]) => {
      const out = new ExcelJS.Workbook();
      const sheet = out.addWorksheet('accounts');
      sheet.addRow(['username', 'displayName', 'roles', 'unit', 'area', 'scopeAreas', 'extension']);
      for (const row of rows) sheet.addRow([row.username, row.displayName, row.roles, row.unit ?? '', row.area ?? '', row.scopeAreas ?? '', row.extension ?? '']);
      return Buffer.from(await out.xlsx.writeBuffer());
    };
    expect(headers.length).toBeGreaterThanOrEqual(6);
    const rows: Record<string, string>[] = [
      { username: 'xd-agent', displayName: '话务员 周敏', roles: '话务员', extension: '8101' },
      { username: 'xd-grid', displayName: '网格员 吴刚', roles: '网格员', unit: '东一网格工作站', area: '东一网格', scopeAreas: '东一网格' },
      { username: 'xd-dept', displayName: '承办人 郑洁', roles: '承办人', unit: 'xd-cgj' },
    ];
    const upload = (body: Buffer, dryRun: boolean) => t.app.inject({
      method: 'POST', url: `/api/users/import${dryRun ? '?dryRun=true' : ''}`, payload: body,
      headers: { ...admin.headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    const bad = await upload(await fileWith([...rows, { username: 'xd-nobody', displayName: '无此网格', roles: '网格员', area: '北三网格' }]), true);
    expect(bad.statusCode, bad.body).toBe(200);
    const errors = bad.json<{ errors: { row: number; value?: string }[] }>().errors;
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 5, value: '北三网格' })]));
    expect(errors.every((error) => error.row === 5), JSON.stringify(errors)).toBe(true);
    expect(await t.prisma.user.count()).toBe(1);

    const good = await upload(await fileWith(rows), false);
    expect(good.statusCode, good.body).toBe(200);
    expect(await t.prisma.user.count()).toBe(4);
    expect(await t.prisma.user.findUniqueOrThrow({ where: { username: 'xd-grid' } })).toMatchObject({ unitId: gridTeamId, mustChangePassword: true });
    const answer = good.json<{ errors: unknown[]; summary: { created: number }; passwords: { data: string } }>();
    expect(answer).toMatchObject({ errors: [], summary: { created: 3 } });
    // The one-time passwords come back once, as the sheet the administrator hands out.
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(Buffer.from(answer.passwords.data, 'base64') as unknown as ArrayBuffer);
    const passwordRows = sheet.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    const agentRow = passwordRows.find((row) => row?.[1] === 'xd-agent');
    expect(agentRow).toBeDefined();
    agentPassword = String(agentRow![5]);
  });

  it('takes a call: the imported agent answers it on the new hotline and files a ticket that lands on the new grid team', async () => {
    const agent = await firstSignIn('xd-agent', agentPassword, AGENT_PASSWORD);
    const ready = await send(agent, 'POST', '/api/agents/me/state', { state: 'ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340000', patienceS: 300 });
    pbx.sim.tick(1000);
    expect((await send(agent, 'POST', '/api/agents/me/answer', {})).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);
    const call = (await send(agent, 'GET', '/api/calls?hotline=12345')).json<{ items: { id: string; linkedid: string }[] }>().items.find((item) => item.linkedid === linkedid)!;
    const leaf = await t.prisma.category.findUniqueOrThrow({ where: { code: 'city.streetlight' } });
    const created = await send(agent, 'POST', '/api/tickets', {
      channel: 'phone', callId: call.id, categoryId: leaf.id, title: '东一网格路灯不亮', description: '小区门口两盏路灯晚上不亮',
      lat: 28.32, lng: 112.82, dispatch: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id: created.json<{ ticket: { id: string } }>().ticket.id } });
    expect(ticket.leadUnitId).toBe(gridTeamId);
  });

  it('audited every administrative step, by the administrator, with before and after', async () => {
    const rows = await t.prisma.auditLog.findMany({ where: { action: { startsWith: 'config.' }, actorName: 'admin' } });
    expect(new Set(rows.map((row) => row.resource))).toEqual(new Set(['area', 'unit', 'category', 'hotline', 'user']));
    expect(rows.every((row) => 'after' in (row.details as object))).toBe(true);
  });
});
