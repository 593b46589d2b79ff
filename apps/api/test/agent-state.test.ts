/**
 * The agent's state with the PBX as the truth: the real bridge against the PBX simulator
 * (manual clock), the API's one desired-state command, a live hash in Redis that lies, sign-out
 * refused during a call, after-call work that ends by itself, auto-pause after ring-no-answer,
 * the current call for a desk that reloads, and signing out of the account (out of the queue first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { liveAgentsKey } from '@yixian/runtime';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';

const ME = 'Local/8101@agents/n';
const PBX_ID = 'pbx-agents';
let t: TestApp;
let pbx: TelephonyHarness;
let agent: Session;
let baseUrl: string;
let redis: Redis;
let pbxClosed = false;

beforeAll(async () => {
  t = await createTestApp({ AGENT_INTERFACE_TEMPLATE: 'Local/{extension}@agents/n', PBX_ID, AFTER_CALL_WORK_SECONDS: '1' });
  // Only 8009 besides the agent, paused; a member who lets a call ring out is auto-paused.
  pbx = await startTelephony(t, { startTime: TEST_START.getTime(), autoPause: true });
  agent = await login(t.app, 'demo-agent');
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  redis = new Redis(t.app.config.redis.url);
});
afterAll(async () => {
  await redis?.quit();
  if (!pbxClosed) await pbx?.close();
  await t?.close();
});

const setState = (payload: object) => t.app.inject({ method: 'POST', url: '/api/agents/me/state', headers: agent.headers, payload });
const get = (url: string) => t.app.inject({ url, headers: { cookie: agent.cookie } });
const hashKey = () => liveAgentsKey(t.redisPrefix, PBX_ID);
/** The member as the PBX lists it (QueueStatus through the bridge's own AMI link). */
async function queueMember(iface = ME) {
  const status = await pbx.bridge.client.action({ Action: 'QueueStatus', Queue: 'hotline', Member: iface });
  return status.items.find((item) => item.event === 'QueueMember' && item.fields.Location === iface)?.fields;
}
async function liveMe() {
  await pbx.bridge.drained();
  const raw = await redis.hget(hashKey(), ME);
  return raw ? (JSON.parse(raw) as { state: string; pausedReason: string | null }) : null;
}

/** The lead's socket: resolves with the first `queue` push that matches. */
async function watchQueue(match: (payload: Record<string, unknown>) => boolean, timeoutMs = 10_000) {
  const lead = await login(t.app, 'demo-lead');
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws`, { headers: { cookie: lead.cookie } });
  let ready!: () => void;
  const hello = new Promise<void>((resolve) => (ready = resolve));
  const seen = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching queue push')), timeoutMs);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { topic: string; payload: Record<string, unknown> };
      if (message.topic === 'hello') ready();
      if (message.topic === 'queue' && match(message.payload)) {
        clearTimeout(timer);
        resolve(message.payload);
      }
    });
  });
  await hello;
  return { seen: seen.finally(() => socket.close()) };
}
const isMine = (state: string) => (p: Record<string, unknown>) => p.type === 'agent.state' && (p.agent as { interface?: string })?.interface === ME && p.state === state;

describe('a live hash that disagrees with the PBX', () => {
  it('pauses when the hash is empty but the PBX has the member: 200 paused, no 502', async () => {
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready', interface: ME });
    await pbx.bridge.drained();
    await redis.del(hashKey());
    const paused = await setState({ state: 'paused', reason: 'meal' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ state: 'paused', pausedReason: 'meal', isOnCall: false, afterCallWorkUntil: null });
    expect(await queueMember()).toMatchObject({ Paused: '1', PausedReason: 'meal' });
    // The command repaired the live state as it went.
    expect(await liveMe()).toMatchObject({ state: 'paused', pausedReason: 'meal' });
  });

  it('repairs the hash even when the PBX is already where the agent asks', async () => {
    await pbx.bridge.drained();
    await redis.hdel(hashKey(), ME);
    const { seen } = await watchQueue(isMine('paused'));
    expect((await setState({ state: 'paused', reason: 'meal' })).json()).toMatchObject({ state: 'paused', pausedReason: 'meal' });
    await seen;
    expect(await liveMe()).toMatchObject({ state: 'paused' });
  });

  it('logs out with a stale hash: QueueRemove is sent and the member is gone from QueueStatus', async () => {
    await pbx.bridge.drained();
    await redis.hdel(hashKey(), ME);
    const removed = new Promise<Record<string, unknown>>((resolve) => {
      const stop = pbx.sim.onEvent((fields) => {
        const event = Object.fromEntries(fields);
        if (event.Event === 'QueueMemberRemoved' && event.Interface === ME) {
          stop();
          resolve(event);
        }
      });
    });
    const response = await setState({ state: 'logged_out' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: 'logged_out' });
    await removed;
    expect(await queueMember()).toBeUndefined();
    expect(await liveMe()).toBeNull();
  });

  it('logs in when the hash says ready but the PBX has no such member', async () => {
    await redis.hset(hashKey(), ME, JSON.stringify({ memberName: 'x', state: 'ready', pausedReason: null, since: new Date().toISOString(), queue: 'hotline' }));
    expect((await setState({ state: 'paused', reason: 'training' })).json()).toMatchObject({ state: 'paused', pausedReason: 'training' });
    expect(await queueMember()).toMatchObject({ Paused: '1', PausedReason: 'training' });
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
  });
});

describe('signing out during a call', () => {
  let linkedid: string;

  it('is refused with 409 while the agent talks, and the member stays in the queue', async () => {
    ({ linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340001', patienceS: 300 }));
    pbx.sim.tick(1000);
    expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/answer', headers: agent.headers, payload: {} })).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);
    const refused = await setState({ state: 'logged_out' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict', field: 'state', details: { reason: 'agent_in_call' } });
    expect(await queueMember()).toMatchObject({ InCall: '1' });
  });

  it('gives the desk the call it talks on after a reload, then the ended call within the after-call-work limit, then none', async () => {
    const current = (await get('/api/agents/me/current-call')).json();
    expect(current.call).toMatchObject({ linkedid, state: 'answered', agentInterface: ME, callerNumber: '139****0001', endedAt: null });
    pbx.sim.hangup(linkedid, 'agent');
    await pbx.processed('call.completed', linkedid);
    const ended = (await get('/api/agents/me/current-call')).json();
    expect(ended.call).toMatchObject({ linkedid, state: 'completed', agentInterface: ME });
    expect(ended.call.endedAt).not.toBeNull();
    // AFTER_CALL_WORK_SECONDS (1 s here) after the call ended, outside after-call work: nothing to restore.
    t.clock.set(new Date(Date.parse(ended.call.endedAt) + 1001));
    expect((await get('/api/agents/me/current-call')).json()).toEqual({ call: null });
  });
});

describe('after-call work', () => {
  it('is a pause with a time limit that ends by itself', async () => {
    const { seen } = await watchQueue(isMine('ready'));
    const entered = await setState({ state: 'paused', reason: 'after_call_work' });
    expect(entered.statusCode).toBe(200);
    const view = entered.json();
    expect(view).toMatchObject({ state: 'wrap_up', pausedReason: 'after_call_work', afterCallWorkSeconds: 1 });
    expect(Date.parse(view.afterCallWorkUntil) - Date.now()).toBeLessThanOrEqual(1000);
    expect(await liveMe()).toMatchObject({ state: 'wrap_up', pausedReason: 'after_call_work' });
    const read = (await get('/api/agents/me/state')).json();
    expect(read).toMatchObject({ state: 'wrap_up', pausedReason: 'after_call_work' });
    expect(read.afterCallWorkUntil).not.toBeNull();
    // The delayed command runs on the bridge and makes the agent ready again.
    await seen;
    expect(await queueMember()).toMatchObject({ Paused: '0' });
    expect((await get('/api/agents/me/state')).json()).toMatchObject({ state: 'ready', afterCallWorkUntil: null });
  });

  it('gives a reloaded desk the call it is for, shown ended, and a ticket created then links to it', async () => {
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340005', patienceS: 300 });
    pbx.sim.tick(1000);
    expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/answer', headers: agent.headers, payload: {} })).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);
    pbx.sim.hangup(linkedid, 'caller');
    await pbx.processed('call.completed', linkedid);
    expect((await setState({ state: 'paused', reason: 'after_call_work' })).json()).toMatchObject({ state: 'wrap_up' });
    // Hold the after-call work (its end is a real 1 s timer here) while the desk reloads.
    await t.app.cancelPbxCommand(PBX_ID, 'acw-' + Buffer.from(ME).toString('base64url'));
    expect(await liveMe()).toMatchObject({ state: 'wrap_up', pausedReason: 'after_call_work' });
    // Long after the call ended by the API's clock: the after-call work still names its call.
    t.clock.advance(10 * 60_000);
    const restored = (await get('/api/agents/me/current-call')).json();
    expect(restored.call).toMatchObject({ linkedid, state: 'completed', agentInterface: ME, callerNumber: '139****0005', tickets: [] });
    expect(restored.call.endedAt).not.toBeNull();

    const created = await t.app.inject({
      method: 'POST', url: '/api/tickets', headers: agent.headers,
      payload: { channel: 'phone', callId: restored.call.id, categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音', areaId: 's01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().ticket).toMatchObject({ channel: 'phone', callId: restored.call.id, hotlineNumber: '12345' });
    const again = (await get('/api/agents/me/current-call')).json();
    expect(again.call.tickets).toEqual([expect.objectContaining({ code: created.json().ticket.code })]);

    // After-call work over, the limit long past: nothing to restore.
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
    expect((await get('/api/agents/me/current-call')).json()).toEqual({ call: null });
  });

  it('ends early when the agent goes ready or pauses for something else', async () => {
    expect((await setState({ state: 'paused', reason: 'after_call_work' })).json().afterCallWorkUntil).not.toBeNull();
    expect((await setState({ state: 'paused', reason: 'meal' })).json()).toMatchObject({ state: 'paused', afterCallWorkUntil: null });
    expect(await t.app.findScheduledPbxCommand(PBX_ID, 'acw-' + Buffer.from(ME).toString('base64url'))).toBeNull();
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
  });
});

describe('auto-pause after ring-no-answer', () => {
  it('shows the agent paused with Asterisk’s reason, and going ready ends it', async () => {
    const { seen } = await watchQueue(isMine('paused'));
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340002', patienceS: 30 });
    for (let s = 0; s < 17; s++) pbx.sim.tick(1000);
    expect(await seen).toMatchObject({ pausedReason: 'Auto-Pause' });
    expect((await get('/api/agents/me/state')).json()).toMatchObject({ state: 'paused', pausedReason: 'Auto-Pause' });
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready', pausedReason: null });
    pbx.sim.hangup(linkedid);
    await pbx.processed('call.abandoned', linkedid);
  });
});

describe('pausing during a call', () => {
  it('shows the call first with the pause pending, the PBX holding the member paused, and the pause once the call ends', async () => {
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340004', patienceS: 300 });
    pbx.sim.tick(1000);
    expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/answer', headers: agent.headers, payload: {} })).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);

    const pending = await watchQueue((p) => isMine('busy')(p) && p.pausedReason === 'break');
    const paused = await setState({ state: 'paused', reason: 'break' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ state: 'busy', pausedReason: 'break', isOnCall: true });
    expect(await queueMember()).toMatchObject({ Paused: '1', PausedReason: 'break', InCall: '1' });
    await pending.seen;
    expect(await liveMe()).toMatchObject({ state: 'busy', pausedReason: 'break' });
    expect((await get('/api/agents/me/state')).json()).toMatchObject({ state: 'busy', pausedReason: 'break', isOnCall: true });
    expect((await get('/api/queue/live')).json().agents).toContainEqual(expect.objectContaining({ interface: ME, state: 'busy', pausedReason: 'break' }));

    const over = await watchQueue(isMine('paused'));
    pbx.sim.hangup(linkedid, 'caller');
    await pbx.processed('call.completed', linkedid);
    expect(await over.seen).toMatchObject({ pausedReason: 'break' });
    expect(await liveMe()).toMatchObject({ state: 'paused', pausedReason: 'break' });
    expect(await queueMember()).toMatchObject({ Paused: '1', PausedReason: 'break', InCall: '0' });
  });
});

describe('signing out of the account', () => {
  const logout = (session: Session) => t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
  const me = (session: Session) => t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
  const auditOf = (action: string) => t.prisma.auditLog.findMany({ where: { action, actorName: 'demo-agent' }, orderBy: { id: 'asc' } });

  it('is refused with 409 while the agent talks: still a queue member, the session still valid', async () => {
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
    const session = await login(t.app, 'demo-agent');
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340003', patienceS: 300 });
    pbx.sim.tick(1000);
    expect((await t.app.inject({ method: 'POST', url: '/api/agents/me/answer', headers: session.headers, payload: {} })).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);
    const refused = await logout(session);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'conflict', message: 'You cannot sign out during a call; end the call first', details: { reason: 'agent_in_call' },
    });
    expect(await queueMember()).toMatchObject({ InCall: '1' });
    expect((await me(session)).statusCode).toBe(200);
    expect((await auditOf('auth.logout')).at(-1)).toMatchObject({ outcome: 'denied', reason: 'agent_in_call' });
    pbx.sim.hangup(linkedid, 'agent');
    await pbx.processed('call.completed', linkedid);
  });

  it('takes a ready agent out of the queue, then ends the session', async () => {
    const session = await login(t.app, 'demo-agent');
    expect(await queueMember()).toMatchObject({ InCall: '0' });
    const { seen } = await watchQueue(isMine('logged_out'));
    const out = await logout(session);
    expect(out.statusCode).toBe(204);
    expect(await queueMember()).toBeUndefined();
    await seen;
    expect(await liveMe()).toBeNull();
    expect((await me(session)).statusCode).toBe(401);
    expect((await auditOf('auth.logout')).at(-1)).toMatchObject({ outcome: 'allowed', details: { queue: 'removed' } });
    expect(await auditOf('agent.queue_sign_out')).toEqual([]);
  });

  it('still signs out when no bridge answers, and audits that the queue was left as it was', async () => {
    expect((await setState({ state: 'ready' })).json()).toMatchObject({ state: 'ready' });
    const session = await login(t.app, 'demo-agent');
    pbxClosed = true;
    await pbx.close();
    const out = await logout(session);
    expect(out.statusCode).toBe(204);
    expect((await me(session)).statusCode).toBe(401);
    expect((await auditOf('agent.queue_sign_out')).at(-1)).toMatchObject({ outcome: 'failed', resourceId: ME, reason: 'no_bridge' });
    expect((await auditOf('auth.logout')).at(-1)).toMatchObject({ outcome: 'allowed', details: { queue: 'no_bridge' } });
  });
});
