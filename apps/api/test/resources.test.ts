/**
 * Resources: a liaison registers its unit's resources only (a measure that does not fit the kind
 * refused), an incident requests them, an allocation over what is available (quantity − committed)
 * is refused naming what is left, a return frees it, a refusal carries its reason, and the totals
 * dispatched — vehicle trips, person-times, tonnes — are summed per incident and per period.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

const SALT = 'resource-urban-management-industrial-salt';
const SALT_TRUCKS = 'resource-urban-management-salt-trucks';
const CREW = 'resource-urban-management-sanitation-crew';

let t: TestApp;
let dispatcher: Session;
let commander: Session;
let fireAdmin: Session;
let agent: Session;
let iceStorm: string;
let race: string;
beforeAll(async () => {
  t = await createTestApp();
  dispatcher = await login(t.app, 'demo-dispatcher');
  commander = await login(t.app, 'demo-commander');
  agent = await login(t.app, 'demo-agent');
  const template = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  await t.prisma.user.create({
    data: { ...template, id: randomUUID(), username: 'fire-liaison', roles: ['dept_admin'], unitId: 'dept-fire', scopeUnitIds: ['dept-fire'], createdAt: undefined, updatedAt: undefined },
  });
  fireAdmin = await login(t.app, 'fire-liaison');
  const incident = (code: string, title: string) => t.prisma.incident.create({
    data: { code, type: 'natural_disaster', subtype: 'ice_snow', level: 'III', state: 'responding', title, description: title, source: 'centre', filedAt: t.clock.now() },
  });
  iceStorm = (await incident('SJ202603020001', '冰冻雨雪')).id;
  race = (await incident('SJ202603020002', '自行车赛保障')).id;
});
afterAll(async () => t?.close());

const send = (session: Session, method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
const request = async (incidentId: string, resourceId: string, requested: number) => {
  const response = await send(dispatcher, 'POST', `/api/incidents/${incidentId}/allocations`, { resourceId, requested });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; state: string };
};
const act = (id: string, action: string, body: object = {}, session = dispatcher) => send(session, 'POST', `/api/resource-allocations/${id}/actions/${action}`, body);
const resource = async (id: string) => (await send(commander, 'GET', '/api/resources?unitId=dept-urban-management')).json().items.find((item: { id: string }) => item.id === id);

describe('registering resources', () => {
  it('lets a liaison register its own unit\'s resources only, in a measure that fits', async () => {
    const created = await send(fireAdmin, 'POST', '/api/resources', { unitId: 'dept-fire', kind: 'vehicle', name: '云梯车', measure: 'vehicle', quantity: 3 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ unit: { id: 'dept-fire', name: '消防救援大队' }, quantity: 3, committed: 0, available: 3, version: 1 });
    expect((await send(fireAdmin, 'POST', '/api/resources', { unitId: 'dept-water', kind: 'vehicle', name: '泵车', measure: 'vehicle', quantity: 1 })).statusCode).toBe(404);
    const mismatch = await send(fireAdmin, 'POST', '/api/resources', { unitId: 'dept-fire', kind: 'vehicle', name: '盐', measure: 'tonne', quantity: 1 });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ field: 'measure', details: { reason: 'measure_mismatch' } });
    expect((await send(agent, 'POST', '/api/resources', { unitId: 'dept-fire', kind: 'vehicle', name: 'x', measure: 'vehicle', quantity: 1 })).statusCode).toBe(403);
    const edited = await send(fireAdmin, 'PUT', `/api/resources/${created.json().id}`, { quantity: 4, version: 1 });
    expect(edited.json()).toMatchObject({ quantity: 4, version: 2 });
    expect(await t.prisma.auditLog.count({ where: { resource: 'resource', resourceId: created.json().id } })).toBe(2);
    // A liaison sees its unit's resources only.
    expect((await send(fireAdmin, 'GET', '/api/resources')).json().items.every((item: { unit: { id: string } }) => item.unit.id === 'dept-fire')).toBe(true);
  });
});

describe('allocations', () => {
  it('refuses to allocate more than is available, frees it on return and keeps a refusal\'s reason', async () => {
    expect(await resource(SALT_TRUCKS)).toMatchObject({ quantity: 12, committed: 0, available: 12 });
    const first = await request(iceStorm, SALT_TRUCKS, 10);
    expect(first.state).toBe('requested');
    expect((await act(first.id, 'allocate', { allocated: 10 })).json()).toMatchObject({ state: 'allocated', allocated: 10, resource: { name: '融雪撒盐车', measure: 'vehicle', unit: { name: '城市管理和综合执法局' } } });
    expect(await resource(SALT_TRUCKS)).toMatchObject({ committed: 10, available: 2 });

    const second = await request(race, SALT_TRUCKS, 5);
    const over = await act(second.id, 'allocate', { allocated: 5 });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ field: 'allocated', details: { reason: 'over_available', available: 2 } });
    expect((await t.prisma.resourceAllocation.findUniqueOrThrow({ where: { id: second.id } })).state).toBe('requested');
    expect((await act(second.id, 'allocate', { allocated: 2 })).json()).toMatchObject({ state: 'allocated', allocated: 2 });
    expect(await resource(SALT_TRUCKS)).toMatchObject({ committed: 12, available: 0 });

    const below = await send(commander, 'PUT', `/api/resources/${SALT_TRUCKS}`, { quantity: 8, version: 1 });
    expect(below.statusCode).toBe(409);
    expect(below.json().details).toMatchObject({ reason: 'below_committed', committed: 12 });

    expect((await act(first.id, 'return')).json()).toMatchObject({ state: 'returned' });
    expect(await resource(SALT_TRUCKS)).toMatchObject({ committed: 2, available: 10 });
    expect((await act(first.id, 'return')).statusCode).toBe(409);

    const refused = await request(race, SALT_TRUCKS, 1);
    expect((await act(refused.id, 'refuse', {})).statusCode).toBe(400);
    expect((await act(refused.id, 'refuse', { reason: '车辆检修' })).json()).toMatchObject({ state: 'refused' });
    const trail = await t.prisma.incidentEvent.findMany({ where: { incidentId: race }, orderBy: { id: 'asc' } });
    expect(trail.map((event) => event.action)).toEqual(['resource_requested', 'resource_allocated', 'resource_requested', 'resource_refused']);
    expect(trail.at(-1)).toMatchObject({ reason: '车辆检修', unitId: 'dept-urban-management' });
    // Another unit's liaison cannot decide on it.
    const other = await request(race, SALT_TRUCKS, 1);
    expect((await act(other.id, 'allocate', { allocated: 1 }, fireAdmin)).statusCode).toBe(404);
  });
});

describe('totals', () => {
  it('sums what was dispatched by measure, per incident and per period', async () => {
    // A day later: salt and people for the ice storm, people for the race.
    t.clock.advance(86_400_000);
    dispatcher = await login(t.app, 'demo-dispatcher');
    commander = await login(t.app, 'demo-commander');
    fireAdmin = await login(t.app, 'fire-liaison');
    const dayTwo = t.clock.now();
    for (const [incidentId, resourceId, amount] of [[iceStorm, SALT, 120.5], [iceStorm, CREW, 200], [race, CREW, 50], [iceStorm, SALT, 79.5]] as const) {
      const allocation = await request(incidentId, resourceId, amount);
      expect((await act(allocation.id, 'allocate', { allocated: amount })).statusCode).toBe(200);
    }
    const all = (await send(commander, 'GET', '/api/resources/totals')).json();
    // Returned trucks still count: the trips were made.
    expect(all.byMeasure).toEqual({ vehicle: 12, tonne: 200, person: 250 });
    expect(all.byIncident).toEqual([
      { incident: { id: iceStorm, code: 'SJ202603020001', title: '冰冻雨雪' }, byMeasure: { vehicle: 10, tonne: 200, person: 200 } },
      { incident: { id: race, code: 'SJ202603020002', title: '自行车赛保障' }, byMeasure: { vehicle: 2, person: 50 } },
    ]);
    const secondDay = (await send(commander, 'GET', `/api/resources/totals?from=${dayTwo.toISOString()}&to=${new Date(dayTwo.getTime() + 86_400_000).toISOString()}`)).json();
    expect(secondDay.byMeasure).toEqual({ tonne: 200, person: 250 });
    const firstDay = (await send(commander, 'GET', `/api/resources/totals?to=${dayTwo.toISOString()}&incidentId=${race}`)).json();
    expect(firstDay).toEqual({ byMeasure: { vehicle: 2 }, byIncident: [{ incident: { id: race, code: 'SJ202603020002', title: '自行车赛保障' }, byMeasure: { vehicle: 2 } }] });
    expect((await send(fireAdmin, 'GET', '/api/resources/totals')).statusCode).toBe(403);
  });
});

describe('two allocations at once', () => {
  it('lets only one take the last of a resource', async () => {
    const ladders = (await send(fireAdmin, 'GET', '/api/resources?kind=vehicle')).json().items.find((item: { name: string }) => item.name === '云梯车');
    expect(ladders).toMatchObject({ available: 4 });
    const [a, b] = [await request(iceStorm, ladders.id, 3), await request(race, ladders.id, 3)];
    const answers = await Promise.all([act(a.id, 'allocate', { allocated: 3 }), act(b.id, 'allocate', { allocated: 3 })]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect((await send(fireAdmin, 'GET', '/api/resources?kind=vehicle')).json().items.find((item: { id: string }) => item.id === ladders.id)).toMatchObject({ committed: 3, available: 1 });
  });
});
