/**
 * Losing sight of a real Asterisk 22: the AMI link cut for 12 s with calls waiting and talking,
 * and the PBX restarted mid-call. Afterwards the live queue, the agents and every call record
 * must be what the PBX says (QueueStatus, queue_log, CDR), and no agent is stuck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField } from '@yixian/ami';
import type { Session } from '../../apps/api/test/helpers/test-app.js';
import { agentInterface, eventually, startLive, type Live } from './live-harness.js';
import { expectAgreesWithPbx } from './judge.js';

let live: Live;
let agent: Session;
let lead: Session;
const AGENT = agentInterface('8101'); // demo-agent's phone
const CUT_MS = 12_000;

beforeAll(async () => {
  live = await startLive();
  agent = await live.login('demo-agent');
  lead = await live.login('demo-lead');
  await live.scriptAgent('8101', { ring: 1, talk: 3600 });
  const ready = await setState({ state: 'ready' });
  expect(ready.statusCode, ready.body).toBe(200);
});
afterAll(async () => {
  await live?.close();
});

function setState(body: object) {
  return live.t.app.inject({ method: 'POST', url: '/api/agents/me/state', headers: agent.headers, payload: body });
}
async function liveQueue() {
  const response = await live.t.app.inject({ url: '/api/queue/live', headers: { cookie: lead.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { waiting: { linkedid: string; waitSeconds: number; hotline: string | null }[]; agents: { interface: string; state: string }[] };
}
const resyncs = () => live.bridge.stats.resyncs;

describe('AMI link cut for 12 s with calls waiting and talking', () => {
  it('keeps the talking call, shows the waiting callers at once, rebuilds calls answered meanwhile, and no agent is stuck', async () => {
    // A talks to demo-agent; B waits (the only agent is busy).
    const a = await live.placeCall({ did: '12345', number: '13600000001', name: '通话中', patience: 600 });
    const callA = await live.callWhen(a, (c) => c.state === 'answered', 'A answered');
    const b = await live.placeCall({ did: '110', number: '13600000002', name: '等待中', patience: 600 });
    await live.callWhen(b, (c) => c.state === 'offered', 'B waiting');

    const disconnected = new Promise((resolve) => live.bridge.client.once('disconnected', resolve));
    const before = resyncs();
    live.proxy.cut();
    await disconnected;
    const cutAt = Date.now();
    // Meanwhile: a second agent logs in on the phone side and answers B; C arrives and waits.
    await live.scriptAgent('8002', { ring: 1, talk: 3600 });
    await live.addMember('8002', '坐席 8002');
    const c = await live.placeCall({ did: '12345', number: '13600000003', name: '断线时来电', patience: 600 });
    await eventually(() => live.ami.action({ Action: 'QueueStatus', Queue: 'hotline' }), (r) => r.items.some((item) => item.event === 'QueueEntry' && getField(item, 'CallerIDNum') === '13600000003'), 'C waiting on the PBX');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, CUT_MS - (Date.now() - cutAt)))); // the fault's length, not a wait for a result
    live.proxy.restore();
    await eventually(async () => resyncs(), (n) => n > before, 'the resync after the link returned', 30_000);
    await live.processed('pbx.resync', undefined, 10_000);

    // The waiting caller shows at once, with the PBX's wait, not "just now".
    const queue = await liveQueue();
    const waitingC = queue.waiting.find((w) => w.linkedid === c);
    expect(waitingC, JSON.stringify(queue.waiting)).toBeDefined();
    expect(waitingC!.hotline).toBe('12345');
    expect(waitingC!.waitSeconds).toBeGreaterThanOrEqual(8);
    const recordC = await live.callWhen(c, (call) => call.state === 'offered', 'C known, with its caller');
    expect(recordC.callerNumber).toBe('13600000003');
    expect(recordC.callerName).toBe('断线时来电');

    // A is still talking to demo-agent, its answer time untouched; B was answered by 8002 meanwhile.
    const recordA = await live.callWhen(a, (call) => call.state === 'answered', 'A still answered');
    expect(recordA.answeredAt).toEqual(callA.answeredAt);
    expect(recordA.agentInterface).toBe(AGENT);
    const recordB = await live.callWhen(b, (call) => call.state === 'answered', 'B answered while the link was down');
    expect(recordB.agentInterface).toBe(agentInterface('8002'));

    // Both agents are on the wallboard as busy, and demo-agent's commands work (no 502, no stale hash).
    const agents = (await liveQueue()).agents;
    expect(agents.find((entry) => entry.interface === AGENT)?.state).toBe('busy');
    expect(agents.find((entry) => entry.interface === agentInterface('8002'))?.state).toBe('busy');
    const paused = await setState({ state: 'paused', reason: 'break' });
    expect(paused.statusCode, paused.body).toBe(200);
    const ready = await setState({ state: 'ready' });
    expect(ready.statusCode, ready.body).toBe(200);

    // Every call ends and agrees with the PBX's accounting.
    for (const linkedid of [a, b, c]) await live.hangupCall(linkedid);
    await expectAgreesWithPbx(live, a, { state: 'completed', hotline: '12345', number: '13600000001', name: '通话中', answeredBy: AGENT });
    await expectAgreesWithPbx(live, b, { state: 'completed', hotline: '110', number: '13600000002', name: '等待中', answeredBy: agentInterface('8002') });
    await expectAgreesWithPbx(live, c, { state: 'abandoned', hotline: '12345', number: '13600000003', name: '断线时来电', answeredBy: null });
    await live.ami.action({ Action: 'QueueRemove', Queue: 'hotline', Interface: agentInterface('8002') });
  });
});

describe('PBX restart mid-call', () => {
  it('ends the calls the restart cut as the PBX accounts them, keeps the members, and the agent can work on', async () => {
    await eventually(async () => (await liveQueue()).agents.find((entry) => entry.interface === AGENT)?.state, (state) => state === 'ready', 'demo-agent ready', 20_000);
    const a = await live.placeCall({ did: '12345', number: '13600000011', patience: 600 });
    await live.callWhen(a, (c) => c.state === 'answered', 'A answered');
    const b = await live.placeCall({ did: '12345', number: '13600000012', patience: 600 });
    await live.callWhen(b, (c) => c.state === 'offered', 'B waiting');
    const before = resyncs();
    await live.pbx.restart();
    await eventually(async () => resyncs(), (n) => n > before, 'the resync after the restart', 60_000);

    await expectAgreesWithPbx(live, a, { state: 'completed', hotline: '12345', number: '13600000011', answeredBy: AGENT });
    await expectAgreesWithPbx(live, b, { state: 'abandoned', hotline: '12345', number: '13600000012', answeredBy: null });
    // persistentmembers: demo-agent is still in the queue, shown, and can go on working.
    const agents = (await liveQueue()).agents;
    expect(agents.map((entry) => entry.interface)).toContain(AGENT);
    const paused = await setState({ state: 'paused', reason: 'meal' });
    expect(paused.statusCode, paused.body).toBe(200);
    const signedOut = await setState({ state: 'logged_out' });
    expect(signedOut.statusCode, signedOut.body).toBe(200);
    const status = await live.ami.action({ Action: 'QueueStatus', Queue: 'hotline', Member: AGENT });
    expect(status.items.filter((item) => item.event === 'QueueMember')).toHaveLength(0);
  });
});
