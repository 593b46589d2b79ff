/**
 * The command hall's one answer on real PostgreSQL, from rows written straight into the tables:
 * open incidents most severe first with their activated units, the task board with the overdue task
 * flagged, resources committed, the warning in force with its acknowledgement figure, tier-1 duty
 * with the gaps, the latest trail entries; the centre roles only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, TEST_START, type TestApp } from './helpers/test-app.js';
import { insertActivation, insertAllocation, insertIncident, insertTask, insertWarning, UNITS } from './emergency-fixtures.js';

let t: TestApp;
const ids = { severe: '', minor: '' };

beforeAll(async () => {
  t = await createTestApp();
  const p = t.prisma;
  const minor = await insertIncident(p, { state: 'filed', level: 'IV', title: '道路积水', reportedAt: '2026-03-02T00:30:00Z', filedAt: '2026-03-02T00:40:00Z', areaId: 's01' });
  const severe = await insertIncident(p, {
    state: 'responding', level: 'II', title: '冰冻灾害', reportedAt: '2026-03-01T20:00:00Z', filedAt: '2026-03-01T20:10:00Z', lat: 28.35, lng: 112.82,
    nextReportKind: 'follow_up', nextReportDueAt: '2026-03-02T01:00:00Z',
  });
  await insertIncident(p, { state: 'closed', reportedAt: '2026-03-01T00:00:00Z', closedAt: '2026-03-01T10:00:00Z' });
  ids.severe = severe.id;
  ids.minor = minor.id;
  await insertActivation(p, severe.id, UNITS.fire, { createdAt: '2026-03-01T20:10:00Z', state: 'acknowledged', acknowledgedAt: '2026-03-01T20:13:00Z' });
  await insertActivation(p, severe.id, UNITS.water, { createdAt: '2026-03-01T20:10:00Z', state: 'escalated', escalatedAt: '2026-03-01T20:16:00Z' });
  await insertTask(p, severe.id, UNITS.fire, { state: 'in_progress', dueAt: '2026-03-02T01:00:00Z', title: '清除主干道积冰' });
  await insertTask(p, severe.id, UNITS.fire, { state: 'signed', dueAt: '2026-03-02T06:00:00Z', title: '巡查桥梁' });
  await insertAllocation(p, severe.id, UNITS.fire, { kind: 'vehicle', measure: 'vehicle', name: '除冰车', state: 'allocated', requested: 4, allocated: 4, allocatedAt: '2026-03-01T21:00:00Z' });
  await insertAllocation(p, severe.id, UNITS.fire, { kind: 'material', measure: 'tonne', name: '工业盐', state: 'returned', requested: 10, allocated: 8, allocatedAt: '2026-03-01T21:00:00Z' });
  await insertWarning(p, { state: 'published', level: 'red', publishedAt: '2026-03-01T18:00:00Z', recipients: [{ unitId: UNITS.fire, acknowledgedAt: '2026-03-01T18:10:00Z' }, { unitId: UNITS.water }] });
  await p.incidentEvent.create({ data: { incidentId: severe.id, action: 'activation_acknowledged', unitId: UNITS.fire, at: new Date('2026-03-01T20:13:00Z') } });
  await p.incidentEvent.create({ data: { incidentId: minor.id, action: 'file', fromState: 'verified', toState: 'filed', at: new Date('2026-03-02T00:40:00Z') } });
});
afterAll(async () => t?.close());

describe('GET /api/command-hall', () => {
  it('answers everything the big screen shows', async () => {
    const session = await login(t.app, 'demo-dispatcher');
    const response = await t.app.inject({ url: '/api/command-hall', headers: session.headers });
    expect(response.statusCode, response.body).toBe(200);
    const hall = response.json();
    expect(hall.at).toBe(TEST_START.toISOString());
    expect(hall.areas.length).toBeGreaterThan(3);
    expect(hall.incidents.map((i: { title: string; level: string }) => [i.title, i.level])).toEqual([['冰冻灾害', 'II'], ['道路积水', 'IV']]);
    const [severe, minor] = hall.incidents;
    expect(severe.activations.map((a: { unit: { name: string }; state: string }) => [a.unit.name, a.state])).toEqual([['消防救援大队', 'acknowledged'], ['水利局', 'escalated']]);
    expect(severe.nextReport).toEqual({ kind: 'follow_up', dueAt: '2026-03-02T01:00:00.000Z', overdue: true });
    // Placed at its area's centre when only the area is known.
    expect(minor.area.name).toBeTruthy();
    expect(typeof minor.lat).toBe('number');
    expect(hall.tasks.map((task: { title: string; overdue: boolean }) => [task.title, task.overdue])).toEqual([['清除主干道积冰', true], ['巡查桥梁', false]]);
    expect(hall.resources).toEqual({ committed: { vehicle: 4 }, dispatched: { vehicle: 4, tonne: 8 } });
    expect(hall.warnings).toHaveLength(1);
    expect(hall.warnings[0]).toMatchObject({ level: 'red', ack: { total: 2, acknowledged: 1, rate: 0.5 } });
    expect(hall.timeline.map((e: { action: string; incident: { title: string } }) => [e.action, e.incident.title])).toEqual([['file', '道路积水'], ['activation_acknowledged', '冰冻灾害']]);
    expect(hall.timeline[1].unit.name).toBe('消防救援大队');
    expect(hall.duty.items.length).toBeGreaterThan(5);
    expect(hall.duty.items.every((row: { unit: { tier: number } }) => row.unit.tier === 1)).toBe(true);
    // Someone on duty now for the fire brigade: the wall screen shows the phone masked, even to the commander.
    await t.prisma.dutyShift.create({ data: { unitId: UNITS.fire, role: 'on_duty', personName: '赵建国', phone: '13907310998', startsAt: new Date('2026-03-02T00:00:00Z'), endsAt: new Date('2026-03-03T00:00:00Z') } });
    const again = (await t.app.inject({ url: '/api/command-hall', headers: (await login(t.app, 'demo-commander')).headers })).json();
    const fire = again.duty.items.find((row: { unit: { id: string } }) => row.unit.id === UNITS.fire);
    expect(fire.onDuty.name).toBe('赵建国');
    expect(fire.onDuty.phone).not.toContain('13907310998');
    expect(fire.onDuty.phone).toMatch(/\*/);
    expect(fire.gap).toBe(false);
  });

  it('is for the centre only', async () => {
    for (const user of ['demo-commander', 'demo-lead']) {
      const session = await login(t.app, user);
      expect((await t.app.inject({ url: '/api/command-hall', headers: session.headers })).statusCode).toBe(200);
    }
    for (const user of ['demo-agent', 'demo-dept']) {
      const session = await login(t.app, user);
      expect((await t.app.inject({ url: '/api/command-hall', headers: session.headers })).statusCode).toBe(403);
    }
  });
});
