/**
 * One-click assessment runs against a hand-computed fixture: tickets with a known trail for two
 * departments in February 2026, a scheme of three indicators, and the expected scores:
 *
 *  A (urban management): 4 dispatched, 3 signed in time → 0.75 → 40 × (0.75-0.5)/0.5 = 20;
 *     1 ticket supervised (twice) → 30 - 10 = 20; follow-ups satisfied + dissatisfied (+ unreachable,
 *     not counted) → 0.5 → 0.                                                        total 40
 *  B (environment): 2 dispatched, both in time → 40; no supervision → 30; 1 basically satisfied → 30;
 *     a January dispatch signed late and a March supervision lie outside the period.  total 100
 *  Every other department: no rate has data (on_time_sign left out by default, satisfaction "zero
 *     when no data") and no supervision → no data (无数据): score and rank null, on no list.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicatorValue } from '../src/modules/statistics/ticket-figures.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

const A = 'dept-urban-management';
const B = 'dept-environment';
const local = (time: string) => new Date(`${time}+08:00`);

let t: TestApp;
let commander: Session;
let lead: Session;
let admin: Session;
let schemeId: string;
const signedInTimeA: string[] = [];

async function trail(ticketId: string, entries: { action: string; unitId: string; at: string; toState?: string; data?: Record<string, unknown> }[]) {
  for (const entry of entries) {
    await t.prisma.ticketEvent.create({
      data: { ticketId, action: entry.action, unitId: entry.unitId, toState: entry.toState ?? null, data: (entry.data ?? {}) as object, at: local(entry.at) },
    });
  }
}

async function dispatchedTicket(unitId: string, dispatchAt: string, signAt: string) {
  const ticket = await createTicket(t.prisma, { leadUnitId: unitId, categoryId: 'env.noise' });
  await trail(ticket.id, [
    { action: 'dispatch', unitId, at: dispatchAt, toState: 'dispatched' },
    { action: 'sign', unitId, at: signAt, toState: 'signed' },
  ]);
  return ticket.id;
}

beforeAll(async () => {
  t = await createTestApp();
  [commander, lead, admin] = [await login(t.app, 'demo-commander'), await login(t.app, 'demo-lead'), await login(t.app, 'demo-admin')];
  const scheme = await t.app.inject({
    method: 'POST', url: '/api/assessment/schemes', headers: admin.headers,
    payload: {
      name: 'fixture',
      rules: {
        department: [
          { indicator: 'on_time_sign', weight: 40, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } },
          { indicator: 'supervision_count', weight: 30, rule: { kind: 'deduction', pointsPerEvent: 10 } },
          { indicator: 'satisfaction', weight: 30, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1, whenNoData: 'zero' } },
        ],
      },
    },
  });
  schemeId = scheme.json<{ id: string }>().id;

  // A: three signed within the hour, one the next day.
  for (let i = 0; i < 3; i++) signedInTimeA.push(await dispatchedTicket(A, '2026-02-02T10:00:00', '2026-02-02T10:30:00'));
  const lateA = await dispatchedTicket(A, '2026-02-02T10:00:00', '2026-02-03T10:00:00');
  await trail(signedInTimeA[0]!, [
    { action: 'supervise', unitId: A, at: '2026-02-10T09:00:00' },
    { action: 'supervise', unitId: A, at: '2026-02-12T09:00:00' },
    { action: 'follow-up', unitId: A, at: '2026-02-13T09:00:00', data: { verdict: 'satisfied' } },
  ]);
  await trail(signedInTimeA[1]!, [{ action: 'follow-up', unitId: A, at: '2026-02-13T09:00:00', data: { verdict: 'dissatisfied' } }]);
  await trail(lateA, [{ action: 'follow-up', unitId: A, at: '2026-02-13T09:00:00', data: { verdict: 'unreachable' } }]);

  // B: both in time; a January ticket signed late and a March supervision do not count for February.
  const b1 = await dispatchedTicket(B, '2026-02-03T09:00:00', '2026-02-03T09:20:00');
  await dispatchedTicket(B, '2026-02-04T15:00:00', '2026-02-04T15:10:00');
  await trail(b1, [
    { action: 'follow-up', unitId: B, at: '2026-02-20T09:00:00', data: { verdict: 'basically_satisfied' } },
    { action: 'supervise', unitId: B, at: '2026-03-01T09:00:00' },
  ]);
  await dispatchedTicket(B, '2026-01-20T10:00:00', '2026-01-22T10:00:00');
});
afterAll(async () => t?.close());

interface UnitRow {
  unitId: string; unitCode: string; unitName: string; score: number | null; rank: number | null;
  indicators: { indicator: string; numerator: number; denominator: number; value: number | null; points: number | null; noData: boolean }[];
}
interface Run { id: string; status: string; schemeVersion: number; groups: { unitType: string; units: UnitRow[]; red: string[]; black: string[] }[] }

async function runFebruary(extra: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST', url: '/api/assessment/runs', headers: commander.headers,
    payload: { schemeId, period: { kind: 'month', year: 2026, month: 2 }, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Run>();
}

const departments = (run: Run) => run.groups.find((g) => g.unitType === 'department')!;
const unitOf = (run: Run, unitId: string) => departments(run).units.find((u) => u.unitId === unitId)!;
/** The audit rows about one run, oldest first, as [action, actor, details]. */
const runAudit = async (runId: string) =>
  (await t.prisma.auditLog.findMany({ where: { resource: 'assessment_run', resourceId: runId }, orderBy: { id: 'asc' } }))
    .map((row) => [row.action, row.outcome, row.actorName, row.details]);
const scoresOf = (run: Run) => run.groups.map((g) => ({ unitType: g.unitType, units: g.units, red: g.red, black: g.black }));

describe('one-click assessment runs', () => {
  it('scores the fixture as computed by hand and ranks it with red and black lists', async () => {
    const run = await runFebruary();
    expect(run.groups.map((g) => g.unitType)).toEqual(['department']);
    const a = unitOf(run, A);
    expect(a.indicators.map((i) => [i.indicator, i.numerator, i.denominator, i.value, i.points])).toEqual([
      ['on_time_sign', 3, 4, 0.75, 20], ['supervision_count', 1, 4, 1, 20], ['satisfaction', 1, 2, 0.5, 0],
    ]);
    expect(a.score).toBe(40);
    const b = unitOf(run, B);
    expect(b.indicators.map((i) => [i.numerator, i.denominator, i.points])).toEqual([[2, 2, 40], [0, 2, 30], [1, 1, 30]]);
    expect(b.score).toBe(100);
    const others = departments(run).units.filter((u) => u.unitId !== A && u.unitId !== B);
    expect(others.length).toBeGreaterThan(5);
    for (const unit of others) {
      expect(unit).toMatchObject({ score: null, rank: null });
      expect(unit.indicators.map((i) => [i.indicator, i.noData, i.points])).toEqual([
        ['on_time_sign', true, null], ['supervision_count', false, 30], ['satisfaction', true, 0],
      ]);
    }
    expect(b.rank).toBe(1);
    expect(a.rank).toBe(2);
    // Ranked units first, then the no-data units by code.
    expect(departments(run).units.slice(0, 2).map((u) => u.unitId)).toEqual([B, A]);
    // Two ranked units: one on each list; no-data units on neither.
    expect(departments(run).red).toEqual([B]);
    expect(departments(run).black).toEqual([A]);
  });

  it('is reproducible: a second run, a recompute and a later recompute give the same scores', async () => {
    const first = await runFebruary();
    const second = await runFebruary();
    expect(scoresOf(second)).toEqual(scoresOf(first));
    t.clock.advance(40 * 24 * 3600_000);
    // Forty days idle ends every session: sign in again.
    [commander, lead, admin] = [await login(t.app, 'demo-commander'), await login(t.app, 'demo-lead'), await login(t.app, 'demo-admin')];
    const recomputed = await t.app.inject({ method: 'POST', url: `/api/assessment/runs/${first.id}/recompute`, headers: commander.headers, payload: {} });
    expect(recomputed.statusCode, recomputed.body).toBe(200);
    expect(scoresOf(recomputed.json<Run>())).toEqual(scoresOf(first));
    const details = { schemeId, schemeVersion: 1, period: '2026-02' };
    expect(await runAudit(first.id)).toEqual([
      ['assessment.run_create', 'allowed', 'demo-commander', details],
      ['assessment.run_recompute', 'allowed', 'demo-commander', details],
    ]);
  });

  it('runs with an older scheme version when asked, and names a missing one', async () => {
    await t.app.inject({
      method: 'PUT', url: `/api/assessment/schemes/${schemeId}`, headers: admin.headers,
      payload: { rules: { department: [{ indicator: 'on_time_sign', weight: 100, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } }] } },
    });
    const latest = await runFebruary();
    expect(latest.schemeVersion).toBe(2);
    expect(unitOf(latest, A).score).toBe(50);
    const old = await runFebruary({ schemeVersion: 1 });
    expect(old.schemeVersion).toBe(1);
    expect(unitOf(old, A).score).toBe(40);
    const missing = await t.app.inject({
      method: 'POST', url: '/api/assessment/runs', headers: commander.headers, payload: { schemeId, schemeVersion: 9, period: { kind: 'month', year: 2026, month: 2 } },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ field: 'schemeVersion' });
  });

  it('lists the tickets behind each indicator, and they recompute the stored figure', async () => {
    const run = await runFebruary({ schemeVersion: 1 });
    for (const unitId of [A, B]) {
      for (const stored of unitOf(run, unitId).indicators) {
        const response = await t.app.inject({
          method: 'GET', url: `/api/assessment/runs/${run.id}/units/${unitId}/indicators/${stored.indicator}/tickets?pageSize=200`, headers: lead.headers,
        });
        expect(response.statusCode, response.body).toBe(200);
        const body = response.json<{ matchesRun: boolean; numeratorIds: string[]; denominatorIds: string[]; total: number; tickets: { id: string; inNumerator: boolean }[] }>();
        const again = computeIndicatorValue(stored.indicator as 'on_time_sign', body.numeratorIds.length, body.denominatorIds.length);
        expect(again, `${unitId} ${stored.indicator}`).toEqual({ numerator: stored.numerator, denominator: stored.denominator, value: stored.value });
        expect(body.matchesRun).toBe(true);
        expect(body.tickets.filter((ticket) => ticket.inNumerator).map((ticket) => ticket.id).sort()).toEqual([...body.numeratorIds].sort());
      }
    }
    const sign = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}/units/${A}/indicators/on_time_sign/tickets`, headers: commander.headers });
    expect(sign.json<{ numeratorIds: string[] }>().numeratorIds).toEqual([...signedInTimeA].sort());
  });

  it('answers bad drill-down and run requests with 4xx naming the problem', async () => {
    const run = await runFebruary();
    const unknown = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}/units/${A}/indicators/speed/tickets`, headers: commander.headers });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'indicator' });
    const notAssessed = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}/units/${A}/indicators/notice_count/tickets`, headers: commander.headers });
    expect(notAssessed.statusCode).toBe(404);
    const outside = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}/units/so-s01/indicators/on_time_sign/tickets`, headers: commander.headers });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ field: 'unitId' });
    for (const [period, field] of [[{ kind: 'month', year: 2026 }, 'period.month'], [{ kind: 'half_year', year: 2026, half: 3 }, 'period.half'], [{ kind: 'week', year: 2026 }, 'period.kind']] as const) {
      const response = await t.app.inject({ method: 'POST', url: '/api/assessment/runs', headers: commander.headers, payload: { schemeId, period } });
      expect(response.statusCode, JSON.stringify(period)).toBe(400);
      expect(response.json<{ field: string }>().field).toBe(field);
    }
    const noScheme = await t.app.inject({ method: 'POST', url: '/api/assessment/runs', headers: commander.headers, payload: { schemeId: randomUUID(), period: { kind: 'year', year: 2026 } } });
    expect(noScheme.statusCode).toBe(404);
    const asLead = await t.app.inject({ method: 'POST', url: '/api/assessment/runs', headers: lead.headers, payload: { schemeId, period: { kind: 'year', year: 2026 } } });
    expect(asLead.statusCode).toBe(403);
  });

  it('shows every unit as no data, unranked and on no list, for a period without tickets', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/assessment/runs', headers: commander.headers, payload: { schemeId, schemeVersion: 1, period: { kind: 'half_year', year: 2025, half: 2 } },
    });
    expect(response.statusCode, response.body).toBe(201);
    const run = response.json<Run>();
    expect(departments(run).units.length).toBeGreaterThan(5);
    for (const unit of departments(run).units) {
      expect(unit.score).toBeNull();
      expect(unit.rank).toBeNull();
      expect(unit.indicators.find((i) => i.indicator === 'on_time_sign')).toMatchObject({ numerator: 0, denominator: 0, value: null, points: null, noData: true });
    }
    expect(departments(run).red).toEqual([]);
    expect(departments(run).black).toEqual([]);
    const csv = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}?format=csv`, headers: lead.headers });
    const first = csv.body.slice(1).split('\r\n')[1]!.split(',');
    expect(first[1]).toBe('');
    expect(first[4]).toBe('无数据');
  });

  it('keeps a scheme that gives full marks without data as it was: such units are ranked', async () => {
    const scheme = await t.app.inject({
      method: 'POST', url: '/api/assessment/schemes', headers: admin.headers,
      payload: { name: 'full-when-no-data', rules: { department: [{ indicator: 'on_time_sign', weight: 100, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1, whenNoData: 'full' } }] } },
    });
    expect(scheme.statusCode, scheme.body).toBe(201);
    const response = await t.app.inject({
      method: 'POST', url: '/api/assessment/runs', headers: commander.headers,
      payload: { schemeId: scheme.json<{ id: string }>().id, period: { kind: 'half_year', year: 2025, half: 2 } },
    });
    const group = departments(response.json<Run>());
    expect(group.units.every((u) => u.score === 100 && u.rank === 1)).toBe(true);
    // All tie at the top: the red list takes the better half, nobody with a perfect score is black-listed.
    expect(group.red).toHaveLength(5);
    expect(group.black).toEqual([]);
  });

  it('exports CSV and XLSX that read back to the stored scores', async () => {
    const run = await runFebruary({ schemeVersion: 1 });
    const csv = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}?format=csv&lang=en`, headers: lead.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).trim().split('\r\n').map((line) => line.split(','));
    expect(lines[0]?.slice(0, 9)).toEqual([
      'Unit type', 'Rank', 'Unit code', 'Unit', 'Score', 'On-time sign-for', 'On-time sign-for numerator', 'On-time sign-for denominator', 'On-time sign-for points',
    ]);
    const aRow = lines.find((line) => line[2] === 'urban-management')!;
    expect(aRow[0]).toBe('Departments');
    expect(aRow[3]).toBe((unitOf(run, A) as UnitRow & { unitNameEn: string }).unitNameEn);
    expect(Number(aRow[4])).toBe(40);
    expect(aRow.slice(5, 9).map(Number)).toEqual([0.75, 3, 4, 20]);

    const zh = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}?format=csv`, headers: lead.headers });
    const zhHeader = zh.body.slice(1).split('\r\n')[0]!.split(',');
    expect(zhHeader.slice(0, 13)).toEqual([
      '单位类型', '排名', '单位编码', '单位', '得分', '按时签收率', '按时签收率 分子', '按时签收率 分母', '按时签收率 得分',
      '督办次数', '督办次数 分子', '督办次数 分母', '督办次数 得分',
    ]);
    expect(zh.body).not.toMatch(/on_time_sign|supervision_count/);

    const xlsx = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}?format=xlsx`, headers: lead.headers });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('区直部门')!;
    expect(sheet.getRow(1).getCell(6).value).toBe('按时签收率');
    const scores = new Map<string, number | string>();
    sheet.eachRow((row, index) => { if (index > 1) scores.set(String(row.getCell(3).value), row.getCell(5).value as number | string); });
    for (const unit of departments(run).units) expect(scores.get(unit.unitCode)).toBe(unit.score ?? '无数据');
  });

  it('makes a published run final in the API and in the database; a draft can be deleted', async () => {
    const draft = await runFebruary();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/assessment/runs/${draft.id}`, headers: commander.headers })).statusCode).toBe(204);
    expect(await t.prisma.assessmentRun.count({ where: { id: draft.id } })).toBe(0);
    const details = { schemeId, schemeVersion: draft.schemeVersion, period: '2026-02' };
    expect(await runAudit(draft.id)).toEqual([
      ['assessment.run_create', 'allowed', 'demo-commander', details],
      ['assessment.run_delete', 'allowed', 'demo-commander', details],
    ]);

    const run = await runFebruary();
    const published = await t.app.inject({ method: 'POST', url: `/api/assessment/runs/${run.id}/publish`, headers: commander.headers, payload: {} });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<Run>().status).toBe('published');
    for (const [method, url] of [['POST', 'recompute'], ['POST', 'publish'], ['DELETE', '']] as const) {
      const response = await t.app.inject({ method, url: `/api/assessment/runs/${run.id}${url ? `/${url}` : ''}`, headers: commander.headers, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(409);
    }
    // Published once; the refused acts changed nothing and wrote no audit row.
    expect((await runAudit(run.id)).map(([action]) => action)).toEqual(['assessment.run_create', 'assessment.run_publish']);
    await expect(t.prisma.assessmentRun.update({ where: { id: run.id }, data: { status: 'draft' } })).rejects.toThrow(/published/);
    await expect(t.prisma.assessmentRun.delete({ where: { id: run.id } })).rejects.toThrow(/published/);
    await expect(t.prisma.assessmentScore.updateMany({ where: { runId: run.id }, data: { score: 100 } })).rejects.toThrow(/published/);
    await expect(t.prisma.assessmentScore.deleteMany({ where: { runId: run.id } })).rejects.toThrow(/published/);
    await expect(t.prisma.assessmentScore.create({ data: { runId: run.id, unitId: 'so-s01', unitType: 'street_office', score: 1, rank: 1, indicators: [] } })).rejects.toThrow(/published/);
    const stored = await t.app.inject({ method: 'GET', url: `/api/assessment/runs/${run.id}`, headers: lead.headers });
    expect(scoresOf(stored.json<Run>())).toEqual(scoresOf(run));
    const list = await t.app.inject({ method: 'GET', url: '/api/assessment/runs?pageSize=100', headers: lead.headers });
    expect(list.json<{ items: { id: string; status: string }[] }>().items.find((item) => item.id === run.id)?.status).toBe('published');
  });
});
