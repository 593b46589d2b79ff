/**
 * Administering the hotlines (issue 14): list with the after-hours policy, create, edit with a
 * version (409 when stale), disable and enable; every change audited with before and after, and
 * the rules a schema cannot check (unique number, forward target, 110 always open) named by field.
 * Also what the PBX is sent: the active lines' AstDB values and the calendar's days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { readPbxConfig } from '../src/modules/hotlines/pbx-config-sync.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
});
afterAll(async () => t?.close());

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, session = admin) =>
  t.app.inject({ method, url, headers: session.headers, payload });

async function hotline(number: string) {
  return (await api('GET', '/api/admin/hotlines')).json().find((h: { number: string }) => h.number === number);
}

describe('the hotline list', () => {
  it('shows every line with today’s policies: 110 and 12345 around the clock, the others in office hours', async () => {
    const list = await api('GET', '/api/admin/hotlines');
    expect(list.statusCode, list.body).toBe(200);
    const rows = list.json() as { number: string; hours: string; whenClosed: string; version: number }[];
    expect(rows).toHaveLength(22);
    expect(rows.filter((h) => h.hours === '24h').map((h) => h.number).sort()).toEqual(['110', '12345']);
    expect(rows.every((h) => h.whenClosed === 'callback_or_message' && h.version === 1)).toBe(true);
  });

  it('is for administrators only', async () => {
    const agent = await login(t.app, 'demo-agent');
    expect((await api('GET', '/api/admin/hotlines', undefined, agent)).statusCode).toBe(403);
  });
});

describe('adding a hotline', () => {
  it('creates it, audited, and the PBX is sent its policy', async () => {
    const created = await api('POST', '/api/admin/hotlines', { number: '12399', name: '测试热线', nameEn: 'Test line', hours: 'office', whenClosed: 'message' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ number: '12399', isPolice: false, priority: 0, hours: 'office', whenClosed: 'message', forwardTo: null, active: true, version: 1 });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'hotline', resourceId: created.json().id } });
    expect(audit.action).toBe('config.create');
    expect(audit.details).toMatchObject({ before: null, after: { number: '12399', whenClosed: 'message' } });
    const sent = await readPbxConfig(t.prisma, t.clock.now());
    expect(sent.hotlines).toMatchObject({ '12399': 'office|message|0', '110': '24h|callback_or_message|10', '12345': '24h|callback_or_message|0', '12315': 'office|callback_or_message|0' });
  });

  it('names what is wrong: the number’s format, a taken number, a missing forward target, 110 closed, a priority above 110’s', async () => {
    const cases: [object, number, string][] = [
      [{ number: '0531', name: '坏号', nameEn: 'Bad', hours: 'office' }, 400, 'number'],
      [{ number: '12345', name: '重复', nameEn: 'Dup', hours: 'office' }, 409, 'number'],
      [{ number: '12398', name: '转接', nameEn: 'Fwd', hours: 'office', whenClosed: 'forward' }, 400, 'forwardTo'],
      [{ number: '12398', name: '转接', nameEn: 'Fwd', hours: 'office', whenClosed: 'forward', forwardTo: '99999' }, 400, 'forwardTo'],
      [{ number: '12398', name: '优先', nameEn: 'Prio', hours: 'office', priority: 10 }, 400, 'priority'],
      [{ number: '12398', name: '', nameEn: 'x', hours: 'office' }, 400, 'name'],
      [{ number: '12398', name: 'x', nameEn: 'x', hours: 'sometimes' }, 400, 'hours'],
    ];
    for (const [body, status, field] of cases) {
      const response = await api('POST', '/api/admin/hotlines', body);
      expect(response.statusCode, `${JSON.stringify(body)} → ${response.body}`).toBe(status);
      expect(JSON.stringify(response.json()), response.body).toContain(field);
    }
    expect(await t.prisma.hotline.count({ where: { number: '12398' } })).toBe(0);
  });
});

describe('editing a hotline', () => {
  it('changes the policy with the version it started from, audited with before and after', async () => {
    const line = await hotline('12369');
    const edited = await api('PATCH', `/api/admin/hotlines/${line.id}`, { version: line.version, whenClosed: 'forward', forwardTo: '12345' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ whenClosed: 'forward', forwardTo: '12345', version: line.version + 1 });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'hotline', resourceId: line.id }, orderBy: { id: 'desc' } });
    expect(audit.action).toBe('config.update');
    expect(audit.details).toMatchObject({ before: { whenClosed: 'callback_or_message', forwardTo: null }, after: { whenClosed: 'forward', forwardTo: '12345' }, changed: ['forwardTo', 'version', 'whenClosed'] });
    expect((await readPbxConfig(t.prisma, t.clock.now())).hotlines['12369']).toBe('office|forward:12345|0');
  });

  it('answers 409 to a stale edit, naming who changed which fields, and keeps the first edit', async () => {
    const line = await hotline('12366');
    expect((await api('PATCH', `/api/admin/hotlines/${line.id}`, { version: line.version, name: '纳税服务热线' })).statusCode).toBe(200);
    const stale = await api('PATCH', `/api/admin/hotlines/${line.id}`, { version: line.version, hours: '24h' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ reason: 'stale_version', currentVersion: line.version + 1, changedFields: ['name', 'version'], changes: [{ by: 'demo-admin' }], current: { name: '纳税服务热线', hours: 'office' } });
    expect((await hotline('12366')).hours).toBe('office');
  });

  it('refuses to close 110 or to disable a line others forward to', async () => {
    const police = await hotline('110');
    const closed = await api('PATCH', `/api/admin/hotlines/${police.id}`, { version: police.version, hours: 'office' });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().field).toBe('hours');
    const citizen = await hotline('12345');
    const disable = await api('POST', `/api/admin/hotlines/${citizen.id}/disable`, { version: citizen.version });
    expect(disable.statusCode).toBe(409);
    expect(disable.json().details).toMatchObject({ reason: 'forward_target', forwardedBy: ['12369'] });
  });
});

describe('disabling and enabling', () => {
  it('takes the number off the PBX and back, audited', async () => {
    const line = await hotline('12318');
    const off = await api('POST', `/api/admin/hotlines/${line.id}/disable`, { version: line.version });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: line.version + 1 });
    expect((await readPbxConfig(t.prisma, t.clock.now())).hotlines['12318']).toBeUndefined();
    expect((await api('GET', '/api/hotlines')).json().some((h: { number: string }) => h.number === '12318')).toBe(false);
    const on = await api('POST', `/api/admin/hotlines/${line.id}/enable`, { version: line.version + 1 });
    expect(on.statusCode, on.body).toBe(200);
    const actions = await t.prisma.auditLog.findMany({ where: { resource: 'hotline', resourceId: line.id }, orderBy: { id: 'asc' }, select: { action: true, details: true } });
    expect(actions.map((a) => a.action)).toEqual(['config.disable', 'config.enable']);
    expect(actions[0]!.details).toMatchObject({ before: { active: true }, after: { active: false } });
    expect((await readPbxConfig(t.prisma, t.clock.now())).hotlines['12318']).toBe('office|callback_or_message|0');
  });
});

describe('the calendar sent to the PBX', () => {
  it('holds this year’s and next year’s holidays and make-up days as YYYYMMDD, a table row winning', async () => {
    await t.prisma.workCalendar.create({ data: { date: new Date('2027-10-01T00:00:00Z'), kind: 'holiday', name: '国庆节' } });
    const sent = await readPbxConfig(t.prisma, new Date('2026-06-01T00:00:00Z'));
    expect(sent.calendar['20261001']).toBe('holiday');
    expect(sent.calendar['20271001']).toBe('holiday');
    expect(Object.keys(sent.calendar).every((day) => /^202[67]\d{4}$/.test(day))).toBe(true);
    expect(Object.values(sent.calendar)).toContain('workday');
    const again = await readPbxConfig(t.prisma, new Date('2026-06-01T00:00:00Z'));
    expect(again.digest).toBe(sent.digest);
  });

  it('reports whether the PBX has picked it up', async () => {
    const status = await api('GET', '/api/admin/hotlines/pbx-sync');
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toMatchObject({ applied: null, upToDate: false, bridgeConnected: false });
  });
});
