/**
 * Duty rosters: a shift added, edited and deleted (audited, phone masked in the audit), overlaps
 * of the same unit and role refused naming the other shift, a liaison limited to its unit, phones
 * masked for those who may not see them and revealed with a reason; the XLSX import built with
 * exceljs — a good file imported whole, a bad one refused row by row and column by column with
 * nothing written, a dry run writing nothing; who is on duty now, the tier-1 gaps, and the gap
 * alarm raised once per gap (the job function run on the test's clock).
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@yixian/runtime';
import { checkDutyGaps } from '../src/modules/duty-rosters/duty-rosters.jobs.js';
import { findOnDuty } from '../src/modules/duty-rosters/find-on-duty.js';
import { multipartBody } from './helpers/multipart.js';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';

const HOUR = 3_600_000;
const FIRE = 'dept-fire';
const WATER = 'dept-water';

let t: TestApp;
let admin: Session;
let commander: Session;
let agent: Session;
let fireAdmin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
  commander = await login(t.app, 'demo-commander');
  agent = await login(t.app, 'demo-agent');
  const template = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  await t.prisma.user.create({
    data: { ...template, id: randomUUID(), username: 'fire-liaison', displayName: '消防联络员', roles: ['dept_admin'], unitId: FIRE, scopeUnitIds: [FIRE], createdAt: undefined, updatedAt: undefined },
  });
  fireAdmin = await login(t.app, 'fire-liaison');
});
afterAll(async () => t?.close());

const at = (hours: number) => new Date(TEST_START.getTime() + hours * HOUR);
const send = (session: Session, method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
const shiftBody = (over: Record<string, unknown> = {}) => ({
  unitId: FIRE, role: 'on_duty', personName: '王建国', phone: '139 0731 0001', startsAt: at(100).toISOString(), endsAt: at(124).toISOString(), ...over,
});

describe('shifts', () => {
  it('adds, edits and deletes a shift, refusing an overlap with a name and a stale version', async () => {
    const created = await send(commander, 'POST', '/api/duty-shifts', shiftBody());
    expect(created.statusCode, created.body).toBe(201);
    const shift = created.json();
    expect(shift).toMatchObject({ unit: { id: FIRE, name: '消防救援大队', tier: 1 }, role: 'on_duty', personName: '王建国', phone: '13907310001', version: 1 });

    const overlap = await send(commander, 'POST', '/api/duty-shifts', shiftBody({ personName: '李志强', startsAt: at(120).toISOString(), endsAt: at(140).toISOString() }));
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: 'conflict', details: { reason: 'overlap', shift: { id: shift.id, personName: '王建国' } } });
    expect(overlap.json().message).toContain('王建国');
    // Back to back is no overlap; another role in the same hours is none either.
    expect((await send(commander, 'POST', '/api/duty-shifts', shiftBody({ startsAt: at(124).toISOString(), endsAt: at(148).toISOString() }))).statusCode).toBe(201);
    expect((await send(commander, 'POST', '/api/duty-shifts', shiftBody({ role: 'deputy' }))).statusCode).toBe(201);

    const moved = await send(commander, 'PUT', `/api/duty-shifts/${shift.id}`, { ...shiftBody({ personName: '王建国', endsAt: at(126).toISOString() }), version: 1 });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().details.reason).toBe('overlap');
    const edited = await send(commander, 'PUT', `/api/duty-shifts/${shift.id}`, { ...shiftBody({ personName: '王建军' }), version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ personName: '王建军', version: 2 });
    const stale = await send(commander, 'PUT', `/api/duty-shifts/${shift.id}`, { ...shiftBody(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ reason: 'stale', currentVersion: 2 });

    const audits = await t.prisma.auditLog.findMany({ where: { resource: 'duty_shift', resourceId: shift.id }, orderBy: { id: 'asc' } });
    expect(audits.map((row) => row.action)).toEqual(['config.create', 'config.update']);
    expect(JSON.stringify(audits.map((row) => row.details))).not.toContain('13907310001');

    expect((await send(commander, 'DELETE', `/api/duty-shifts/${shift.id}?version=2`)).statusCode).toBe(204);
    expect(await t.prisma.dutyShift.findUnique({ where: { id: shift.id } })).toBeNull();
  });

  it('names the field of a bad shift and writes nothing', async () => {
    const before = await t.prisma.dutyShift.count();
    for (const [over, field] of [
      [{ phone: 'call the office' }, 'phone'],
      [{ role: 'cook' }, 'role'],
      [{ endsAt: at(90).toISOString() }, 'endsAt'],
      [{ endsAt: at(200).toISOString() }, 'endsAt'],
      [{ unitId: 'dept-nowhere' }, 'unitId'],
      [{ personName: '  ' }, 'personName'],
    ] as const) {
      const response = await send(admin, 'POST', '/api/duty-shifts', shiftBody({ ...over, unitId: (over as { unitId?: string }).unitId ?? WATER }));
      expect(response.statusCode, JSON.stringify(over)).toBe(400);
      expect(response.json().field).toBe(field);
    }
    expect(await t.prisma.dutyShift.count()).toBe(before);
  });

  it('limits a liaison to its own unit and masks phones for those who may not see them', async () => {
    expect((await send(fireAdmin, 'POST', '/api/duty-shifts', shiftBody({ unitId: WATER }))).statusCode).toBe(404);
    const own = await send(fireAdmin, 'POST', '/api/duty-shifts', shiftBody({ startsAt: at(300).toISOString(), endsAt: at(324).toISOString(), phone: '13907319999' }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().phone).toBe('13907319999');
    expect((await send(fireAdmin, 'GET', `/api/duty-shifts?unitId=${WATER}`)).statusCode).toBe(404);

    const range = `from=${at(290).toISOString()}&to=${at(330).toISOString()}`;
    const seenByAgent = (await send(agent, 'GET', `/api/duty-shifts?unitId=${FIRE}&${range}`)).json().items;
    expect(seenByAgent).toHaveLength(1);
    expect(seenByAgent[0].phone).not.toContain('07319999');
    expect(seenByAgent[0].phone).toMatch(/\*/);
    expect((await send(commander, 'GET', `/api/duty-shifts?unitId=${FIRE}&${range}`)).json().items[0].phone).toBe('13907319999');

    const reveal = await send(agent, 'POST', `/api/duty-shifts/${own.json().id}/reveal-phone`, { reason: '联系值班人员' });
    expect(reveal.json()).toEqual({ phone: '13907319999' });
    const audit = await t.prisma.auditLog.findFirst({ where: { action: 'personal_data.reveal', resource: 'duty_shift', resourceId: own.json().id } });
    expect(audit).toMatchObject({ outcome: 'allowed', reason: '联系值班人员' });
  });
});

async function rosterXlsx(rows: (string | Date)[][], headers = ['单位编码', '角色', '姓名', '电话', '开始', '结束']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('值班表');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const importFile = (session: Session, bytes: Buffer, dryRun = false) => {
  const { payload, headers } = multipartBody([{ name: 'roster.xlsx', bytes, field: 'file' }]);
  return t.app.inject({ method: 'POST', url: `/api/duty-shifts/import${dryRun ? '?dryRun=1' : ''}`, headers: { ...session.headers, ...headers }, payload });
};

describe('XLSX import', () => {
  it('imports a good file whole; a dry run writes nothing', async () => {
    const file = await rosterXlsx([
      ['power', '值班', '赵海涛', '13907312001', '2026-04-01 08:00', '2026-04-02 08:00'],
      ['power', '副班', '钱伟', '0731-88886666', '2026-04-01 08:00', '2026-04-02 08:00'],
      ['power', 'on_duty', '孙敏', '13907312003', '2026-04-02 08:00', '2026-04-03 08:00'],
    ]);
    const before = await t.prisma.dutyShift.count({ where: { unitId: 'dept-power' } });
    const dry = await importFile(admin, file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ dryRun: true, rows: 3, created: 0, errors: [] });
    expect(await t.prisma.dutyShift.count({ where: { unitId: 'dept-power' } })).toBe(before);

    const real = await importFile(admin, file);
    expect(real.json()).toEqual({ dryRun: false, rows: 3, created: 3, errors: [] });
    const saved = await t.prisma.dutyShift.findMany({ where: { unitId: 'dept-power', startsAt: { gte: new Date('2026-03-31T00:00:00Z'), lt: new Date('2026-05-01T00:00:00Z') } }, orderBy: [{ startsAt: 'asc' }, { role: 'asc' }] });
    expect(saved.map((shift) => [shift.role, shift.personName, shift.phone, shift.startsAt.toISOString()])).toEqual([
      ['deputy', '钱伟', '073188886666', '2026-04-01T00:00:00.000Z'],
      ['on_duty', '赵海涛', '13907312001', '2026-04-01T00:00:00.000Z'],
      ['on_duty', '孙敏', '13907312003', '2026-04-02T00:00:00.000Z'],
    ]);
    expect(await t.prisma.auditLog.count({ where: { action: 'config.import', resource: 'duty_shift' } })).toBe(1);
  });

  it('refuses a bad file naming each row and column, and writes nothing', async () => {
    const file = await rosterXlsx([
      ['gas', '值班', '周杰', '13907313001', '2026-05-01 08:00', '2026-05-02 08:00'],
      ['nowhere', '值班', '吴娜', '13907313002', '2026-05-01 08:00', '2026-05-02 08:00'],
      ['gas', '厨师', '徐洋', '13907313003', '2026-05-01 08:00', '2026-05-02 08:00'],
      ['gas', '副班', '胡艳', '12345', '2026-05-01 08:00', '2026-05-02 08:00'],
      ['gas', '副班', '林勇', '13907313005', '明天早上', '2026-05-02 08:00'],
      ['gas', '值班', '高静', '13907313006', '2026-05-01 20:00', '2026-05-02 20:00'],
    ]);
    const before = await t.prisma.dutyShift.count();
    const response = await importFile(admin, file);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ dryRun: false, rows: 6, created: 0 });
    expect(response.json().errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([
      [3, '单位编码'], [4, '角色'], [5, '电话'], [6, '开始'], [7, '开始'],
    ]);
    expect(response.json().errors[4].message).toContain('row 2');
    expect(await t.prisma.dutyShift.count()).toBe(before);

    const liaison = await importFile(fireAdmin, await rosterXlsx([['gas', '值班', '周杰', '13907313001', '2026-05-01 08:00', '2026-05-02 08:00']]));
    expect(liaison.json().errors).toEqual([{ row: 2, column: '单位编码', message: 'no unit "gas" whose roster you may edit' }]);

    const notXlsx = await importFile(admin, Buffer.from('单位编码,角色\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().field).toBe('file');
    const missing = await importFile(admin, await rosterXlsx([['gas']], ['单位编码']));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('missing column');
  });

  it('gives a template the import reads back', async () => {
    const response = await send(fireAdmin, 'GET', '/api/duty-shifts/template.xlsx');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('fire');
    const dry = await importFile(fireAdmin, response.rawPayload, true);
    expect(dry.json()).toMatchObject({ rows: 2, errors: [] });
  });
});

describe('who is on duty, gaps and the gap alarm', () => {
  it('shows who is on duty now and each tier-1 gap, and alarms a gap once', async () => {
    // A fresh clock day far from the other tests: the health commission covered for 24 h, then a gap.
    t.clock.set(new Date('2026-06-01T00:00:00Z'));
    const now = t.clock.now();
    admin = await login(t.app, 'demo-admin');
    commander = await login(t.app, 'demo-commander');
    for (const [role, name, phone] of [['on_duty', '陈磊', '13907314001'], ['deputy', '杨娜', '13907314002']] as const) {
      const response = await send(admin, 'POST', '/api/duty-shifts', {
        unitId: 'dept-health', role, personName: name, phone, startsAt: new Date(now.getTime() - HOUR).toISOString(), endsAt: new Date(now.getTime() + 10 * HOUR).toISOString(),
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const board = (await send(commander, 'GET', '/api/duty/now')).json();
    const health = board.items.find((row: { unit: { id: string } }) => row.unit.id === 'dept-health');
    expect(health).toMatchObject({ onDuty: { name: '陈磊', phone: '13907314001' }, deputy: { name: '杨娜' }, leader: null, gap: false });
    expect(board.items.find((row: { unit: { id: string } }) => row.unit.id === 'dept-gas')).toMatchObject({ onDuty: null, gap: true });
    expect(board.items.some((row: { unit: { tier: number } }) => row.unit.tier === 2)).toBe(true);
    expect((await findOnDuty(t.prisma, 'dept-health', now, 'on_duty'))?.personName).toBe('陈磊');
    expect(await findOnDuty(t.prisma, 'dept-health', new Date(now.getTime() + 10 * HOUR), 'on_duty')).toBeNull();

    const gaps = (await send(commander, 'GET', '/api/duty/gaps?hours=24')).json().items;
    const healthGaps = gaps.filter((gap: { unit: { id: string } }) => gap.unit.id === 'dept-health');
    expect(healthGaps).toEqual([{ unit: { id: 'dept-health', name: '卫生健康局' }, from: new Date(now.getTime() + 10 * HOUR).toISOString(), to: new Date(now.getTime() + 24 * HOUR).toISOString(), current: false }]);

    const context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: createLogger('silent', 'test') };
    const commanderId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-commander' } })).id;
    const healthAlarms = () => t.prisma.notification.findMany({ where: { kind: 'duty_gap', userId: commanderId, title: { contains: '卫生健康局' } } });
    await checkDutyGaps(context);
    expect(await healthAlarms()).toHaveLength(1);
    expect((await healthAlarms())[0]!.title).toContain('无人值班');
    // Five minutes on, and once more at the same time (a second worker): nothing new.
    t.clock.advance(5 * 60_000);
    await Promise.all([checkDutyGaps(context), checkDutyGaps(context)]);
    expect(await healthAlarms()).toHaveLength(1);
    const pushes = await t.prisma.outbox.findMany({ where: { topic: 'live.push', dedupeKey: { startsWith: 'duty-gap-push-dept-health' } } });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.payload).toEqual({ topic: 'incidents', payload: { type: 'duty.gap', unitId: 'dept-health' } });

    // The gap is filled: the board has no health gap and the next check raises nothing for it.
    const fill = await send(admin, 'POST', '/api/duty-shifts', {
      unitId: 'dept-health', role: 'on_duty', personName: '黄勇', phone: '13907314003', startsAt: new Date(now.getTime() + 10 * HOUR).toISOString(), endsAt: new Date(now.getTime() + 58 * HOUR).toISOString(),
    });
    expect(fill.statusCode, fill.body).toBe(201);
    expect((await send(commander, 'GET', '/api/duty/gaps')).json().items.filter((gap: { unit: { id: string } }) => gap.unit.id === 'dept-health')).toEqual([]);
    await checkDutyGaps(context);
    expect(await healthAlarms()).toHaveLength(1);
  });
});
