/**
 * The shift lead's hand on the floor, against the real bridge and the PBX simulator: forcing an
 * agent's pause or sign-out (roles, reason, audit, the PBX's own member state, the agent's desk
 * told who and why), listening in on a call (audited), and the queue alarms the wallboard shows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { liveChannel } from '@yixian/runtime';
import { pushQueueAlarms } from '../src/modules/wallboard/queue-alarms.js';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';

const ME = 'Local/8101@agents/n';
const LEAD = 'Local/8190@agents/n';
let t: TestApp;
let pbx: TelephonyHarness;
let agent: Session;
let lead: Session;
let agentId: string;

beforeAll(async () => {
  t = await createTestApp({ AGENT_INTERFACE_TEMPLATE: 'Local/{extension}@agents/n', PBX_ID: 'pbx-supervision' });
  pbx = await startTelephony(t, { startTime: TEST_START.getTime() });
  agent = await login(t.app, 'demo-agent');
  lead = await login(t.app, 'demo-lead');
  agentId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } })).id;
});
afterAll(async () => {
  await pbx?.close();
  await t?.close();
});

const force = (session: Session, payload: object, id = agentId) =>
  t.app.inject({ method: 'POST', url: `/api/agents/${id}/state`, headers: session.headers, payload });
const myState = async () => (await t.app.inject({ url: '/api/agents/me/state', headers: { cookie: agent.cookie } })).json();
const setMyState = (payload: object) => t.app.inject({ method: 'POST', url: '/api/agents/me/state', headers: agent.headers, payload });
const auditOf = (action: string) => t.prisma.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } });
async function queueMember(iface = ME) {
  const status = await pbx.bridge.client.action({ Action: 'QueueStatus', Queue: 'hotline', Member: iface });
  return status.items.find((item) => item.event === 'QueueMember' && item.fields.Location === iface)?.fields;
}

describe('forcing an agent’s state', () => {
  it('is the shift lead’s alone', async () => {
    for (const username of ['demo-agent', 'demo-commander', 'demo-dispatcher']) {
      const session = await login(t.app, username);
      expect((await force(session, { state: 'paused', reason: 'meal' })).statusCode).toBe(403);
    }
    expect(await auditOf('agent.force_state')).toEqual([]);
  });

  it('needs a reason, a note with “other”, and a known agent; nothing is sent or written otherwise', async () => {
    expect((await setMyState({ state: 'ready' })).json()).toMatchObject({ state: 'ready', forcedBy: null });
    const missing = await force(lead, { state: 'paused' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/reason/);
    expect((await force(lead, { state: 'paused', reason: 'after_call_work' })).statusCode).toBe(400);
    const other = await force(lead, { state: 'paused', reason: 'other' });
    expect(other.json()).toMatchObject({ statusCode: 400, field: 'note' });
    expect((await force(lead, { state: 'paused', reason: 'meal' }, randomUUID())).json()).toMatchObject({ statusCode: 404, field: 'id' });
    expect(await queueMember()).toMatchObject({ Paused: '0' });
    expect(await auditOf('agent.force_state')).toEqual([]);
  });

  it('pauses the agent on the PBX with the reason, audits it, and tells the agent’s desk who and why', async () => {
    const forced = await force(lead, { state: 'paused', reason: 'meeting', note: '班组会' });
    expect(forced.statusCode).toBe(200);
    expect(forced.json()).toMatchObject({ state: 'paused', pausedReason: 'meeting', forcedBy: { byName: '值班长 王强', reason: 'meeting', note: '班组会' } });
    expect(await queueMember()).toMatchObject({ Paused: '1', PausedReason: 'meeting' });
    expect((await auditOf('agent.force_state')).at(-1)).toMatchObject({
      outcome: 'allowed', actorName: 'demo-lead', resource: 'user', resourceId: agentId, reason: 'meeting: 班组会',
      details: { state: 'paused', reasonCode: 'meeting', interface: ME },
    });
    expect(await myState()).toMatchObject({ state: 'paused', pausedReason: 'meeting', forcedBy: { byName: '值班长 王强', state: 'paused', note: '班组会' } });
    // The agent's own change ends the shift lead's word.
    expect((await setMyState({ state: 'ready' })).json()).toMatchObject({ state: 'ready', forcedBy: null });
    expect((await myState()).forcedBy).toBeNull();
  });

  it('refuses a sign-out during a call like the agent’s own, audits the refusal; the lead can listen in, audited', async () => {
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340011', patienceS: 300 });
    pbx.sim.tick(1000);
    expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/answer', headers: agent.headers, payload: {} })).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);
    const refused = await force(lead, { state: 'logged_out', reason: 'training' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict', field: 'state', details: { reason: 'agent_in_call' } });
    expect(refused.json().message).toMatch(/on a call/);
    expect(await queueMember()).toMatchObject({ InCall: '1' });
    expect((await auditOf('agent.force_state')).at(-1)).toMatchObject({ outcome: 'failed', details: { state: 'logged_out', error: 'agent_in_call' } });

    const commander = await login(t.app, 'demo-commander');
    const listenAs = (session: Session, mode: string) =>
      t.app.inject({ method: 'POST', url: `/api/calls/${linkedid}/listen`, headers: session.headers, payload: { mode } });
    expect((await listenAs(commander, 'listen')).statusCode).toBe(403);
    expect((await listenAs(agent, 'barge')).statusCode).toBe(403);
    const listening = await listenAs(lead, 'whisper');
    expect(listening.statusCode).toBe(200);
    const call = await t.prisma.call.findUniqueOrThrow({ where: { linkedid } });
    expect(await auditOf('call.listen')).toMatchObject([
      { outcome: 'allowed', actorName: 'demo-lead', resource: 'call', resourceId: call.id, details: { mode: 'whisper', supervisorInterface: LEAD, agentInterface: ME } },
    ]);
    pbx.sim.hangup(linkedid, 'caller');
    await pbx.processed('call.completed', linkedid);
  });

  it('signs a free agent out of the queue: the member is gone', async () => {
    expect((await setMyState({ state: 'ready' })).statusCode).toBe(200);
    const out = await force(lead, { state: 'logged_out', reason: 'training', note: '参加培训' });
    expect(out.json()).toMatchObject({ state: 'logged_out', forcedBy: { state: 'logged_out', reason: 'training' } });
    expect(await queueMember()).toBeUndefined();
    expect((await myState()).forcedBy).toMatchObject({ byName: '值班长 王强', state: 'logged_out', note: '参加培训' });
  });
});

describe('queue alarms', () => {
  it('raises nothing on a quiet queue', async () => {
    const quiet = await t.app.inject({ url: '/api/wallboard/alarms', headers: { cookie: lead.cookie } });
    expect(quiet.json()).toMatchObject({ type: 'queue.alarms', alarms: [], thresholds: { waitSeconds: 15, serviceLevel: 0.8, windowMinutes: 15 } });
    const agentAsks = await t.app.inject({ url: '/api/wallboard/alarms', headers: { cookie: agent.cookie } });
    expect(agentAsks.statusCode).toBe(403);
  });

  it('raises the long wait once a caller has waited more than 15 s, and the low service level from the calls answered', async () => {
    // Nobody is in the queue now (the agent was signed out, 8009 is paused): the caller waits.
    const { linkedid } = pbx.sim.placeCall({ hotline: '110', callerNumber: '13912340012', patienceS: 300 });
    pbx.sim.tick(1000);
    await pbx.processed('call.offered', linkedid);
    await pbx.bridge.drained();
    const live = (await t.app.inject({ url: '/api/queue/live', headers: { cookie: lead.cookie } })).json();
    const entered = Date.parse(live.waiting.find((w: { linkedid: string }) => w.linkedid === linkedid).since);
    const passed = new Date(entered + 15_000).toISOString();
    t.clock.set(new Date(entered + 20_000));
    const now = t.clock.now();
    const answered = (late: boolean, minutesAgo: number) => ({
      linkedid: randomUUID(), pbxId: 'pbx-supervision', hotlineNumber: '12345', callerNumber: '13900000000', state: 'completed',
      enteredAt: new Date(now.getTime() - minutesAgo * 60_000 - 60_000), answeredAt: new Date(now.getTime() - minutesAgo * 60_000),
      waitSeconds: late ? 40 : 5,
    });
    // With the call listened in on above (in time): three in time, two late in the window (60 %); a late one before the window does not count.
    await t.prisma.call.createMany({ data: [answered(false, 1), answered(false, 2), answered(true, 3), answered(true, 4), answered(true, 20)] });

    const redis = new Redis(t.app.config.redis.url);
    const subscriber = new Redis(t.app.config.redis.url);
    try {
      await subscriber.subscribe(liveChannel(t.redisPrefix, 'wallboard'));
      const pushed = new Promise<Record<string, unknown>>((resolve) => subscriber.on('message', (_channel, message) => resolve(JSON.parse(message))));
      await pushQueueAlarms({ prisma: t.prisma, redis, config: t.app.config, now });
      const report = await pushed;
      expect(report).toMatchObject({
        type: 'queue.alarms',
        alarms: [
          { kind: 'long_wait', value: 20, threshold: 15, since: passed },
          { kind: 'low_service_level', value: 0.6, threshold: 0.8, answered: 5, since: now.toISOString() },
        ],
      });
      // The wallboard that opens later reads the same alarms, the start kept.
      t.clock.advance(5000);
      const later = (await t.app.inject({ url: '/api/wallboard/alarms', headers: { cookie: lead.cookie } })).json();
      expect(later.alarms.map((a: { since: string }) => a.since)).toEqual([passed, now.toISOString()]);
    } finally {
      await subscriber.quit();
      await redis.quit();
    }
    pbx.sim.hangup(linkedid, 'caller');
    await pbx.processed('call.abandoned', linkedid);
  });
});
