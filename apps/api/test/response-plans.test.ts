/**
 * Response plans as data: the seeded plan validates, a new plan's bad rules are refused naming the
 * path, an edit adds an immutable version (a stale one is refused), the incident keeps the version it
 * was filed under, and an inactive plan is never applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlanRules } from '../src/modules/response-plans/plan-rules.js';
import { DEFAULT_RESPONSE_PLAN_ID, defaultResponsePlanRules } from '../../../prisma/seed/seed-response-plans.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { loginAll, type Sessions } from './tickets-fixtures.js';
import { act } from './incidents-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-admin', 'demo-dispatcher', 'demo-commander', 'demo-dept']);
});
afterAll(async () => t?.close());

const rules = () => ({
  reporting: { initialMinutes: 20, initialClock: 'clock', followUpMinutes: 60, followUpClock: 'clock', finalMinutes: 600, finalClock: 'working' },
  retry: { attempts: 1, intervalSeconds: 60, ringSeconds: 20 },
  entries: [{ type: 'public_health', subtypes: ['food_poisoning'], levels: ['IV'], tiers: [], unitIds: ['dept-health', 'dept-market'], tasks: [{ title: '流调', unitId: 'dept-health', dueMinutes: 120 }] }],
});

const post = (url: string, payload: unknown, user = 'demo-admin') => t.app.inject({ method: 'POST', url, headers: s[user]!.headers, payload: payload as object });
const put = (url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: s['demo-admin']!.headers, payload: payload as object });

describe('response plans', () => {
  it('seeds the district plan with rules the API accepts', async () => {
    expect(() => validatePlanRules(defaultResponsePlanRules())).not.toThrow();
    const list = await t.app.inject({ method: 'GET', url: '/api/response-plans', headers: s['demo-commander']!.headers });
    expect(list.json().items).toEqual([expect.objectContaining({ id: DEFAULT_RESPONSE_PLAN_ID, name: '区突发事件总体应急预案', active: true, latestVersion: 1 })]);
  });

  it('refuses bad rules naming the path, and writes nothing', async () => {
    const bad: [(r: ReturnType<typeof rules>) => unknown, string][] = [
      [(r) => ({ ...r, entries: [r.entries[0], { ...r.entries[0], levels: ['V'] }] }), 'rules.entries[1].levels[0]'],
      [(r) => ({ ...r, entries: [{ ...r.entries[0], subtypes: ['flood'] }] }), 'rules.entries[0].subtypes[0]'],
      [(r) => ({ ...r, entries: [{ ...r.entries[0], unitIds: ['dept-health', 'no-such-unit'] }] }), 'rules.entries[0].unitIds[1]'],
      [(r) => ({ ...r, reporting: { ...r.reporting, finalClock: 'sometimes' } }), 'rules.reporting.finalClock'],
      [(r) => ({ ...r, retry: { ...r.retry, attempts: -1 } }), 'rules.retry.attempts'],
      [(r) => ({ ...r, entries: [{ ...r.entries[0], tasks: [{ title: 'x', dueMinutes: 0 }] }] }), 'rules.entries[0].tasks[0].dueMinutes'],
      [(r) => ({ ...r, entries: [] }), 'rules.entries'],
    ];
    const before = await t.prisma.responsePlanVersion.count();
    for (const [make, field] of bad) {
      const response = await post('/api/response-plans', { name: '食物中毒专项预案', rules: make(rules()) });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field });
    }
    expect(await t.prisma.responsePlanVersion.count()).toBe(before);
    expect((await post('/api/response-plans', { name: 'x', rules: rules() }, 'demo-commander')).statusCode).toBe(403);
  });

  it('versions edits, refuses a stale one, and records the version on the incident', async () => {
    const created = await post('/api/response-plans', { name: '食物中毒专项预案', nameEn: 'Food poisoning plan', rules: rules(), note: '首版' });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({ latestVersion: 1, version: 1, versions: [expect.objectContaining({ version: 1, note: '首版', createdBy: { id: expect.any(String), name: '系统管理员' } })] });

    // The district plan is older and matches every type at level IV: it wins until turned off.
    const off = await post(`/api/response-plans/${DEFAULT_RESPONSE_PLAN_ID}/active`, { active: false });
    expect(off.json()).toMatchObject({ active: false });

    const edited = rules();
    edited.entries[0]!.unitIds = ['dept-health'];
    const v2 = await put(`/api/response-plans/${plan.id}`, { rules: edited, note: '只启动卫健', latestVersion: 1 });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json()).toMatchObject({ latestVersion: 2, rules: { entries: [expect.objectContaining({ unitIds: ['dept-health'] })] } });
    const stale = await put(`/api/response-plans/${plan.id}`, { rules: rules(), latestVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ field: 'latestVersion', details: { reason: 'stale', latestVersion: 2 } });
    const first = await t.app.inject({ method: 'GET', url: `/api/response-plans/${plan.id}?version=1`, headers: s['demo-admin']!.headers });
    expect(first.json().rules.entries[0].unitIds).toEqual(['dept-health', 'dept-market']);

    const incident = await post('/api/incidents', {
      type: 'public_health', subtype: 'food_poisoning', level: 'IV', title: '学校食堂疑似食物中毒', description: '十余名学生呕吐腹泻',
    }, 'demo-dispatcher');
    const filed = await act(t, s['demo-dispatcher']!, incident.json().id, 'file', { version: 1 });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ plan: { id: plan.id, name: '食物中毒专项预案', version: 2 } });
    expect(filed.json().activations.map((a: { unit: { id: string } }) => a.unit.id)).toEqual(['dept-health']);
    expect(filed.json().tasks).toEqual([expect.objectContaining({ title: '流调', unit: { id: 'dept-health', name: expect.any(String) } })]);
    const due = Date.parse(filed.json().nextReport.dueAt) - t.clock.now().getTime();
    expect(due).toBe(20 * 60_000);

    // A third version later does not change what the incident was filed under.
    await put(`/api/response-plans/${plan.id}`, { rules: rules(), latestVersion: 2 });
    const row = await t.prisma.incident.findUniqueOrThrow({ where: { id: incident.json().id } });
    expect(row.planVersion).toBe(2);
    const versions = await t.prisma.responsePlanVersion.findMany({ where: { planId: plan.id } });
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3]);
  });
});
