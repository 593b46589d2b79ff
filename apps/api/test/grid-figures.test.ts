/**
 * What the phone did, in the figures (issue 15, part 3), on real PostgreSQL: a grid worker files a
 * patrol report (巡查上报) that the grid settles, and handles another matter on the spot (自处); a
 * third matter reached the same grid team, went back and was settled by the street office. Then:
 *
 * - the 70/20/10 split (settlement shares, the monthly report) counts 2 in the grid, 1 at the street,
 *   the grid's part broken out as 自处 1, 巡查上报 1;
 * - the grid team's indicators: 网格自处数 1, 巡查上报数 2 (both reports were its worker's),
 *   网格办结率 2 / 3 (settled while it held them / closed after reaching it);
 * - the drill-downs list exactly those tickets; an assessment scheme weighing the three scores the
 *   team by hand: 40 × (0.6667 − 0.5) / 0.2 + 30 × 1/2 + 30 × 2/4 = 33.33 + 15 + 15 = 63.33.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { act, loginAll, type Sessions } from './tickets-fixtures.js';

const TEAM = 'gt-s01g01';
const STREET = 'so-s01';
const DAY = { from: '2026-03-01T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' };

let t: TestApp;
let s: Sessions;
const ids = { onSpot: '', patrol: '', passedUp: '' };

const get = (user: string, url: string) => t.app.inject({ url, headers: s[user]!.headers });
const report = (body: Record<string, unknown>) => t.app.inject({
  method: 'POST', url: '/api/patrol-reports', headers: { ...s['demo-grid']!.headers, 'idempotency-key': randomUUID() }, payload: body,
});

beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-grid', 'demo-lead', 'demo-commander', 'demo-admin']);
  const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
  const position = { lat: grid.centroidLat!, lng: grid.centroidLng!, accuracy: 10 };

  const onSpot = await report({ categoryId: 'env.noise', description: '巡查发现工地夜间施工', position, handledOnSpot: true, result: '已劝导停工' });
  expect(onSpot.statusCode, onSpot.body).toBe(201);
  ids.onSpot = onSpot.json().ticket.id;

  const patrol = await report({ categoryId: 'env.noise', description: '巡查发现广场舞音响过响', position });
  expect(patrol.statusCode, patrol.body).toBe(201);
  ids.patrol = patrol.json().ticket.id;
  expect(patrol.json().ticket).toMatchObject({ leadUnitId: TEAM, level: 'grid' });
  for (const [user, action, body] of [
    ['demo-grid', 'sign', {}], ['demo-grid', 'reply', { content: '已协调调低音量' }], ['demo-lead', 'close', { verdict: 'satisfied' }],
  ] as const) {
    const response = await act(t, s[user]!, ids.patrol, action, body);
    expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  }

  // A phone ticket the team returned and the street office settled (written as the trail records it).
  const passedUp = await createTicket(t.prisma, { leadUnitId: STREET, areaId: 's01g01' });
  ids.passedUp = passedUp.id;
  const at = (minutes: number) => new Date(Date.parse('2026-03-02T01:00:00Z') + minutes * 60_000);
  const entries = [
    { action: 'dispatch', unitId: TEAM, toState: 'dispatched', data: { level: 'grid' } },
    { action: 'return', unitId: TEAM, toState: 'returned', data: {} },
    { action: 'dispatch', unitId: STREET, toState: 'dispatched', data: { level: 'street' } },
    { action: 'sign', unitId: STREET, toState: 'signed', data: {} },
    { action: 'reply', unitId: STREET, toState: 'replied', data: { content: '已处理' } },
    { action: 'close', unitId: STREET, toState: 'closed', data: {} },
  ];
  for (const [index, entry] of entries.entries()) {
    await t.prisma.ticketEvent.create({ data: { ticketId: passedUp.id, ...entry, at: at(index * 5) } });
  }
  await t.prisma.ticket.update({ where: { id: passedUp.id }, data: { state: 'closed', level: 'street', closedAt: at(25) } });
});
afterAll(async () => { await t?.close(); });

describe('the 70/20/10 split', () => {
  const expected = {
    total: 3,
    counts: { grid: 2, street: 1, district: 0 },
    norms: { grid: 0.7, street: 0.2, district: 0.1 },
    breakdown: { grid: { onSpot: 1, patrol: 1 }, street: { onSpot: 0, patrol: 0 }, district: { onSpot: 0, patrol: 0 } },
  };

  it('counts the on-the-spot matter and the patrol report as settled in the grid, broken out', async () => {
    const response = await get('demo-lead', `/api/tickets/settlement-shares?from=${DAY.from}&to=${DAY.to}`);
    expect(response.statusCode, response.body).toBe(200);
    const shares = response.json();
    expect(shares).toMatchObject(expected);
    expect(shares.shares.grid).toBeCloseTo(2 / 3, 10);
    expect(shares.shares.street).toBeCloseTo(1 / 3, 10);
    expect(shares.shares.district).toBe(0);
  });

  it('shows the same split in the monthly report', async () => {
    const response = await get('demo-commander', '/api/reports/monthly?month=2026-03');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().settlement).toMatchObject(expected);
  });
});

describe('the grid team’s indicators', () => {
  it('counts 自处 1, 巡查上报 2 and 网格办结率 2 / 3 from the trail', async () => {
    const response = await get('demo-lead', `/api/statistics/ticket-figures?from=${DAY.from}&to=${DAY.to}&unitId=${TEAM}`);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json().rows.find((row: { unitId: string }) => row.unitId === TEAM).figures;
    expect(figures.on_spot_count).toEqual({ numerator: 1, denominator: 3, value: 1 });
    expect(figures.patrol_report_count).toEqual({ numerator: 2, denominator: 3, value: 2 });
    expect(figures.grid_settlement).toMatchObject({ numerator: 2, denominator: 3 });
    expect(figures.grid_settlement.value).toBeCloseTo(2 / 3, 10);
    // The street office settled what it held: 1 / 1.
    const street = (await get('demo-lead', `/api/statistics/ticket-figures?from=${DAY.from}&to=${DAY.to}&unitId=${STREET}`)).json();
    expect(street.rows.find((row: { unitId: string }) => row.unitId === STREET).figures.grid_settlement).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('drills each figure down to the tickets behind it', async () => {
    const drill = async (metric: string, part: string) => {
      const response = await get('demo-lead', `/api/statistics/drill?metric=${metric}&from=${DAY.from}&to=${DAY.to}&unitId=${TEAM}&part=${part}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().tickets.map((ticket: { id: string }) => ticket.id).sort();
    };
    expect(await drill('on_spot_count', 'numerator')).toEqual([ids.onSpot]);
    expect(await drill('patrol_report_count', 'numerator')).toEqual([ids.onSpot, ids.patrol].sort());
    expect(await drill('grid_settlement', 'numerator')).toEqual([ids.onSpot, ids.patrol].sort());
    expect(await drill('grid_settlement', 'denominator')).toEqual([ids.onSpot, ids.patrol, ids.passedUp].sort());
  });
});

describe('the assessment', () => {
  let runId = '';

  it('refuses rules that do not fit the new indicators, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ indicator: 'on_spot_count', weight: 100, rule: { kind: 'deduction', pointsPerEvent: 2 } }, 'rules.grid_team[0].rule.kind'],
      [{ indicator: 'on_spot_count', weight: 100, rule: { kind: 'linear', zeroAt: 5, fullAt: 1 } }, 'rules.grid_team[0].rule.fullAt'],
      [{ indicator: 'patrol_report_count', weight: 100, rule: { kind: 'linear', zeroAt: -1, fullAt: 4 } }, 'rules.grid_team[0].rule.zeroAt'],
      [{ indicator: 'grid_settlement', weight: 100, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 2 } }, 'rules.grid_team[0].rule.fullAt'],
    ];
    for (const [item, field] of cases) {
      const response = await t.app.inject({
        method: 'POST', url: '/api/assessment/schemes', headers: s['demo-admin']!.headers, payload: { name: 'bad', rules: { grid_team: [item] } },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ field });
    }
  });

  it('scores the grid team on them, and drills down to the tickets', async () => {
    const scheme = await t.app.inject({
      method: 'POST', url: '/api/assessment/schemes', headers: s['demo-admin']!.headers,
      payload: {
        name: '网格自处考核',
        rules: {
          grid_team: [
            { indicator: 'grid_settlement', weight: 40, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 0.7 } },
            { indicator: 'on_spot_count', weight: 30, rule: { kind: 'linear', zeroAt: 0, fullAt: 2 } },
            { indicator: 'patrol_report_count', weight: 30, rule: { kind: 'linear', zeroAt: 0, fullAt: 4 } },
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
    const detail = (await get('demo-commander', `/api/assessment/runs/${runId}`)).json();
    const scores = detail.groups.find((group: { unitType: string }) => group.unitType === 'grid_team').units;
    const team = scores.find((row: { unitId: string }) => row.unitId === TEAM);
    expect(team.score).toBe(63.33);
    expect(team.indicators.map((i: { indicator: string; numerator: number; denominator: number; points: number }) => [i.indicator, i.numerator, i.denominator, i.points]))
      .toEqual([['grid_settlement', 2, 3, 33.3333], ['on_spot_count', 1, 3, 15], ['patrol_report_count', 2, 3, 15]]);
    // A grid team with nothing counted stays unranked (无数据), not scored 0.
    const idle = scores.find((row: { unitId: string }) => row.unitId === 'gt-s01g02');
    expect(idle).toMatchObject({ score: null, rank: null });

    const tickets = await get('demo-commander', `/api/assessment/runs/${runId}/units/${TEAM}/indicators/on_spot_count/tickets`);
    expect(tickets.statusCode, tickets.body).toBe(200);
    expect(tickets.json()).toMatchObject({ matchesRun: true, numeratorIds: [ids.onSpot] });
    const listed = tickets.json().tickets.filter((ticket: { inNumerator: boolean }) => ticket.inNumerator).map((ticket: { id: string }) => ticket.id);
    expect(listed).toEqual([ids.onSpot]);
  });
});
