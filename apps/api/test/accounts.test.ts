/**
 * Account administration: list and filters, create with a one-time password, the rules of an
 * account, versioned edits (409 when stale, one winner of two concurrent edits), disable ending
 * sessions, a unit liaison kept to its unit (refusals audited), export and template, and audit
 * rows with before/after that never hold a secret.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editableAccount } from './helpers/account-edit.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: Session;
let liaison: Session;
const STREET = 's01';
const GRID = 's01g01';
const OFFICE = 'so-s01';

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
  // A liaison of the first street office (no demo account is a plain dept_admin).
  const street = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-street' } });
  await t.prisma.user.create({
    data: { username: 'street-liaison', displayName: '街道联络员', passwordHash: street.passwordHash, roles: ['dept_admin'], unitId: OFFICE, areaId: STREET, scopeAreaIds: [STREET], scopeUnitIds: [OFFICE] },
  });
  liaison = await login(t.app, 'street-liaison');
});
afterAll(async () => t?.close());

type Json = Record<string, unknown>;
const call = (session: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: session?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as Json }) });

const gridMember = (username: string, extra: Json = {}) => ({
  username, displayName: `网格员 ${username}`, roles: ['grid_member'], unitId: `gt-${GRID}`, areaId: GRID, scopeAll: false,
  scopeAreaIds: [GRID], scopeUnitIds: [`gt-${GRID}`], scopeCategoryIds: [], extension: null, phone: '138 0013 8000', ...extra,
});

async function createAccount(session: Session, body: Json) {
  const response = await call(session, 'POST', '/api/users', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ account: Json & { id: string; version: number }; oneTimePassword: string }>();
}


describe('the accounts list', () => {
  it('shows names, searches, filters by role, area subtree, unit and state, and paginates', async () => {
    const all = (await call(admin, 'GET', '/api/users?pageSize=200')).json<{ total: number; items: Json[] }>();
    expect(all.total).toBeGreaterThanOrEqual(10);
    const grid = all.items.find((item) => item.username === 'demo-grid')!;
    expect(grid).toMatchObject({ roles: ['grid_member'], unitId: `gt-${GRID}`, states: ['active'] });
    expect(typeof grid.unitName).toBe('string');
    expect(typeof grid.areaName).toBe('string');
    expect(JSON.stringify(all)).not.toMatch(/passwordHash|mfaSecret|argon2/);

    const byQ = (await call(admin, 'GET', '/api/users?q=DEMO-AG')).json<{ items: Json[] }>();
    expect(byQ.items.map((item) => item.username)).toEqual(['demo-agent']);
    const byRole = (await call(admin, 'GET', '/api/users?role=commander')).json<{ items: Json[] }>();
    expect(byRole.items.map((item) => item.username)).toEqual(['demo-commander']);
    const byArea = (await call(admin, 'GET', `/api/users?areaId=${STREET}&pageSize=200`)).json<{ items: Json[] }>();
    expect(byArea.items.map((item) => item.username)).toEqual(expect.arrayContaining(['demo-street', 'demo-grid']));
    expect(byArea.items.map((item) => item.username)).not.toContain('demo-dept');
    const byUnit = (await call(admin, 'GET', `/api/users?unitId=${OFFICE}&pageSize=200`)).json<{ items: Json[] }>();
    expect(byUnit.items.map((item) => item.username).sort()).toEqual(['demo-street', 'street-liaison']);
    const page = (await call(admin, 'GET', '/api/users?pageSize=2&page=2&sort=username&order=desc')).json<{ total: number; items: Json[] }>();
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.username).toBe([...all.items.map((item) => item.username as string)].sort().reverse()[2]);
    expect((await call(admin, 'GET', '/api/users?state=bogus')).statusCode).toBe(400);
  });
});

describe('creating an account', () => {
  it('answers a one-time password once, which signs in and must be changed; audited without secrets', async () => {
    const response = await call(admin, 'POST', '/api/users', gridMember('new-grid-1'));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { account, oneTimePassword } = response.json<{ account: Json & { id: string }; oneTimePassword: string }>();
    expect(account).toMatchObject({ username: 'new-grid-1', phone: '13800138000', mustChangePassword: true, version: 1, states: ['active', 'must_change'] });

    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new-grid-1', password: oneTimePassword } });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);

    const row = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'config.create', resource: 'user', resourceId: account.id } });
    expect(row.actorName).toBe('demo-admin');
    expect(row.details).toMatchObject({ version: 1, before: null, after: { username: 'new-grid-1', roles: ['grid_member'], phone: '13800138000' } });
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(JSON.stringify({ ...row, id: null })).not.toContain(user.passwordHash);
    expect(JSON.stringify({ ...row, id: null })).not.toContain(oneTimePassword);
    expect(JSON.stringify(row.details)).not.toMatch(/passwordHash|mfa/i);
  });

  it.each([
    ['an unknown unit', { unitId: 'gt-nowhere' }, 'unitId', 'unknown_unit'],
    ['an unknown area in scope', { scopeAreaIds: ['nowhere'] }, 'scopeAreaIds', 'unknown_area'],
    ['an unknown category', { scopeCategoryIds: ['no-such-category'] }, 'scopeCategoryIds', 'unknown_category'],
    ['a bad phone', { phone: '12345' }, 'phone', 'bad_phone'],
    ['a bad extension', { extension: '12a' }, 'extension', 'bad_extension'],
    ['an extension taken', { extension: '8101' }, 'extension', 'extension_taken'],
    ['a username taken', { username: 'demo-agent' }, 'username', 'username_taken'],
    ['a bad username', { username: 'a b' }, 'username', 'bad_username'],
    ['a grid member without an area', { areaId: null, scopeAreaIds: [] }, 'areaId', 'area_required'],
    ['a unit role without a unit', { unitId: null, scopeUnitIds: [] }, 'unitId', 'unit_required'],
    ['the whole district for a unit role', { scopeAll: true }, 'scopeAll', 'scope_all_not_allowed'],
    ['an agent without an extension', { roles: ['agent'], unitId: null, scopeUnitIds: [], scopeAll: true }, 'extension', 'extension_required'],
    ['an auditor with another role', { roles: ['auditor', 'admin'] }, 'roles', 'auditor_alone'],
  ])('refuses %s, naming the field, and writes nothing', async (_what, change, field, code) => {
    const before = await t.prisma.user.count();
    const audits = await t.prisma.auditLog.count({ where: { action: 'config.create' } });
    const response = await call(admin, 'POST', '/api/users', gridMember('refused-1', change));
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json<{ field: string; details: { issues: { field: string; code: string }[] } }>();
    expect(body.details.issues).toContainEqual(expect.objectContaining({ field, code }));
    expect(await t.prisma.user.count()).toBe(before);
    expect(await t.prisma.auditLog.count({ where: { action: 'config.create' } })).toBe(audits);
  });

  it('refuses a role outside the domain list by schema', async () => {
    const response = await call(admin, 'POST', '/api/users', gridMember('refused-2', { roles: ['root'] }));
    expect(response.statusCode).toBe(400);
    expect(response.json<{ field: string }>().field).toMatch(/^roles/);
  });

  it('accepts a landline with its area code and stores it canonical', async () => {
    const { account } = await createAccount(admin, gridMember('landline-1', { phone: '0731-8888 6666' }));
    expect(account.phone).toBe('073188886666');
  });
});

describe('editing an account', () => {
  it('bumps the version and audits before and after', async () => {
    const { account } = await createAccount(admin, gridMember('edit-1'));
    const response = await call(admin, 'PUT', `/api/users/${account.id}`, { ...editableAccount(account), displayName: '改过的名字', extension: '7301' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ displayName: '改过的名字', extension: '7301', version: 2 });
    const row = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'config.update', resourceId: account.id } });
    expect(row.details).toMatchObject({
      version: 2, changed: ['displayName', 'extension', 'version'],
      before: { displayName: '网格员 edit-1', extension: null }, after: { displayName: '改过的名字', extension: '7301' },
    });
  });

  it('answers 409 to a stale edit with who changed which fields, and changes nothing', async () => {
    const { account } = await createAccount(admin, gridMember('stale-1'));
    expect((await call(admin, 'PUT', `/api/users/${account.id}`, { ...editableAccount(account), displayName: '先到' })).statusCode).toBe(200);
    const late = await call(admin, 'PUT', `/api/users/${account.id}`, { ...editableAccount(account), phone: '13900139000' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'conflict',
      details: { reason: 'stale_version', currentVersion: 2, changedFields: ['displayName', 'version'], changes: [{ by: 'demo-admin', version: 2 }], current: { displayName: '先到' } },
    });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: account.id } })).phone).toBe('13800138000');
  });

  it('lets exactly one of two concurrent edits from the same version win', async () => {
    const { account } = await createAccount(admin, gridMember('race-1'));
    const [a, b] = await Promise.all([
      call(admin, 'PUT', `/api/users/${account.id}`, { ...editableAccount(account), displayName: '甲' }),
      call(admin, 'PUT', `/api/users/${account.id}`, { ...editableAccount(account), displayName: '乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await t.prisma.auditLog.count({ where: { action: 'config.update', resourceId: account.id } })).toBe(1);
  });
});

describe('disabling an account', () => {
  it('ends its sessions and refuses its sign-in; history keeps it; enabling lets it back', async () => {
    const { account, oneTimePassword } = await createAccount(admin, gridMember('leaver-1'));
    const session = await login(t.app, 'leaver-1', oneTimePassword);
    expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(200);

    const disabled = await call(admin, 'POST', `/api/users/${account.id}/disable`, { version: account.version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ sessionsEnded: 1, account: { status: 'disabled', states: ['disabled', 'must_change'] } });
    expect((await call(session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaver-1', password: oneTimePassword } });
    expect(again.json<{ code: string }>().code).toBe('account_disabled');
    expect(await t.prisma.user.count({ where: { id: account.id } })).toBe(1);
    const listed = (await call(admin, 'GET', '/api/users?state=disabled')).json<{ items: Json[] }>();
    expect(listed.items.map((item) => item.username)).toContain('leaver-1');
    expect(await t.prisma.auditLog.count({ where: { action: 'config.disable', resourceId: account.id } })).toBe(1);

    const stale = await call(admin, 'POST', `/api/users/${account.id}/enable`, { version: account.version });
    expect(stale.statusCode).toBe(409);
    const enabled = await call(admin, 'POST', `/api/users/${account.id}/enable`, {});
    expect(enabled.json()).toMatchObject({ account: { status: 'active' } });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaver-1', password: oneTimePassword } })).statusCode).toBe(200);
  });

  it('refuses to disable one\'s own account', async () => {
    const me = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-admin' } });
    expect((await call(admin, 'POST', `/api/users/${me.id}/disable`, {})).statusCode).toBe(409);
  });
});

describe('a unit liaison', () => {
  const idOf = async (username: string) => (await t.prisma.user.findUniqueOrThrow({ where: { username } })).id;
  const refusals = (resourceId?: string) => t.prisma.auditLog.count({ where: { action: 'access.denied', resource: 'user', ...(resourceId ? { resourceId } : {}) } });

  it('sees only its unit\'s accounts, in the list and the export', async () => {
    const list = (await call(liaison, 'GET', '/api/users?pageSize=200')).json<{ items: Json[] }>();
    expect(list.items.map((item) => item.username).sort()).toEqual(['demo-street', 'street-liaison']);
    const file = await call(liaison, 'GET', '/api/users/export');
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => { if (n > 1) rows.push(String(row.getCell(1).value)); });
    expect(rows.sort()).toEqual(['demo-street', 'street-liaison']);
  });

  it('gets 404 for another unit\'s account, audited as a refusal, for every action', async () => {
    const other = await idOf('demo-dept');
    const before = await refusals(other);
    const account = (await call(admin, 'GET', `/api/users/${other}`)).json<Json>();
    for (const [method, url, payload] of [
      ['GET', `/api/users/${other}`, undefined], ['PUT', `/api/users/${other}`, editableAccount(account)], ['POST', `/api/users/${other}/disable`, {}],
      ['POST', `/api/users/${other}/enable`, {}], ['POST', `/api/users/${other}/unlock`, undefined], ['POST', `/api/users/${other}/reset-password`, undefined],
    ] as const) {
      const response = await call(liaison, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await refusals(other)).toBe(before + 6);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: other } })).status).toBe('active');
  });

  it('gets 403 for a centre role, another unit or a scope beyond its unit, audited, nothing written', async () => {
    const inUnit = { username: 'liaison-new', displayName: '街道承办人', roles: ['dept_handler'], unitId: OFFICE, areaId: STREET, scopeAll: false, scopeAreaIds: [STREET], scopeUnitIds: [OFFICE], scopeCategoryIds: [], extension: null, phone: null };
    const before = await refusals();
    for (const change of [{ roles: ['agent'] }, { roles: ['admin'] }, { unitId: 'so-s02', scopeUnitIds: ['so-s02'] }, { scopeAreaIds: ['s02'] }, { scopeUnitIds: [OFFICE, 'dept-urban-management'] }]) {
      const response = await call(liaison, 'POST', '/api/users', { ...inUnit, ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(403);
    }
    expect(await refusals()).toBe(before + 5);
    expect(await t.prisma.user.count({ where: { username: 'liaison-new' } })).toBe(0);

    const created = await call(liaison, 'POST', '/api/users', { ...inUnit, roles: ['dept_handler', 'grid_member'], areaId: GRID, scopeAreaIds: [GRID] });
    expect(created.statusCode, created.body).toBe(201);
    const { account } = created.json<{ account: Json & { id: string } }>();
    const reset = await call(liaison, 'POST', `/api/users/${account.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const edit = await call(liaison, 'PUT', `/api/users/${account.id}`, { ...editableAccount(account), roles: ['dept_handler', 'commander'] });
    expect(edit.statusCode).toBe(403);
  });

  it('may not use the account routes without a unit', async () => {
    await t.prisma.user.update({ where: { username: 'street-liaison' }, data: { unitId: null } });
    // Written behind the API's back: announced as an administrator's edit would be (auth/actor-cache.ts).
    await t.app.configChanged(['accounts']);
    try {
      expect((await call(liaison, 'GET', '/api/users')).statusCode).toBe(403);
    } finally {
      await t.prisma.user.update({ where: { username: 'street-liaison' }, data: { unitId: OFFICE } });
      await t.app.configChanged(['accounts']);
    }
  });
});

describe('export and template', () => {
  it('exports worded headers in the asked language, names in the cells, and audits it', async () => {
    for (const [lang, header, role] of [['zh-CN', '用户名', '话务员'], ['en', 'Username', 'Agent']] as const) {
      const file = await call(admin, 'GET', `/api/users/export?lang=${lang}&role=agent`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe(header);
      expect(sheet.getRow(2).getCell(1).value).toBe('demo-agent');
      expect(sheet.getRow(2).getCell(3).value).toBe(role);
    }
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.account_export' } })).toBeGreaterThanOrEqual(2);
  });

  it('gives a template with worded headers, an example row and a sheet of valid values', async () => {
    const file = await call(admin, 'GET', '/api/users/import-template');
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const [accounts, values] = workbook.worksheets;
    expect(accounts!.getRow(1).getCell(1).value).toBe('用户名 *');
    expect(accounts!.getRow(2).getCell(1).value).toBe('zhang.san');
    expect(values!.getRow(1).getCell(1).value).toBe('角色');
    const roleLabels: unknown[] = [];
    values!.eachRow((row, n) => { if (n > 1) roleLabels.push(row.getCell(1).value); });
    expect(roleLabels).toContain('网格员');
  });
});
