/**
 * The calls module through the whole chain: PBX simulator → bridge → call-events → records,
 * agent state commands back to the PBX, the live queue, the screen pop over /ws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';

const AGENT_INTERFACE = 'Local/8101@agents/n';
let t: TestApp;
let pbx: TelephonyHarness;
let agent: Session;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp({ AGENT_INTERFACE_TEMPLATE: 'Local/{extension}@agents/n', PBX_ID: 'pbx1' });
  pbx = await startTelephony(t, { startTime: TEST_START.getTime() });
  agent = await login(t.app, 'demo-agent');
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await pbx?.close();
  await t?.close();
});

const post = (url: string, payload: object, session = agent) => t.app.inject({ method: 'POST', url, headers: session.headers, payload });
const get = (url: string, session = agent) => t.app.inject({ url, headers: { cookie: session.cookie } });
const tick = (seconds: number) => { for (let i = 0; i < seconds; i++) pbx.sim.tick(1000); };

/** Opens the console's socket and resolves with the first message on a topic. */
async function openSocket(session: Session) {
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws`, { headers: { cookie: session.cookie } });
  const messages: { topic: string; payload: Record<string, unknown> }[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  const next = (topic: string, timeoutMs = 10_000) => new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${topic} message`)), timeoutMs);
    const look = () => {
      const found = messages.find((m) => m.topic === topic);
      if (found) {
        clearTimeout(timer);
        messages.splice(messages.indexOf(found), 1);
        resolve(found.payload);
      } else waiters.push(look);
    };
    look();
  });
  await next('hello');
  return { socket, next };
}

describe('agent state', () => {
  it('goes ready through the PBX and shows in the live queue with the user named', async () => {
    const lead = await login(t.app, 'demo-lead');
    const { socket, next } = await openSocket(lead);
    const response = await post('/api/agents/me/state', { state: 'ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: 'ready', interface: AGENT_INTERFACE, pausedReason: null });
    // The supervisor's wallboard hears the PBX confirm it.
    expect(await next('queue')).toMatchObject({ type: 'agent.state', agent: { interface: AGENT_INTERFACE } });
    socket.close();
    const live = (await get('/api/queue/live')).json();
    const me = live.agents.find((a: { interface: string }) => a.interface === AGENT_INTERFACE);
    expect(me).toMatchObject({ state: 'ready', displayName: '话务员 李娜', pbxId: 'pbx1' });
  });

  it('needs a reason code to pause, and shows it', async () => {
    const noReason = await post('/api/agents/me/state', { state: 'paused' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ field: 'reason' });
    const badReason = await post('/api/agents/me/state', { state: 'paused', reason: 'nap' });
    expect(badReason.statusCode).toBe(400);
    const lead = await login(t.app, 'demo-lead');
    const { socket, next } = await openSocket(lead);
    expect((await post('/api/agents/me/state', { state: 'paused', reason: 'meal' })).statusCode).toBe(200);
    expect(await next('queue')).toMatchObject({ type: 'agent.state', state: 'paused', pausedReason: 'meal' });
    socket.close();
    const me = (await get('/api/queue/live')).json().agents.find((a: { interface: string }) => a.interface === AGENT_INTERFACE);
    expect(me).toMatchObject({ state: 'paused', pausedReason: 'meal' });
    expect((await post('/api/agents/me/state', { state: 'ready' })).statusCode).toBe(200);
  });

  it('is refused for an account without an extension', async () => {
    const lead = await login(t.app, 'demo-dispatcher');
    expect((await post('/api/agents/me/state', { state: 'ready' }, lead)).statusCode).toBe(403);
  });
});

describe('a call on 12345', () => {
  let linkedid: string;
  let callId: string;

  it('pops on the ringing agent’s console with the hotline and a masked number', async () => {
    const { socket, next } = await openSocket(agent);
    ({ linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912345678', callerName: '王五', patienceS: 300 }));
    tick(1);
    const pop = await next(`agent:${AGENT_INTERFACE}`);
    expect(pop).toMatchObject({ type: 'call.ringing', linkedid, hotline: '12345', callerNumber: '139****5678' });
    socket.close();
    const live = (await get('/api/queue/live')).json();
    expect(live.byHotline['12345']).toBe(1);
  });

  it('is answered from the console (demo mode) and recorded, masked', async () => {
    expect((await post('/api/agents/me/answer', {})).statusCode).toBe(200);
    await pbx.processed('call.answered', linkedid);
    const list = (await get('/api/calls?hotline=12345')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ linkedid, state: 'answered', callerNumber: '139****5678', agentInterface: AGENT_INTERFACE });
    callId = list.items[0].id;
    expect((await get(`/api/calls/${linkedid}`)).json().id).toBe(callId);
  });

  it('answering when nothing rings is refused by the PBX with its reason', async () => {
    const response = await post('/api/agents/me/answer', {});
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'pbx_rejected' });
    expect(response.json().message).toMatch(/not ringing/);
  });

  it('gives the caller’s history and flags a repeat caller', async () => {
    const first = (await get(`/api/calls/${callId}/caller-history`)).json();
    expect(first).toMatchObject({ isRepeatCaller: false, calls: [] });
    const second = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912345678', patienceS: 1 });
    tick(3);
    await pbx.processed('call.abandoned', second.linkedid);
    const history = (await get(`/api/callers/13912345678/history`)).json();
    expect(history.calls.map((c: { linkedid: string }) => c.linkedid).sort()).toEqual([linkedid, second.linkedid].sort());
    expect(history.isRepeatCaller).toBe(true);
    expect(JSON.stringify(history)).not.toContain('13912345678');
  });

  it('is hung up from the console, and then cannot be hung up again', async () => {
    expect((await post(`/api/calls/${callId}/hangup`, {})).statusCode).toBe(200);
    await pbx.processed('call.completed', linkedid);
    expect((await get(`/api/calls/${callId}`)).json()).toMatchObject({ state: 'completed' });
    const again = await post(`/api/calls/${callId}/hangup`, {});
    expect(again.statusCode).toBe(409);
  });

  it('refuses a transfer to an unknown kind of destination, naming the field', async () => {
    const response = await post(`/api/calls/${callId}/transfer`, { destination: 'anywhere' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'destination' });
  });

  it('reveals the number only with a reason, audited', async () => {
    const response = await post(`/api/calls/${callId}/reveal-caller`, { reason: 'calling back about it' });
    expect(response.json()).toEqual({ callerNumber: '13912345678' });
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.reveal', resourceId: callId } })).toBe(1);
  });
});

describe('logging out', () => {
  it('removes the agent from the queue', async () => {
    const lead = await login(t.app, 'demo-lead');
    const { socket, next } = await openSocket(lead);
    expect((await post('/api/agents/me/state', { state: 'logged_out' })).statusCode).toBe(200);
    expect(await next('queue')).toMatchObject({ type: 'agent.state', state: 'logged_out' });
    socket.close();
    const live = (await get('/api/queue/live')).json();
    expect(live.agents.find((a: { interface: string }) => a.interface === AGENT_INTERFACE)).toBeUndefined();
  });
});

describe('the wallboard', () => {
  it('counts today’s calls per hotline and hour with the answer figures', async () => {
    const lead = await login(t.app, 'demo-lead');
    const board = (await get('/api/wallboard/today', lead)).json();
    // Two calls on 12345 today: one answered within 15 s, one abandoned.
    expect(board.calls).toMatchObject({ offered: 2, answered: 1, abandoned: 1, answeredWithin15s: 1 });
    expect(board.calls.byHotline).toEqual({ '12345': 2 });
    expect(board.calls.byHour[10]).toBe(2);
    expect(board.figures).toMatchObject({ connectionRate: 0.5, timelyAnswerRate: 1, abandonRate: 0.5 });
    expect((await get('/api/wallboard/today')).statusCode).toBe(403);
  });
});
