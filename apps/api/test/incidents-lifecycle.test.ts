/**
 * A full incident through the API on real PostgreSQL and Redis: a ticket escalated to level III,
 * filed under the seeded plan (tier 1 + 2 units activated with the plan's version, tasks, notices,
 * alert calls), acknowledged by phone and in the app, reports on time and late by the test's clock,
 * overdue flagged once, handled, refused to close without the final report, closed. Also dismissal,
 * scope, bad input and stale versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesTicket } from '@yixian/domain';
import { sweepOverdueReports } from '../src/modules/incidents/sweep-overdue-reports.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { loginAll, type Sessions } from './tickets-fixtures.js';
import { act, addShifts, deliverResult, detail, latestCall, report } from './incidents-fixtures.js';

let t: TestApp;
let s: Sessions;
const MINUTE = 60_000;
const USERS = ['demo-agent', 'demo-dispatcher', 'demo-commander', 'demo-dept', 'demo-street', 'demo-grid'];

beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, USERS);
});

/** Moves the app clock; everyone signs in again (hours of idle time end a session). */
async function moveClock(to: Date) {
  t.clock.set(to);
  s = await loginAll(t, USERS);
}
afterAll(async () => t?.close());

async function escalate(level = 'III') {
  const ticket = await createTicket(t.prisma, { areaId: 's01' });
  const response = await t.app.inject({
    method: 'POST', url: `/api/tickets/${ticket.id}/escalate-incident`, headers: s['demo-agent']!.headers,
    payload: { type: 'accident', subtype: 'traffic', level },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ticket, incident: response.json() };
}

describe('an incident from a ticket to its close', () => {
  it('runs the whole life with activation, reports and the trail', async () => {
    const urban = 'dept-urban-management';
    const shifts = await addShifts(t, urban, t.clock.now(), { onDuty: '13800000001', deputy: '13800000002' });
    const { ticket, incident } = await escalate();
    expect(incident).toMatchObject({ state: 'reported', level: 'III', source: 'ticket', ticket: { id: ticket.id, code: ticket.code }, version: 1 });
    expect(incident.code).toMatch(/^SJ20260302\d{4}$/);
    expect(incident.area).toEqual({ id: 's01', name: expect.any(String) });
    const ticketTrail = await t.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id } });
    const entry = ticketTrail.find((e) => e.action === 'escalate_incident');
    expect(entry?.data).toEqual({ incidentId: incident.id, incidentCode: incident.code });
    expect(changesTicket('escalate_incident')).toBe(false);

    const dispatcher = s['demo-dispatcher']!;
    const verified = await act(t, dispatcher, incident.id, 'verify', { version: 1 });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'verified', version: 2 });

    const filedAt = t.clock.now();
    const filed = await act(t, dispatcher, incident.id, 'file', { version: 2 });
    expect(filed.statusCode, filed.body).toBe(200);
    const view = filed.json();
    expect(view).toMatchObject({ state: 'filed', plan: { name: '区突发事件总体应急预案', version: 1 } });
    expect(view.nextReport).toEqual({ kind: 'initial', dueAt: new Date(filedAt.getTime() + 30 * MINUTE).toISOString(), overdue: false });
    const expectedUnits = await t.prisma.unit.findMany({ where: { active: true, linkageTier: { in: [1, 2] } }, select: { id: true } });
    expect(view.activations).toHaveLength(expectedUnits.length);
    expect(new Set(view.activations.map((a: { unit: { id: string } }) => a.unit.id))).toEqual(new Set(expectedUnits.map((u) => u.id)));
    expect(view.activations.every((a: { unit: { tier: number } }) => a.unit.tier === 1 || a.unit.tier === 2)).toBe(true);
    const planTrail = view.trail.find((e: { action: string }) => e.action === 'plan_applied');
    expect(planTrail.data).toMatchObject({ planVersion: 1, activated: expectedUnits.length });
    // The plan's task goes to every tier-1 unit.
    const tierOne = await t.prisma.unit.count({ where: { active: true, linkageTier: 1 } });
    expect(view.tasks).toHaveLength(tierOne);

    // The on-duty person of the urban management bureau is called; a unit without any number is escalated and given up at once.
    const urbanActivation = view.activations.find((a: { unit: { id: string } }) => a.unit.id === urban);
    expect(urbanActivation).toMatchObject({ state: 'notifying', target: 'on_duty', attempts: 1, onDuty: { name: '值班员 甲', phone: expect.not.stringContaining('13800000001') } });
    expect(urbanActivation.calls).toEqual([expect.objectContaining({ attempt: 1, target: 'on_duty', outcome: 'placed' })]);
    const streetActivation = view.activations.find((a: { unit: { id: string } }) => a.unit.id === 'so-s01');
    expect(streetActivation).toMatchObject({ state: 'unreached', calls: [] });
    const notice = await t.prisma.notification.findFirst({ where: { unitId: urban, kind: 'incident_activation' } });
    expect(notice?.title).toContain(incident.code);
    expect(await t.prisma.outbox.count({ where: { dedupeKey: `sms-incident-activation-${urbanActivation.id}` } })).toBe(1);
    expect(await t.prisma.notification.count({ where: { kind: 'incident_unreached' } })).toBeGreaterThan(0);

    // DTMF 1 on the on-duty phone (the bridge's result through the call-events consumer): acknowledged by
    // phone, and the incident responds on its own. The same report twice changes nothing.
    const call = await latestCall(t, urbanActivation.id);
    expect(call.dutyShiftId).toBe(shifts.onDuty.id);
    t.clock.advance(20_000);
    expect((await deliverResult(t, call, 'acknowledged')).applied).toEqual({ applied: true, handled: true });
    const trailBefore = await t.prisma.incidentEvent.count({ where: { incidentId: incident.id } });
    expect((await deliverResult(t, call, 'acknowledged')).applied).toEqual({ applied: false, handled: false });
    expect(await t.prisma.incidentEvent.count({ where: { incidentId: incident.id } })).toBe(trailBefore);
    let current = (await detail(t, dispatcher, incident.id)).json();
    expect(current.state).toBe('responding');
    expect(current.activations.find((a: { id: string }) => a.id === urbanActivation.id)).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'phone' });
    expect(current.trail.filter((e: { action: string }) => e.action === 'respond')).toEqual([
      expect.objectContaining({ fromState: 'filed', toState: 'responding', actor: null, reason: 'first_acknowledgement' }),
    ]);

    // The street office acknowledges in the app (it had been given up on by phone).
    const ack = await t.app.inject({ method: 'POST', url: `/api/incident-activations/${streetActivation.id}/acknowledge`, headers: s['demo-street']!.headers });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'app', acknowledgedBy: { name: expect.any(String) } });
    const mine = await t.app.inject({ method: 'GET', url: '/api/incident-activations?mine=1', headers: s['demo-street']!.headers });
    expect(mine.json().items).toEqual([expect.objectContaining({ id: streetActivation.id, incident: expect.objectContaining({ code: incident.code }) })]);

    // One click: a linkage conference with the on-duty people of two units (the street office has no number).
    const conference = await t.app.inject({
      method: 'POST', url: `/api/incidents/${incident.id}/conference`, headers: s['demo-commander']!.headers,
      payload: { unitIds: [urban, 'so-s01'] },
    });
    expect(conference.statusCode, conference.body).toBe(200);
    expect(conference.json()).toEqual({
      room: expect.stringMatching(/^[\w-]+$/),
      calls: [{ unitId: urban, alertCallId: expect.any(String), error: null }, { unitId: 'so-s01', alertCallId: null, error: 'no_number' }],
    });
    const roomCall = await t.prisma.alertCall.findUniqueOrThrow({ where: { id: conference.json().calls[0].alertCallId } });
    expect(roomCall).toMatchObject({ purpose: 'conference', activationId: urbanActivation.id, dutyShiftId: shifts.onDuty.id });
    const notActivated = await t.app.inject({
      method: 'POST', url: `/api/incidents/${incident.id}/conference`, headers: s['demo-commander']!.headers, payload: { unitIds: ['gt-s01g01'] },
    });
    expect(notActivated.statusCode).toBe(400);
    expect(notActivated.json().field).toBe('unitIds[0]');

    // 初报 31 minutes after filing: late. Then 续报 within its 120 minutes: on time.
    await moveClock(new Date(filedAt.getTime() + 31 * MINUTE));
    let dispatcher2 = s['demo-dispatcher']!;
    const initial = await report(t, dispatcher2, incident.id, { kind: 'initial', text: '现场两车相撞，一人受伤', injuries: 1 });
    expect(initial.statusCode, initial.body).toBe(201);
    expect(initial.json()).toMatchObject({ kind: 'initial', late: true, injuries: 1 });
    const again = await report(t, dispatcher2, incident.id, { kind: 'initial', text: '重复初报' });
    expect(again.statusCode).toBe(409);
    await moveClock(new Date(t.clock.now().getTime() + 60 * MINUTE));
    dispatcher2 = s['demo-dispatcher']!;
    const followUp = await report(t, dispatcher2, incident.id, { kind: 'follow_up', text: '伤者已送医', injuries: 1 });
    expect(followUp.json()).toMatchObject({ kind: 'follow_up', late: false });
    current = (await detail(t, dispatcher2, incident.id)).json();
    expect(current).toMatchObject({ injuries: 1, nextReport: { kind: 'follow_up', overdue: false } });

    // The next 续报 is not made: the sweep flags it once, with a notice to the commander.
    await moveClock(new Date(t.clock.now().getTime() + 121 * MINUTE));
    dispatcher2 = s['demo-dispatcher']!;
    expect(await sweepOverdueReports(t.prisma, t.clock.now())).toEqual([incident.id]);
    expect(await sweepOverdueReports(t.prisma, t.clock.now())).toEqual([]);
    current = (await detail(t, dispatcher2, incident.id)).json();
    expect(current.trail.filter((e: { action: string }) => e.action === 'report_overdue')).toHaveLength(1);
    expect(current.nextReport.overdue).toBe(true);
    const commander = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-commander' } });
    expect(await t.prisma.notification.count({ where: { userId: commander.id, kind: 'incident_report_overdue' } })).toBe(1);

    // Handled: the final report is owed on working time; the close is refused until it is made.
    const handled = await act(t, dispatcher2, incident.id, 'handle', { version: current.version });
    expect(handled.statusCode, handled.body).toBe(200);
    const handledView = handled.json();
    expect(handledView.nextReport.kind).toBe('final');
    expect(Date.parse(handledView.nextReport.dueAt)).toBeGreaterThan(t.clock.now().getTime() + 24 * 60 * MINUTE);
    const early = await act(t, s['demo-commander']!, incident.id, 'close', { version: handledView.version, summary: '处置完毕' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'conflict', details: { reason: 'final_report_missing' } });
    const final = await report(t, dispatcher2, incident.id, { kind: 'final', text: '道路恢复通行，一人轻伤', injuries: 1 });
    expect(final.json()).toMatchObject({ kind: 'final', late: false });
    const latest = (await detail(t, dispatcher2, incident.id)).json();
    expect(latest.nextReport).toBeNull();
    const closed = await act(t, s['demo-commander']!, incident.id, 'close', { version: latest.version, summary: '处置完毕，道路恢复通行' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', summary: '处置完毕，道路恢复通行', allowedActions: [] });
    expect(closed.json().activations.some((a: { state: string }) => a.state === 'notifying')).toBe(false);
    const actions = closed.json().trail.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => ['create', 'verify', 'file', 'respond', 'report', 'handle', 'close'].includes(a)))
      .toEqual(['create', 'verify', 'file', 'respond', 'report', 'report', 'handle', 'report', 'close']);
    await expect(t.prisma.$executeRaw`UPDATE incident_event SET reason = 'x' WHERE "incidentId" = ${incident.id}`).rejects.toThrow();
  });
});

describe('dismissal, scope, bad input and stale versions', () => {
  it('dismisses with a reason only, and a dismissed incident is terminal', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/incidents', headers: s['demo-dispatcher']!.headers,
      payload: { type: 'natural_disaster', subtype: 'flood', level: 'IV', title: '积水', description: '路段积水约20厘米' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json();
    expect(incident).toMatchObject({ source: 'centre', state: 'reported' });
    const blank = await act(t, s['demo-dispatcher']!, incident.id, 'dismiss', { version: 1 });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().field).toBe('reason');
    const dismissed = await act(t, s['demo-dispatcher']!, incident.id, 'dismiss', { version: 1, reason: '经核实为正常积水，不构成突发事件' });
    expect(dismissed.json()).toMatchObject({ state: 'dismissed', dismissReason: '经核实为正常积水，不构成突发事件', allowedActions: [] });
    const file = await act(t, s['demo-dispatcher']!, incident.id, 'file', { version: 2 });
    expect(file.statusCode).toBe(409);
    expect(file.json().details).toMatchObject({ reason: 'illegal_transition', state: 'dismissed' });
  });

  it('hides an incident from a unit neither reporting nor activated (404, audited), and shows it to an activated one', async () => {
    const { incident } = await escalate('IV');
    const filed = await act(t, s['demo-dispatcher']!, incident.id, 'file', { version: 1 });
    expect(filed.statusCode, filed.body).toBe(200);
    const outside = await detail(t, s['demo-grid']!, incident.id);
    expect(outside.statusCode).toBe(404);
    const audit = await t.prisma.auditLog.findFirst({ where: { action: 'access.denied', resource: 'incident', resourceId: incident.id, outcome: 'denied' } });
    expect(audit).not.toBeNull();
    const list = await t.app.inject({ method: 'GET', url: '/api/incidents', headers: s['demo-grid']!.headers });
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(incident.id);
    const inside = await detail(t, s['demo-dept']!, incident.id);
    expect(inside.statusCode).toBe(200);
    expect(inside.json().allowedActions).toEqual([]);
    const unitAct = await act(t, s['demo-dept']!, incident.id, 'respond', { version: 2 });
    expect(unitAct.statusCode).toBe(403);
    // Another unit's activation is not there for the street office.
    const other = inside.json().activations.find((a: { unit: { id: string } }) => a.unit.id === 'dept-urban-management');
    const foreign = await t.app.inject({ method: 'POST', url: `/api/incident-activations/${other.id}/acknowledge`, headers: s['demo-street']!.headers });
    expect(foreign.statusCode).toBe(404);
  });

  it('lists with filters and search', async () => {
    const { incident } = await escalate('II');
    const byCode = await t.app.inject({ method: 'GET', url: `/api/incidents?q=${incident.code}`, headers: s['demo-agent']!.headers });
    expect(byCode.json()).toMatchObject({ total: 1, items: [expect.objectContaining({ id: incident.id, areaName: expect.any(String), activatedUnits: 0 })] });
    const byState = await t.app.inject({ method: 'GET', url: '/api/incidents?state=reported,verified&level=II', headers: s['demo-agent']!.headers });
    expect(byState.json().items.map((i: { id: string }) => i.id)).toContain(incident.id);
    expect(byState.json().items.every((i: { level: string }) => i.level === 'II')).toBe(true);
    const none = await t.app.inject({ method: 'GET', url: '/api/incidents?state=closed&q=' + incident.code, headers: s['demo-agent']!.headers });
    expect(none.json()).toEqual({ items: [], total: 0 });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.prisma.incident.count();
    const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/incidents', headers: s['demo-dispatcher']!.headers, payload });
    const base = { type: 'accident', subtype: 'traffic', level: 'III', title: '事故', description: '两车相撞' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, subtype: 'flood' }, 'subtype'],
      [{ ...base, level: 'V' }, 'level'],
      [{ ...base, title: '' }, 'title'],
      [{ ...base, injuries: -1 }, 'injuries'],
      [{ ...base, callId: 'no-such-call' }, 'callId'],
      [{ ...base, areaId: 'nowhere' }, 'areaId'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field });
    }
    const agent = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: s['demo-agent']!.headers, payload: base });
    expect(agent.statusCode).toBe(403);
    expect(await t.prisma.incident.count()).toBe(before);
  });

  it('escalates an open ticket once: a second escalation and a closed ticket are refused in words, nothing written', async () => {
    const { ticket, incident } = await escalate('IV');
    const again = await t.app.inject({
      method: 'POST', url: `/api/tickets/${ticket.id}/escalate-incident`, headers: s['demo-agent']!.headers,
      payload: { type: 'accident', subtype: 'traffic', level: 'IV' },
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ details: { reason: 'already_escalated', incidentCode: incident.code } });
    const closed = await createTicket(t.prisma, { areaId: 's01', state: 'closed' });
    const refused = await t.app.inject({
      method: 'POST', url: `/api/tickets/${closed.id}/escalate-incident`, headers: s['demo-agent']!.headers,
      payload: { type: 'accident', subtype: 'traffic', level: 'IV' },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ details: { reason: 'ticket_ended', state: 'closed' } });
    expect(await t.prisma.incident.count({ where: { ticketId: { in: [ticket.id, closed.id] } } })).toBe(1);
  });

  it('answers 409 stale to an act on an older version', async () => {
    const { incident } = await escalate('IV');
    expect((await act(t, s['demo-dispatcher']!, incident.id, 'verify', { version: 1 })).statusCode).toBe(200);
    const stale = await act(t, s['demo-commander']!, incident.id, 'relevel', { version: 1, level: 'III', reason: '伤亡扩大' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', field: 'version', details: { reason: 'stale', version: 2 } });
    const relevel = await act(t, s['demo-commander']!, incident.id, 'relevel', { version: 2, level: 'III', reason: '伤亡扩大' });
    expect(relevel.json()).toMatchObject({ level: 'III', state: 'verified', version: 3 });
  });
});
