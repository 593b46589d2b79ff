/**
 * A full incident on a real Asterisk 22 (issue 16): a citizen's call on 12345 answered by an agent,
 * the agent reports an incident from that call at level III, the commander verifies and files it;
 * the response plan's units are called on their on-duty phones through the PBX and acknowledge with
 * DTMF 1 (one on-duty phone never answers: the call escalates to the deputy, who presses 1); the
 * incident goes to responding on the first acknowledgement; a task is signed and done, a resource
 * requested and allocated, the initial and a follow-up report, handled, the final report, closed;
 * and a linkage conference puts two units' on-duty people into one ConfBridge room.
 * Judged by the PBX's own CDR, queue_log and AMI events, and by the API.
 * The on-duty phones are the test PBX's Local parties (telephony/pbx/test-include.ts).
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField, type AmiMessage } from '@yixian/ami';
import { bullPrefix } from '@yixian/runtime';
// The worker registers the incidents' handler of activation call results when it loads this queue.
import { incidentsQueue } from '../../apps/api/src/modules/incidents/incidents.jobs.js';
import { INCIDENTS_QUEUE } from '../../apps/api/src/modules/incidents/activation-calls.js';
import type { Session } from '../../apps/api/test/helpers/test-app.js';
import { agentInterface, eventually, startLive, type Live } from './live-harness.js';
import { expectAgreesWithPbx } from './judge.js';
import type { CdrRow } from './pbx-accounting.js';

const ACK = '13900000011';
const NEVER_ANSWERS = '13900000013';
const [STAYS_A, STAYS_B] = ['13900000015', '13900000016'];
const FIRE = 'dept-fire';
const EMERGENCY = 'dept-emergency';
const URBAN = 'dept-urban-management';
const HEALTH = 'dept-health';
const ACTIVATED = [FIRE, EMERGENCY, URBAN, HEALTH];
const RING_SECONDS = 6;

let live: Live;
/** The worker's incidents queue: an escalation's call to the deputy, and retries, are its jobs. */
let incidentsWorker: Worker;
const frames: AmiMessage[] = [];
const s: Record<string, Session> = {};
/** The incident the steps below carry from the call to the close. */
let incidentId = '';

/** The API's answers, read loosely (their shapes are the contract's; the assertions spell what matters). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = Record<string, any>;

beforeAll(async () => {
  live = await startLive();
  live.ami.on('event', (message) => frames.push(message));
  for (const name of ['demo-agent', 'demo-commander', 'demo-dispatcher', 'demo-dept', 'demo-admin']) s[name] = await live.login(name);
  const { config } = live.t.app;
  const context = { config, prisma: live.t.prisma, redis: new Redis(config.redis.url, { maxRetriesPerRequest: null }), clock: live.t.clock, log: pino({ level: 'silent' }) };
  incidentsWorker = new Worker(INCIDENTS_QUEUE, (job, token) => incidentsQueue.process(job, context, token), {
    connection: new Redis(config.redis.url, { maxRetriesPerRequest: null }), prefix: bullPrefix(config.redisPrefix),
  });
  incidentsWorker.on('closed', () => void context.redis.quit());
});
afterAll(async () => {
  await incidentsWorker?.close();
  await live?.close();
});

async function api(session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Json, status = method === 'GET' || method === 'PUT' ? 200 : 201): Promise<Json> {
  const response = await live.t.app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json();
}
const act = (session: Session, id: string, action: string, body: Json) => api(session, 'POST', `/api/incidents/${id}/actions/${action}`, body, 200);
const incident = (id: string) => api(s['demo-commander']!, 'GET', `/api/incidents/${id}`);

/** Puts `phone` on the unit's shift in `role` running now (the seeded roster), through the API. */
async function setDutyPhone(unitId: string, role: 'on_duty' | 'deputy', phone: string): Promise<void> {
  const now = live.t.clock.now().getTime();
  const { items } = await api(s['demo-admin']!, 'GET', `/api/duty-shifts?unitId=${unitId}&role=${role}`);
  const shift = items.find((item: Json) => Date.parse(item.startsAt) <= now && Date.parse(item.endsAt) > now);
  expect(shift, `${unitId} has a ${role} shift now`).toBeDefined();
  await api(s['demo-admin']!, 'PUT', `/api/duty-shifts/${shift.id}`, {
    unitId, role, personName: shift.personName, phone, startsAt: shift.startsAt, endsAt: shift.endsAt, version: shift.version,
  });
}

/** The alert call's Dial leg as the PBX's CDR has it (linkedid `yxal-<alertCallId>`). */
async function dialOf(alertCallId: string): Promise<CdrRow> {
  const rows = await eventually(
    async () => (await live.accounting.pool.query<CdrRow>('SELECT start, answer, "end", clid, src, dst, channel, dstchannel, uniqueid, linkedid, userfield, disposition, lastapp FROM cdr WHERE linkedid = $1 ORDER BY id', [`yxal-${alertCallId}`])).rows,
    (found) => found.some((row) => row.lastapp === 'Dial'), `alert call ${alertCallId} in the CDR`, 30_000,
  );
  return rows.find((row) => row.lastapp === 'Dial')!;
}

/** The dialplan's verdict on an alert call: the UserEvent YixianAlert on its channel. */
const verdictOf = (alertCallId: string) => eventually(
  async () => frames.find((m) => m.event === 'UserEvent' && getField(m, 'UserEvent') === 'YixianAlert' && getField(m, 'Uniqueid') === `yxal-${alertCallId}`),
  (found) => found !== undefined, `the PBX's verdict on alert call ${alertCallId}`, 15_000,
).then((m) => getField(m!, 'Result'));

describe('a full incident on a real Asterisk 22', () => {
  it('a citizen\'s call reported at level III and filed: every activated unit acknowledges by DTMF on the PBX, one through its deputy', async () => {
    // The district's plan for this drill: a fire at level III activates four named units; no retry, a 6 s ring.
    const plans = await api(s['demo-admin']!, 'GET', '/api/response-plans');
    for (const plan of plans.items.filter((p: Json) => p.active)) await api(s['demo-admin']!, 'POST', `/api/response-plans/${plan.id}/active`, { active: false }, 200);
    const plan = await api(s['demo-admin']!, 'POST', '/api/response-plans', {
      name: '火灾事故应急预案（演练）', nameEn: 'Fire drill plan',
      rules: {
        reporting: { initialMinutes: 30, initialClock: 'clock', followUpMinutes: 120, followUpClock: 'clock', finalMinutes: 1440, finalClock: 'clock' },
        retry: { attempts: 0, intervalSeconds: 10, ringSeconds: RING_SECONDS },
        entries: [{ type: 'accident', subtypes: ['fire'], levels: ['III'], tiers: [], unitIds: ACTIVATED, tasks: [] }],
      },
    });
    // Rosters: three on-duty people press 1; the health commission's never answers, its deputy presses 1.
    for (const unit of [FIRE, EMERGENCY, URBAN]) await setDutyPhone(unit, 'on_duty', ACK);
    await setDutyPhone(HEALTH, 'on_duty', NEVER_ANSWERS);
    await setDutyPhone(HEALTH, 'deputy', ACK);

    // A citizen calls 12345; the agent answers.
    await live.scriptAgent('8101', { ring: 1, talk: 3 });
    await live.addMember('8101', '李娜');
    const linkedid = await live.placeCall({ did: '12345', number: '13800007777', name: '报警人' });
    const call = await live.callWhen(linkedid, (c) => c.answeredAt !== null, 'answered by the agent');

    // The agent reports the incident from the call, level III.
    const reported = await api(s['demo-agent']!, 'POST', '/api/incidents', {
      type: 'accident', subtype: 'fire', level: 'III', title: '沿街商铺起火', description: '市民来电：沿街商铺起火，有浓烟，疑有人员被困', address: '麓谷大道 100 号', callId: call.id,
    });
    expect(reported).toMatchObject({ state: 'reported', source: 'call', callId: call.id, level: 'III' });
    incidentId = reported.id;
    // The citizen's call, as the PBX accounts it.
    await expectAgreesWithPbx(live, linkedid, { state: 'completed', hotline: '12345', number: '13800007777', name: '报警人', answeredBy: agentInterface('8101') });

    // The commander verifies and files it: the plan's four units are called.
    const verified = await act(s['demo-commander']!, reported.id, 'verify', { version: reported.version, note: '现场核实属实' });
    const filed = await act(s['demo-commander']!, reported.id, 'file', { version: verified.version });
    expect(filed).toMatchObject({ state: 'filed', plan: { id: plan.id, version: 1 } });
    expect(filed.activations.map((a: Json) => a.unit.id).sort()).toEqual([...ACTIVATED].sort());
    const filedAt = Date.parse(filed.filedAt);

    const acknowledged = await eventually(() => incident(reported.id), (d) => d.activations.every((a: Json) => a.state === 'acknowledged'), 'every activation acknowledged', 60_000);
    const ackTimes = acknowledged.activations.map((a: Json) => Date.parse(a.acknowledgedAt));
    for (const activation of acknowledged.activations) {
      expect(activation, activation.unit.name).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'phone', acknowledgedBy: null });
    }
    // Three on the first call; the health commission after its on-duty phone rang out, by the deputy.
    for (const unit of [FIRE, EMERGENCY, URBAN]) {
      const activation = acknowledged.activations.find((a: Json) => a.unit.id === unit);
      expect(activation).toMatchObject({ target: 'on_duty', escalatedAt: null });
      expect(activation.calls.map((c: Json) => [c.target, c.attempt, c.outcome, c.detail])).toEqual([['on_duty', 1, 'acknowledged', 'DTMF']]);
    }
    const health = acknowledged.activations.find((a: Json) => a.unit.id === HEALTH);
    expect(health).toMatchObject({ target: 'deputy' });
    expect(health.calls.map((c: Json) => [c.target, c.attempt, c.outcome, c.detail])).toEqual([['on_duty', 1, 'no_answer', 'NOANSWER'], ['deputy', 2, 'acknowledged', 'DTMF']]);
    const escalatedAt = Date.parse(health.escalatedAt);
    expect(escalatedAt - Date.parse(health.calls[0].placedAt)).toBeGreaterThanOrEqual((RING_SECONDS - 1) * 1000);

    // The PBX's own word on every alert call: the Dial in its CDR, the dialplan's DTMF verdict.
    const rows = await live.t.prisma.alertCall.findMany({ where: { activation: { incidentId: reported.id } }, include: { activation: { select: { unitId: true } } } });
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      const dial = await dialOf(row.id);
      if (row.outcome === 'no_answer') {
        expect(dial).toMatchObject({ dst: NEVER_ANSWERS, disposition: 'NO ANSWER' });
      } else {
        expect(dial).toMatchObject({ dst: ACK, disposition: 'ANSWERED' });
        expect(await verdictOf(row.id)).toBe('acknowledged');
      }
    }
    // No on-duty phone reached the trail.
    expect(JSON.stringify(acknowledged.trail)).not.toContain('1390000001');

    // Responding on the first acknowledgement.
    expect(acknowledged.state).toBe('responding');
    expect(Date.parse(acknowledged.respondingAt)).toBe(Math.min(...ackTimes));
    expect(acknowledged.trail.find((e: Json) => e.action === 'respond')).toMatchObject({ fromState: 'filed', toState: 'responding', reason: 'first_acknowledgement', actor: null });
    expect(acknowledged.trail.filter((e: Json) => e.action === 'activation_escalated').map((e: Json) => e.unit.id)).toEqual([HEALTH]);
    console.info(`[incident.live] filed → all acknowledged ${((Math.max(...ackTimes) - filedAt) / 1000).toFixed(1)} s; first ${((Math.min(...ackTimes) - filedAt) / 1000).toFixed(1)} s; `
      + `escalated to the deputy ${((escalatedAt - filedAt) / 1000).toFixed(1)} s, deputy acknowledged ${((Date.parse(health.acknowledgedAt) - escalatedAt) / 1000).toFixed(1)} s later`);
  });

  it('the linkage conference: two activated units\' on-duty people called into one ConfBridge room', async () => {
    // The fire brigade's and the emergency bureau's on-duty people are now on their mobiles (…15, …16: they answer and stay).
    await setDutyPhone(FIRE, 'on_duty', STAYS_A);
    await setDutyPhone(EMERGENCY, 'on_duty', STAYS_B);

    const started = await api(s['demo-commander']!, 'POST', `/api/incidents/${incidentId}/conference`, { unitIds: [FIRE, EMERGENCY] }, 200);
    expect(started.room).toMatch(/^yxconf-[0-9a-f]{12}$/);
    expect(started.calls.map((c: Json) => [c.unitId, typeof c.alertCallId, c.error])).toEqual([[FIRE, 'string', null], [EMERGENCY, 'string', null]]);
    // Both are in the room, as the PBX lists it and as its events said.
    // Until the first party joins, the PBX answers "No active conferences".
    const members = await eventually(async () => (await live.ami.action({ Action: 'ConfbridgeList', Conference: started.room }).catch(() => ({ items: [] as AmiMessage[] }))).items.filter((m) => m.event === 'ConfbridgeList'),
      (items) => items.length === 2, 'two members in the room', 20_000);
    expect(members.map((m) => getField(m, 'Channel')).every((name) => name?.startsWith('Local/1390000001'))).toBe(true);
    expect(frames.filter((m) => m.event === 'ConfbridgeJoin' && getField(m, 'Conference') === started.room)).toHaveLength(2);
    const rows = await Promise.all(started.calls.map((c: Json) => eventually(() => live.t.prisma.alertCall.findUniqueOrThrow({ where: { id: c.alertCallId } }), (row) => row.outcome !== 'placed', 'the conference call to report')));
    expect(rows.map((r) => [r.purpose, r.outcome, r.detail])).toEqual([['conference', 'answered', 'room'], ['conference', 'answered', 'room']]);
    const after = await incident(incidentId);
    expect(after.trail.find((e: Json) => e.action === 'conference')).toMatchObject({ data: { room: started.room, unitIds: [FIRE, EMERGENCY], placed: 2 } });
    // Conference calls are not the activations' calls.
    expect(after.activations.flatMap((a: Json) => a.calls)).toHaveLength(5);
    // The test ends the room's calls (the parties would stay an hour); the CDR is written as they end.
    await live.ami.action({ Action: 'ConfbridgeKick', Conference: started.room, Channel: 'all' });
    for (const [i, row] of rows.entries()) expect(await dialOf(row.id)).toMatchObject({ dst: [STAYS_A, STAYS_B][i], disposition: 'ANSWERED' });
  });

  it('a task signed and done, salt allocated, the initial and a follow-up report, handled, the final report, closed', async () => {
    // A task for the urban management bureau: signed and done by its handler.
    const dueAt = new Date(live.t.clock.now().getTime() + 2 * 3600_000).toISOString();
    const task = await api(s['demo-commander']!, 'POST', `/api/incidents/${incidentId}/tasks`, { unitId: URBAN, title: '疏散周边群众并设置警戒', dueAt });
    const signed = await api(s['demo-dept']!, 'POST', `/api/incident-tasks/${task.id}/actions/sign`, { version: task.version }, 200);
    expect(signed.state).toBe('signed');
    const done = await api(s['demo-dept']!, 'POST', `/api/incident-tasks/${task.id}/actions/done`, { version: signed.version, text: '已疏散群众 40 人，警戒线已设置' }, 200);
    expect(done).toMatchObject({ state: 'done', overdue: false });

    // Industrial salt requested and allocated from the bureau's stock.
    const salt = 'resource-urban-management-industrial-salt';
    const requested = await api(s['demo-dispatcher']!, 'POST', `/api/incidents/${incidentId}/allocations`, { resourceId: salt, requested: 20, note: '路面除冰' });
    expect(requested.state).toBe('requested');
    const allocated = await api(s['demo-commander']!, 'POST', `/api/resource-allocations/${requested.id}/actions/allocate`, { allocated: 20 }, 200);
    expect(allocated).toMatchObject({ state: 'allocated', allocated: 20, resource: { id: salt, measure: 'tonne' } });

    // The initial and a follow-up report, handled, the final report, closed.
    await api(s['demo-dispatcher']!, 'POST', `/api/incidents/${incidentId}/reports`, { kind: 'initial', text: '火势已得到控制，1 人轻伤送医', injuries: 1 });
    await api(s['demo-dispatcher']!, 'POST', `/api/incidents/${incidentId}/reports`, { kind: 'follow_up', text: '明火已扑灭，现场清理中', injuries: 1 });
    let now = await incident(incidentId);
    expect(now).toMatchObject({ injuries: 1, nextReport: { kind: 'follow_up' } });
    now = await act(s['demo-commander']!, incidentId, 'handle', { version: now.version, note: '处置完毕' });
    expect(now).toMatchObject({ state: 'handled', nextReport: { kind: 'final' } });
    await api(s['demo-dispatcher']!, 'POST', `/api/incidents/${incidentId}/reports`, { kind: 'final', text: '事件处置完毕，无人员死亡，1 人轻伤', injuries: 1 });
    now = await incident(incidentId);
    const closed = await act(s['demo-commander']!, incidentId, 'close', { version: now.version, summary: '商铺火灾，四个联动单位电话确认到位，1 人轻伤，已结案' });
    expect(closed).toMatchObject({ state: 'closed', summary: expect.stringContaining('已结案'), openTasks: 0 });
    expect(closed.reports.map((r: Json) => r.kind)).toEqual(['initial', 'follow_up', 'final']);
    expect(closed.allocations.map((a: Json) => [a.resource.id, a.state, a.allocated])).toEqual([[salt, 'allocated', 20]]);
    expect(closed.trail.map((e: Json) => e.action)).toEqual(expect.arrayContaining(['create', 'verify', 'file', 'respond', 'handle', 'close']));
    expect(live.pbx.messages().split('\n').filter((line) => line.includes('ERROR['))).toEqual([]);
  });
});
