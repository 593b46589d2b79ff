/**
 * The emergency figures (issue 16, part 8) on real PostgreSQL, from rows written straight into the
 * incident, activation, task, warning and allocation tables. March 2026 (Asia/Shanghai) holds:
 *
 * - incidents: A filed, handled and closed; B filed and responding; C dismissed; D only reported;
 *   E reported and filed in February (outside) → received 4, filed 2, dismissed 1, handled 1, closed 1,
 *   handling rate 1/2; initial reports 20 min (on time) and 40 min (late) after filing → median 30, 1/2 on time;
 * - activations: fire acknowledged after 4 and 6 min; emergency after 10 min (escalated first); water
 *   escalated and unreached → 3/4 acknowledged, median 6 min; fire 2/2 median 5, emergency 1/1 median 10, water 0/1;
 * - tasks due in March: fire one done in time, one late; emergency one not done; a cancelled one and an
 *   April one do not count → 1/3 (fire 1/2, emergency 0/1);
 * - a warning published in March to fire, emergency and water, the first two acknowledged → 2/3; a draft
 *   warning counts nothing;
 * - resources dispatched: 3 vehicle trips, 20 person-times, 12.5 t of salt (a request not allocated does not count).
 * The monthly report carries the same section, and an assessment scheme weighing the four unit indicators
 * scores the three units as computed by hand.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';
import {
  insertActivation, insertAllocation, insertIncident, insertReport, insertTask, insertWarning, UNITS,
} from './emergency-fixtures.js';

const MARCH = { from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' };
let t: TestApp;
type Session = Awaited<ReturnType<typeof login>>;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const user of ['demo-commander', 'demo-dispatcher', 'demo-lead', 'demo-dept', 'demo-agent', 'demo-admin']) s[user] = await login(t.app, user);
  const p = t.prisma;
  const a = await insertIncident(p, {
    state: 'closed', reportedAt: '2026-03-02T01:00:00Z', filedAt: '2026-03-02T01:10:00Z', respondingAt: '2026-03-02T01:20:00Z',
    handledAt: '2026-03-05T01:00:00Z', closedAt: '2026-03-06T01:00:00Z',
  });
  const b = await insertIncident(p, { state: 'responding', reportedAt: '2026-03-10T01:00:00Z', filedAt: '2026-03-10T02:00:00Z', respondingAt: '2026-03-10T02:30:00Z' });
  await insertIncident(p, { state: 'dismissed', reportedAt: '2026-03-11T01:00:00Z', dismissedAt: '2026-03-11T02:00:00Z' });
  await insertIncident(p, { state: 'reported', reportedAt: '2026-03-12T01:00:00Z' });
  const e = await insertIncident(p, { state: 'filed', reportedAt: '2026-02-20T01:00:00Z', filedAt: '2026-02-20T02:00:00Z' });

  await insertReport(p, a.id, 'initial', '2026-03-02T01:30:00Z', false);
  await insertReport(p, a.id, 'final', '2026-03-05T05:00:00Z', false);
  await insertReport(p, b.id, 'initial', '2026-03-10T02:40:00Z', true);

  await insertActivation(p, a.id, UNITS.fire, { createdAt: '2026-03-02T01:10:00Z', state: 'acknowledged', acknowledgedAt: '2026-03-02T01:14:00Z' });
  await insertActivation(p, a.id, UNITS.emergency, {
    createdAt: '2026-03-02T01:10:00Z', state: 'acknowledged', escalatedAt: '2026-03-02T01:16:00Z', acknowledgedAt: '2026-03-02T01:20:00Z',
  });
  await insertActivation(p, b.id, UNITS.fire, { createdAt: '2026-03-10T02:00:00Z', state: 'acknowledged', acknowledgedAt: '2026-03-10T02:06:00Z' });
  await insertActivation(p, b.id, UNITS.water, { createdAt: '2026-03-10T02:00:00Z', state: 'unreached', escalatedAt: '2026-03-10T02:06:00Z' });
  await insertActivation(p, e.id, UNITS.water, { createdAt: '2026-02-20T02:00:00Z', state: 'acknowledged', acknowledgedAt: '2026-02-20T02:01:00Z' });

  await insertTask(p, a.id, UNITS.fire, { state: 'done', dueAt: '2026-03-03T01:00:00Z', doneAt: '2026-03-02T09:00:00Z' });
  await insertTask(p, a.id, UNITS.fire, { state: 'done', dueAt: '2026-03-04T01:00:00Z', doneAt: '2026-03-04T03:00:00Z' });
  await insertTask(p, b.id, UNITS.emergency, { state: 'in_progress', dueAt: '2026-03-11T01:00:00Z' });
  await insertTask(p, b.id, UNITS.emergency, { state: 'cancelled', dueAt: '2026-03-11T01:00:00Z' });
  await insertTask(p, b.id, UNITS.water, { state: 'assigned', dueAt: '2026-04-02T01:00:00Z' });

  await insertWarning(p, {
    state: 'published', publishedAt: '2026-03-02T00:00:00Z',
    recipients: [{ unitId: UNITS.fire, acknowledgedAt: '2026-03-02T00:05:00Z' }, { unitId: UNITS.emergency, acknowledgedAt: '2026-03-02T00:30:00Z' }, { unitId: UNITS.water }],
  });
  await insertWarning(p, { state: 'draft', recipients: [{ unitId: UNITS.water }] });

  await insertAllocation(p, a.id, UNITS.fire, { kind: 'vehicle', measure: 'vehicle', name: '除冰车', state: 'allocated', requested: 3, allocated: 3, allocatedAt: '2026-03-02T02:00:00Z' });
  await insertAllocation(p, a.id, UNITS.fire, { kind: 'person', measure: 'person', name: '救援队员', state: 'returned', requested: 20, allocated: 20, allocatedAt: '2026-03-02T02:00:00Z' });
  await insertAllocation(p, b.id, UNITS.emergency, { kind: 'material', measure: 'tonne', name: '工业盐', state: 'allocated', requested: 15, allocated: 12.5, allocatedAt: '2026-03-10T03:00:00Z' });
  await insertAllocation(p, b.id, UNITS.emergency, { kind: 'material', measure: 'tonne', name: '融雪剂', state: 'requested', requested: 5, allocated: 0 });
});
afterAll(async () => t?.close());

const get = (user: string, url: string) => t.app.inject({ url, headers: s[user]!.headers });
const march = (extra = '') => `/api/statistics/emergency?from=${MARCH.from}&to=${MARCH.to}${extra}`;

interface UnitRow { unit: { id: string; name: string }; activations: Record<string, number | null>; tasks: Record<string, number | null>; warnings: Record<string, number | null> }

describe('GET /api/statistics/emergency', () => {
  it('counts the incidents, first reports, acknowledgements, tasks, warnings and resources of the period', async () => {
    const response = await get('demo-commander', march());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.incidents).toEqual({
      received: 4, filed: 2, dismissed: 1, handled: 1, closed: 1, handledOfFiled: 1, handlingRate: 0.5,
      firstReport: { reported: 2, owed: 2, onTime: 1, onTimeRate: 0.5, medianMinutes: 30 },
    });
    expect(body.activations).toEqual({ total: 4, acknowledged: 3, ackRate: 0.75, medianAckMinutes: 6, escalated: 2, unreached: 1 });
    expect(body.tasks).toEqual({ due: 3, onTime: 1, onTimeRate: 1 / 3 });
    expect(body.warnings).toEqual({ recipients: 3, acknowledged: 2, ackRate: 2 / 3 });
    expect(body.resources).toEqual({ allocations: 3, incidents: 2, byMeasure: { vehicle: 3, person: 20, tonne: 12.5 } });
    const units = body.units as UnitRow[];
    expect(units.map((u) => [u.unit.name, u.activations.total, u.activations.acknowledged, u.activations.medianAckMinutes, u.activations.escalated, u.activations.unreached]))
      .toEqual([['应急管理局', 1, 1, 10, 1, 0], ['消防救援大队', 2, 2, 5, 0, 0], ['水利局', 1, 0, null, 1, 1]]);
    const fire = units.find((u) => u.unit.id === UNITS.fire)!;
    expect(fire.tasks).toEqual({ due: 2, onTime: 1, onTimeRate: 0.5 });
    expect(fire.warnings).toEqual({ recipients: 1, acknowledged: 1, ackRate: 1 });
  });

  it('answers the dispatcher and the shift lead alike, and one unit with unitId', async () => {
    for (const user of ['demo-dispatcher', 'demo-lead']) expect((await get(user, march())).json().incidents.received).toBe(4);
    const water = (await get('demo-commander', march(`&unitId=${UNITS.water}`))).json();
    expect(water.units.map((u: UnitRow) => u.unit.id)).toEqual([UNITS.water]);
    expect(water.incidents).toMatchObject({ received: 1, filed: 1 });
    expect(water.warnings).toEqual({ recipients: 1, acknowledged: 0, ackRate: 0 });
  });

  it("gives a unit's user its own unit's part only, and refuses another unit and other roles", async () => {
    const own = (await get('demo-dept', march())).json();
    expect(own.units.map((u: UnitRow) => [u.unit.name, u.activations.total, u.tasks.due, u.warnings.recipients])).toEqual([['城市管理和综合执法局', 0, 0, 0]]);
    expect(own.incidents.received).toBe(0);
    expect(own.resources.byMeasure).toEqual({});
    expect((await get('demo-dept', march(`&unitId=${UNITS.fire}`))).statusCode).toBe(404);
    expect((await get('demo-agent', march())).statusCode).toBe(403);
  });

  it('names a bad period', async () => {
    const response = await get('demo-commander', `/api/statistics/emergency?from=${MARCH.to}&to=${MARCH.from}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'to' });
  });
});

describe('the monthly report', () => {
  it('carries the emergency figures of the month, in JSON and on a 应急管理 sheet', async () => {
    const report = await get('demo-commander', '/api/reports/monthly?month=2026-03');
    expect(report.statusCode, report.body).toBe(200);
    const { emergency } = report.json();
    expect(emergency.incidents).toMatchObject({ received: 4, filed: 2, handlingRate: 0.5 });
    expect(emergency.activations).toMatchObject({ total: 4, acknowledged: 3, medianAckMinutes: 6 });
    expect(emergency.resources.byMeasure).toEqual({ vehicle: 3, person: 20, tonne: 12.5 });

    const file = await get('demo-commander', '/api/reports/monthly?month=2026-03&format=xlsx');
    expect(file.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('应急管理')!;
    expect(sheet).toBeDefined();
    const cells = new Map<string, unknown>();
    sheet.eachRow((row) => { cells.set(String(row.getCell(1).value), row.getCell(2).value); });
    expect(cells.get('接报突发事件')).toBe(4);
    expect(cells.get('立案')).toBe(2);
    expect(cells.get('处置率（处置完毕 ÷ 立案）')).toBe(0.5);
    expect(cells.get('初报用时中位数（分钟）')).toBe(30);
    expect(cells.get('确认用时中位数（分钟）')).toBe(6);
    expect(cells.get('任务按时完成率')).toBeCloseTo(1 / 3);
    expect(cells.get('预警确认率')).toBeCloseTo(2 / 3);
    expect(cells.get('出动车次')).toBe(3);
    expect(cells.get('调运物资（吨）')).toBe(12.5);
    expect(cells.get('水利局')).toBe('一级');
  });
});

describe('the assessment', () => {
  interface Row { unitId: string; score: number | null; rank: number | null; indicators: { indicator: string; numerator: number; denominator: number; value: number | null; points: number | null; noData: boolean }[] }
  let runId = '';
  let departments: Row[] = [];

  beforeAll(async () => {
    const scheme = await t.app.inject({
      method: 'POST', url: '/api/assessment/schemes', headers: s['demo-admin']!.headers,
      payload: {
        name: '应急管理工作',
        rules: {
          department: [
            { indicator: 'activation_ack_rate', weight: 40, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } },
            { indicator: 'activation_ack_minutes', weight: 20, rule: { kind: 'linear', zeroAt: 30, fullAt: 5 } },
            { indicator: 'task_on_time', weight: 20, rule: { kind: 'linear', zeroAt: 0, fullAt: 1 } },
            { indicator: 'warning_ack_rate', weight: 20, rule: { kind: 'linear', zeroAt: 0, fullAt: 1 } },
          ],
        },
      },
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    const run = await t.app.inject({
      method: 'POST', url: '/api/assessment/runs', headers: s['demo-commander']!.headers,
      payload: { schemeId: scheme.json().id, period: { kind: 'month', year: 2026, month: 3 } },
    });
    expect(run.statusCode, run.body).toBe(201);
    runId = run.json().id;
    departments = run.json().groups.find((g: { unitType: string }) => g.unitType === 'department').units;
  });

  it('scores the units on the four emergency indicators as computed by hand', () => {
    const unit = (id: string) => departments.find((u) => u.unitId === id)!;
    // fire: 40 (2/2) + 20 (5 min) + 20 × 1/2 + 20 (1/1) = 90
    expect(unit(UNITS.fire).indicators.map((i) => [i.indicator, i.numerator, i.denominator, i.value, i.points])).toEqual([
      ['activation_ack_rate', 2, 2, 1, 40], ['activation_ack_minutes', 2, 2, 5, 20], ['task_on_time', 1, 2, 0.5, 10], ['warning_ack_rate', 1, 1, 1, 20],
    ]);
    expect(unit(UNITS.fire)).toMatchObject({ score: 90, rank: 1 });
    // emergency: 40 + 20 × (30 − 10) / 25 = 16 + 0 (0/1 tasks) + 20 = 76
    expect(unit(UNITS.emergency)).toMatchObject({ score: 76, rank: 2 });
    // water: 0/1 acknowledged, no minutes (left out), no task due (left out), 0/1 warnings → 0 of 60
    expect(unit(UNITS.water).indicators.map((i) => [i.indicator, i.noData, i.points])).toEqual([
      ['activation_ack_rate', false, 0], ['activation_ack_minutes', true, null], ['task_on_time', true, null], ['warning_ack_rate', false, 0],
    ]);
    expect(unit(UNITS.water)).toMatchObject({ score: 0, rank: 3 });
    expect(departments.filter((u) => u.score !== null)).toHaveLength(3);
  });

  it('drills an emergency indicator down to its records', async () => {
    const response = await get('demo-commander', `/api/assessment/runs/${runId}/units/${UNITS.fire}/indicators/task_on_time/tickets`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ matchesRun: true, total: 2, tickets: [], current: { numerator: 1, denominator: 2, value: 0.5 } });
    expect(body.records.map((r: { kind: string; title: string; inNumerator: boolean }) => [r.kind, r.title, r.inNumerator]).sort())
      .toEqual([['task', '清除道路积冰', false], ['task', '清除道路积冰', true]]);
    expect(body.records.every((r: { code: string }) => r.code.startsWith('SJ'))).toBe(true);
  });

  it('refuses a deduction rule or thresholds the wrong way round for the minutes, and leaves the default scheme alone', async () => {
    for (const [rule, field] of [
      [{ kind: 'deduction', pointsPerEvent: 2 }, 'rules.department[0].rule.kind'],
      [{ kind: 'linear', zeroAt: 5, fullAt: 30 }, 'rules.department[0].rule.fullAt'],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST', url: '/api/assessment/schemes', headers: s['demo-admin']!.headers,
        payload: { name: 'bad', rules: { department: [{ indicator: 'activation_ack_minutes', weight: 100, rule }] } },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field });
    }
    const versions = await t.prisma.assessmentSchemeVersion.findMany({ where: { scheme: { name: { not: '应急管理工作' } } } });
    for (const version of versions) expect(JSON.stringify(version.rules)).not.toMatch(/activation_ack|task_on_time|warning_ack/);
  });
});
