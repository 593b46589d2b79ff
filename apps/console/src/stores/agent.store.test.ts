import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import { advanceCall, CALL_PHASES, isScreenPop, useAgentStore, type ActiveCall } from './agent.store';
import { startDeskTestServer, type DeskTestServer, waitFor } from './desk-test-server';
import { useQueueStore } from './queue.store';

const ME = 'Local/8101@agents/n';
const OTHER = 'Local/8102@agents/n';
const ringing: ActiveCall = {
  linkedid: 'L1', hotline: '12345', callerNumber: '138****8000', phase: CALL_PHASES.ringing,
  ringAt: '2026-03-02T01:00:00Z', answeredAt: null, endedAt: null, callId: null,
};

describe('the call on screen', () => {
  it('is taken when answered here, missed when answered elsewhere or rung out', () => {
    const answered = advanceCall(ringing, { type: 'call.answered', at: '2026-03-02T01:00:05Z', linkedid: 'L1', agent: { interface: ME, memberName: null } }, ME);
    expect(answered).toMatchObject({ phase: 'talking', answeredAt: '2026-03-02T01:00:05Z' });
    expect(advanceCall(ringing, { type: 'call.answered', at: 'x', linkedid: 'L1', agent: { interface: OTHER, memberName: null } }, ME).phase).toBe('missed');
    expect(advanceCall(ringing, { type: 'call.ring_no_answer', at: 'x', linkedid: 'L1', agent: { interface: ME, memberName: null } }, ME).phase).toBe('missed');
    expect(advanceCall(ringing, { type: 'call.abandoned', at: 'x', linkedid: 'L1' }, ME).phase).toBe('missed');
    const ended = advanceCall(answered, { type: 'call.completed', at: '2026-03-02T01:03:00Z', linkedid: 'L1', agent: { interface: ME, memberName: null } }, ME);
    expect(ended).toMatchObject({ phase: 'ended', endedAt: '2026-03-02T01:03:00Z' });
    expect(advanceCall(ringing, { type: 'call.answered', at: 'x', linkedid: 'OTHER' }, ME)).toBe(ringing);
  });

  it('accepts only well-formed pops', () => {
    expect(isScreenPop({ type: 'call.ringing', linkedid: 'L1', hotline: '12345', callerNumber: null, at: '2026-03-02T01:00:00Z' })).toBe(true);
    expect(isScreenPop({ type: 'call.ringing', linkedid: '', at: 'x' })).toBe(false);
    expect(isScreenPop({ type: 'call.answered', linkedid: 'L1', at: 'x' })).toBe(false);
    expect(isScreenPop('pop')).toBe(false);
  });
});

describe('agent store', () => {
  let server: DeskTestServer;
  beforeAll(async () => {
    server = await startDeskTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    setActivePinia(createPinia());
    server.routes.clear();
    server.requests.length = 0;
    requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
  });

  const view = { interface: ME, state: 'ready', pausedReason: null, isOnCall: false, since: null, afterCallWorkUntil: null, afterCallWorkSeconds: 60 };

  it('goes ready and pauses with a reason; the PBX’s answer shows before the push confirms it', async () => {
    server.routes.set('POST /agents/me/state', [200, view]);
    const agent = useAgentStore();
    agent.setUser('u1');
    expect(agent.state).toBe('logged_out');
    await expect(agent.changeState('ready')).resolves.toBe(true);
    expect(agent.state).toBe('ready');
    expect(agent.myInterface).toBe(ME);
    server.routes.set('POST /agents/me/state', [200, { ...view, state: 'paused', pausedReason: 'meal', since: '2026-03-02T01:00:00.000Z' }]);
    await agent.changeState('paused', 'meal');
    expect(server.requests.map((r) => r.body)).toEqual([{ state: 'ready' }, { state: 'paused', reason: 'meal' }]);
    expect([agent.state, agent.pausedReason]).toEqual(['paused', 'meal']);
    useQueueStore().applyEvent({ type: 'agent.state', at: new Date().toISOString(), agent: { interface: ME, memberName: null }, state: 'ready' });
    expect(agent.state).toBe('ready');
  });

  it('pops the call with the caller history, learns the record id on the calls push, answers', async () => {
    server.routes.set('GET /calls/L1/caller-history', [200, { isRepeatCaller: true, callsInLast7Days: 3, calls: [], tickets: [] }]);
    const agent = useAgentStore();
    agent.myInterface = ME;
    agent.onScreenPop({ type: 'call.ringing', linkedid: 'L1', hotline: '12345', callerNumber: '138****8000', at: new Date().toISOString() });
    expect(agent.call?.phase).toBe('ringing');
    await waitFor(() => agent.historyState === 'loaded');
    expect(agent.history?.isRepeatCaller).toBe(true);
    expect(agent.call?.callId).toBeNull(); // 404: the record is not written yet

    server.routes.set('GET /calls/L1', [200, { id: 'call-uuid-1', linkedid: 'L1' }]);
    agent.onCallRecorded({ linkedid: 'L1', kind: 'offered' });
    await waitFor(() => agent.call?.callId === 'call-uuid-1');

    server.routes.set('POST /agents/me/answer', [200, { ok: true }]);
    await expect(agent.answer()).resolves.toBe(true);
    expect(agent.call?.phase).toBe('talking');
    server.routes.set('POST /calls/call-uuid-1/transfer', [200, { ok: true }]);
    await expect(agent.transfer('110')).resolves.toBe(true);
    expect(server.requests.at(-1)).toMatchObject({ path: '/calls/call-uuid-1/transfer', body: { destination: '110' } });
    agent.onQueueEvent({ type: 'call.transferred', at: new Date().toISOString(), linkedid: 'L1' });
    expect(agent.call?.phase).toBe('ended');
    agent.finishCall();
    expect(agent.call).toBeNull();
  });

  it('shows the state the PBX answered, not the one asked for', async () => {
    // Asked to pause while the PBX had already auto-paused: the answer is what the desk shows.
    server.routes.set('POST /agents/me/state', [200, { ...view, state: 'wrap_up', pausedReason: 'after_call_work', afterCallWorkUntil: '2030-01-01T00:00:00.000Z' }]);
    const agent = useAgentStore();
    await agent.startAfterCallWork();
    expect([agent.state, agent.pausedReason, agent.isAfterCallWork, agent.afterCallWorkUntil]).toEqual(['wrap_up', 'after_call_work', true, '2030-01-01T00:00:00.000Z']);
  });

  it('refuses a sign-out during a call with its own message, not a generic conflict', async () => {
    server.routes.set('POST /agents/me/state', [409, { statusCode: 409, code: 'conflict', message: 'x', field: 'state', details: { reason: 'agent_in_call' } }]);
    const agent = useAgentStore();
    await expect(agent.changeState('logged_out')).resolves.toBe(false);
    expect(agent.controlError).toBe('agent_in_call');
  });

  it('shows a PBX refusal inline instead of throwing', async () => {
    server.routes.set('POST /agents/me/answer', [502, { statusCode: 502, code: 'pbx_rejected', message: 'Nothing is ringing' }]);
    const agent = useAgentStore();
    agent.onScreenPop({ type: 'call.ringing', linkedid: 'L2', hotline: '110', callerNumber: null, at: new Date().toISOString() });
    await expect(agent.answer()).resolves.toBe(false);
    expect(agent.controlError).toBe('pbx_rejected');
    expect(agent.call?.phase).toBe('ringing');
  });
});

