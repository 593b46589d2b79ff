/**
 * Unit administration: every rule named in its error, cycles refused, handled categories moved
 * with their own audit rows and routing following them, a stale or concurrent edit answered
 * 409, and disabling a unit still in use refused or confirmed with the counts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { routeTicket } from '../src/modules/routing/route-ticket.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
});
afterAll(async () => t?.close());

interface UnitBody {
  code: string; name: string; nameEn: string; type: string; parentId: string | null; linkageTier: number | null;
  dutyPhone: string | null; areaId: string; categoryIds?: string[]; version?: number;
}

const newDepartment = (over: Partial<UnitBody> = {}): UnitBody => ({
  code: `dept-${randomUUID().slice(0, 8)}`, name: '测试局', nameEn: 'Test bureau', type: 'department', parentId: null,
  linkageTier: 2, dutyPhone: '0731-88881234', areaId: 'wangcheng', ...over,
});

const post = (url: string, payload: object, session = admin) => t.app.inject({ method: 'POST', url, headers: session.headers, payload });
const put = (url: string, payload: object, session = admin) => t.app.inject({ method: 'PUT', url, headers: session.headers, payload });

async function unitBody(id: string): Promise<UnitBody & { version: number }> {
  const unit = await t.prisma.unit.findUniqueOrThrow({ where: { id }, include: { categories: { select: { id: true } } } });
  return {
    code: unit.code, name: unit.name, nameEn: unit.nameEn, type: unit.type, parentId: unit.parentId, linkageTier: unit.linkageTier,
    dutyPhone: unit.dutyPhone, areaId: unit.areaId, version: unit.version, categoryIds: unit.categories.map((c) => c.id),
  };
}

describe('listing', () => {
  it('shows every unit with names, disabled ones too, to administrators only', async () => {
    await t.prisma.unit.update({ where: { id: 'gt-s01g02' }, data: { active: false } });
    const response = await t.app.inject({ method: 'GET', url: '/api/admin/units', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const rows = response.json<Array<{ id: string; active: boolean; parentName: string | null; areaName: string; level: string; categories: { name: string }[] }>>();
    expect(rows.find((row) => row.id === 'gt-s01g02')).toMatchObject({ active: false, level: 'grid', parentName: expect.stringContaining('办事处') });
    expect(rows.find((row) => row.id === 'dept-environment')?.categories.length).toBeGreaterThan(0);
    const agent = await login(t.app, 'demo-agent');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/units', headers: agent.headers })).statusCode).toBe(403);
    await t.prisma.unit.update({ where: { id: 'gt-s01g02' }, data: { active: true } });
  });
});

describe('validation', () => {
  it.each([
    ['an unknown type', { type: 'ministry' }, 'type', 'unknown_type'],
    ['a tier out of range', { linkageTier: 4 }, 'linkageTier', 'tier_out_of_range'],
    ['a tier of zero', { linkageTier: 0 }, 'linkageTier', 'tier_out_of_range'],
    ['a bad duty phone', { dutyPhone: 'call the office' }, 'dutyPhone', 'bad_phone'],
    ['a code taken', { code: 'police-desk' }, 'code', 'code_taken'],
    ['an unknown parent', { parentId: 'no-such-unit' }, 'parentId', 'unknown_parent'],
    ['an unknown area', { areaId: 'nowhere' }, 'areaId', 'unknown_area'],
    ['a grid team outside a grid', { type: 'grid_team', areaId: 's01' }, 'areaId', 'area_level'],
    ['a department under a grid team', { parentId: 'gt-s01g01' }, 'parentId', 'parent_level'],
    ['an unknown category', { categoryIds: ['no.such'] }, 'categoryIds', 'unknown_category'],
    ['an empty name', { name: '   ' }, 'name', 'required'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, over, field, reason) => {
    const before = await t.prisma.unit.count();
    const audits = await t.prisma.auditLog.count({ where: { resource: 'unit' } });
    const response = await post('/api/admin/units', newDepartment(over));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', field, details: { reason } });
    expect(await t.prisma.unit.count()).toBe(before);
    expect(await t.prisma.auditLog.count({ where: { resource: 'unit' } })).toBe(audits);
  });

  it('refuses a parent that would make a cycle, naming the chain', async () => {
    const top = (await post('/api/admin/units', newDepartment({ name: '上级局' }))).json<{ id: string }>();
    const middle = (await post('/api/admin/units', newDepartment({ name: '中间局', parentId: top.id }))).json<{ id: string }>();
    const bottom = (await post('/api/admin/units', newDepartment({ name: '下级局', parentId: middle.id }))).json<{ id: string }>();
    const response = await put(`/api/admin/units/${top.id}`, { ...(await unitBody(top.id)), parentId: bottom.id });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'parentId', details: { reason: 'cycle', chain: ['下级局', '中间局'] } });
    const self = await put(`/api/admin/units/${top.id}`, { ...(await unitBody(top.id)), parentId: top.id });
    expect(self.json()).toMatchObject({ field: 'parentId', details: { reason: 'cycle' } });
    expect((await t.prisma.unit.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();
  });

  it('refuses unknown fields in the body', async () => {
    const response = await post('/api/admin/units', { ...newDepartment(), active: false });
    expect(response.statusCode).toBe(400);
  });
});

describe('an edit', () => {
  it('changes the duty phone and tier, audited with before and after, and the catalogue sees it at once', async () => {
    const body = await unitBody('dept-environment');
    const response = await put('/api/admin/units/dept-environment', { ...body, dutyPhone: '0731-12345678', linkageTier: 1 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ dutyPhone: '0731-12345678', linkageTier: 1, version: body.version + 1 });
    const row = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'unit', resourceId: 'dept-environment' }, orderBy: { id: 'desc' } });
    expect(row.action).toBe('config.update');
    expect(row.actorName).toBe('demo-admin');
    expect(row.details).toMatchObject({
      version: body.version + 1, changed: ['dutyPhone', 'linkageTier', 'version'],
      before: { dutyPhone: body.dutyPhone, linkageTier: body.linkageTier }, after: { dutyPhone: '0731-12345678', linkageTier: 1 },
    });
    const catalogue = await t.app.inject({ method: 'GET', url: '/api/units?type=department', headers: admin.headers });
    expect(catalogue.json<Array<{ id: string; linkageTier: number }>>().find((u) => u.id === 'dept-environment')?.linkageTier).toBe(1);
  });

  it('answers a stale edit with 409 naming who changed what, and changes nothing', async () => {
    const body = await unitBody('dept-market');
    expect((await put('/api/admin/units/dept-market', { ...body, name: '市场监管局（新）' })).statusCode).toBe(200);
    const stale = await put('/api/admin/units/dept-market', { ...body, dutyPhone: '0731-99998888' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'conflict',
      details: { reason: 'stale_version', currentVersion: body.version + 1, changedFields: ['name', 'version'], changes: [{ by: 'demo-admin', fields: ['name', 'version'] }], current: { name: '市场监管局（新）' } },
    });
    expect((await t.prisma.unit.findUniqueOrThrow({ where: { id: 'dept-market' } })).dutyPhone).toBe(body.dutyPhone);
  });

  it('lets one of two concurrent edits from the same version win', async () => {
    const body = await unitBody('dept-housing');
    const [a, b] = await Promise.all([
      put('/api/admin/units/dept-housing', { ...body, dutyPhone: '0731-11110000' }),
      put('/api/admin/units/dept-housing', { ...body, dutyPhone: '0731-22220000' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await t.prisma.unit.findUniqueOrThrow({ where: { id: 'dept-housing' } })).version).toBe(body.version + 1);
    expect(await t.prisma.auditLog.count({ where: { resource: 'unit', resourceId: 'dept-housing' } })).toBe(1);
  });

  it('answers 404 for an unknown unit', async () => {
    const response = await put('/api/admin/units/no-such-unit', { ...newDepartment(), version: 1 });
    expect(response.statusCode).toBe(404);
  });
});

describe('handled categories', () => {
  it('moves a category to the unit that takes it, audits both, and routing follows', async () => {
    const category = await t.prisma.category.findFirstOrThrow({ where: { defaultUnitId: 'dept-environment', level: 'district', children: { none: {} } } });
    const created = await post('/api/admin/units', newDepartment({ name: '新环保局', categoryIds: [category.id] }));
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json<{ id: string; categoryIds: string[]; version: number }>();
    expect(unit.categoryIds).toEqual([category.id]);
    const moved = await t.prisma.category.findUniqueOrThrow({ where: { id: category.id } });
    expect(moved).toMatchObject({ defaultUnitId: unit.id, version: category.version + 1 });
    const categoryAudit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'category', resourceId: category.id }, orderBy: { id: 'desc' } });
    expect(categoryAudit.details).toMatchObject({ before: { defaultUnitId: 'dept-environment' }, after: { defaultUnitId: unit.id } });
    const decision = await t.prisma.$transaction((tx) => routeTicket(tx, { categoryId: category.id, areaPath: null }));
    expect(decision).toEqual({ unitId: unit.id, level: 'district' });

    // Taking it off without giving it to another unit would leave routing nowhere to go.
    const orphan = await put(`/api/admin/units/${unit.id}`, { ...(await unitBody(unit.id)), categoryIds: [] });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json()).toMatchObject({ field: 'categoryIds', details: { reason: 'category_orphaned', categoryIds: [category.id] } });
    // Giving it back to the old unit takes it from the new one.
    const back = await put('/api/admin/units/dept-environment', { ...(await unitBody('dept-environment')), categoryIds: [...(await unitBody('dept-environment')).categoryIds!, category.id] });
    expect(back.statusCode, back.body).toBe(200);
    expect((await unitBody(unit.id)).categoryIds).toEqual([]);
  });

  it('routes a grid matter to the street office when the grid team is disabled', async () => {
    const category = await t.prisma.category.findFirstOrThrow({ where: { level: 'grid', children: { none: {} } } });
    const route = () => t.prisma.$transaction((tx) => routeTicket(tx, { categoryId: category.id, areaPath: '/wangcheng/s02/s02g03' }));
    expect(await route()).toEqual({ unitId: 'gt-s02g03', level: 'grid' });
    const body = await unitBody('gt-s02g03');
    const disabled = await post('/api/admin/units/gt-s02g03/disable', { version: body.version, confirm: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(await route()).toEqual({ unitId: 'so-s02', level: 'street' });
    expect((await post('/api/admin/units/gt-s02g03/enable', { version: body.version + 1 })).statusCode).toBe(200);
    expect(await route()).toEqual({ unitId: 'gt-s02g03', level: 'grid' });
  });
});

describe('disabling', () => {
  it('refuses while the unit still handles categories', async () => {
    const body = await unitBody('dept-environment');
    const response = await post('/api/admin/units/dept-environment/disable', { version: body.version, confirm: true });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ details: { reason: 'unit_in_use', categories: body.categoryIds!.length } });
    expect((await t.prisma.unit.findUniqueOrThrow({ where: { id: 'dept-environment' } })).active).toBe(true);
  });

  it('asks for confirmation with the counts of open tickets, accounts and sub-units, then disables and audits them', async () => {
    const created = (await post('/api/admin/units', newDepartment({ name: '待撤销局' }))).json<{ id: string; version: number }>();
    await createTicket(t.prisma, { leadUnitId: created.id, state: 'dispatched' });
    await createTicket(t.prisma, { leadUnitId: created.id, state: 'closed' });
    const dept = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
    await t.prisma.user.create({ data: { ...dept, id: randomUUID(), username: `u-${randomUUID().slice(0, 8)}`, unitId: created.id, extension: null, createdAt: undefined, updatedAt: undefined } });
    const asked = await post(`/api/admin/units/${created.id}/disable`, { version: created.version });
    expect(asked.statusCode).toBe(409);
    expect(asked.json()).toMatchObject({ details: { reason: 'confirmation_required', openTickets: 1, activeAccounts: 1, activeChildren: 0 } });
    expect((await t.prisma.unit.findUniqueOrThrow({ where: { id: created.id } })).active).toBe(true);
    const done = await post(`/api/admin/units/${created.id}/disable`, { version: created.version, confirm: true, reason: '机构改革撤并' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ active: false, version: created.version + 1 });
    const row = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'unit', resourceId: created.id }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ action: 'config.disable', reason: '机构改革撤并' });
    expect(row.details).toMatchObject({ before: { active: true }, after: { active: false }, summary: { openTickets: 1, activeAccounts: 1 } });
    // A disabled unit takes no dispatch.
    const catalogue = await t.app.inject({ method: 'GET', url: '/api/units', headers: admin.headers });
    expect(catalogue.json<Array<{ id: string }>>().some((u) => u.id === created.id)).toBe(false);
  });

  it('disables an unused unit at once and refuses to disable it twice', async () => {
    const created = (await post('/api/admin/units', newDepartment())).json<{ id: string; version: number }>();
    expect((await post(`/api/admin/units/${created.id}/disable`, { version: created.version })).statusCode).toBe(200);
    const again = await post(`/api/admin/units/${created.id}/disable`, { version: created.version + 1 });
    expect(again.json()).toMatchObject({ details: { reason: 'already_disabled' } });
  });

  it('never disables the police desk', async () => {
    const body = await unitBody('police-desk');
    const response = await post('/api/admin/units/police-desk/disable', { version: body.version, confirm: true });
    expect(response.json()).toMatchObject({ details: { reason: 'police_desk' } });
  });
});
