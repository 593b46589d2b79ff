/**
 * An agent's day through the API on a real Asterisk 22, checked against QueueStatus and
 * queue_log: sign in, pause with a reason, unpause, after-call work, a sign-out refused during a
 * call, sign out; and the after-hours caller whose callback request must land somewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField, type AmiMessage } from '@yixian/ami';
import type { Session } from '../../apps/api/test/helpers/test-app.js';
import { agentInterface, eventually, startLive, type Live } from './live-harness.js';
import { expectAgreesWithPbx } from './judge.js';

let live: Live;
let agent: Session;
const AGENT = agentInterface('8101'); // demo-agent's phone

beforeAll(async () => {
  live = await startLive({ env: { AFTER_CALL_WORK_SECONDS: '3' } });
  agent = await live.login('demo-agent');
  await live.scriptAgent('8101', { ring: 1, talk: 3600 });
});
afterAll(async () => {
  await live?.close();
});

const setState = (body: object) => live.t.app.inject({ method: 'POST', url: '/api/agents/me/state', headers: agent.headers, payload: body });
async function member(): Promise<AmiMessage | null> {
  const status = await live.ami.action({ Action: 'QueueStatus', Queue: 'hotline', Member: AGENT });
  return status.items.find((item) => item.event === 'QueueMember') ?? null;
}
const queueLogEvents = async () =>
  (await live.accounting.pool.query<{ event: string; data1: string }>(`SELECT event, data1 FROM queue_log WHERE queuename = 'hotline' AND agent = $1 ORDER BY id`, ['话务员 李娜'])).rows;

describe('an agent’s states through the API, as the PBX has them', () => {
  it('signs in, pauses with a reason, unpauses and signs out; each answer is the PBX’s state', async () => {
    const ready = await setState({ state: 'ready' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ state: 'ready', interface: AGENT });
    let m = await member();
    expect(m && getField(m, 'Paused')).toBe('0');
    expect(m && getField(m, 'Name')).toBe('话务员 李娜');

    const paused = await setState({ state: 'paused', reason: 'meal' });
    expect(paused.statusCode, paused.body).toBe(200);
    m = await member();
    expect([getField(m!, 'Paused'), getField(m!, 'PausedReason')]).toEqual(['1', 'meal']);
    // Asking twice changes nothing and never fails ("Already there" is a member, not an error).
    expect((await setState({ state: 'paused', reason: 'meal' })).statusCode).toBe(200);
    expect((await setState({ state: 'ready' })).statusCode).toBe(200);
    expect((await setState({ state: 'ready' })).statusCode).toBe(200);
    expect(getField((await member())!, 'Paused')).toBe('0');

    const out = await setState({ state: 'logged_out' });
    expect(out.statusCode, out.body).toBe(200);
    expect(await member()).toBeNull();
    expect((await setState({ state: 'logged_out' })).statusCode).toBe(200);
    const events = await eventually(queueLogEvents, (rows) => rows.some((row) => row.event === 'REMOVEMEMBER'), 'queue_log REMOVEMEMBER');
    expect(events.map((row) => row.event)).toEqual(expect.arrayContaining(['ADDMEMBER', 'PAUSE', 'UNPAUSE', 'REMOVEMEMBER']));
    expect(events.find((row) => row.event === 'PAUSE')?.data1).toBe('meal');
  });

  it('refuses a sign-out during a call with a clear message, then works on after the call', async () => {
    expect((await setState({ state: 'ready' })).statusCode).toBe(200);
    const linkedid = await live.placeCall({ did: '12345', number: '13500000001', patience: 600 });
    await live.callWhen(linkedid, (c) => c.state === 'answered', 'answered by demo-agent');
    const refused = await setState({ state: 'logged_out' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/call/i);
    expect(await member()).not.toBeNull();
    await live.hangupCall(linkedid);
    await expectAgreesWithPbx(live, linkedid, { state: 'completed', hotline: '12345', number: '13500000001', answeredBy: AGENT });
    // After-call work: a not-ready state with a time limit, ended by the product, on the PBX too.
    const acw = await setState({ state: 'paused', reason: 'after_call_work' });
    expect(acw.statusCode, acw.body).toBe(200);
    expect(getField((await member())!, 'PausedReason')).toBe('after_call_work');
    await eventually(member, (m) => m !== null && getField(m, 'Paused') === '0', 'after-call work to end by itself', 20_000);
    const out = await setState({ state: 'logged_out' });
    expect(out.statusCode, out.body).toBe(200);
    expect(await member()).toBeNull();
  });
});

describe('after hours', () => {
  it('records the after-hours call and the callback the caller asked for, though no prompt is recorded', async () => {
    const today = new Date();
    const key = `${today.getUTCFullYear()}${String(today.getUTCMonth() + 1).padStart(2, '0')}${String(today.getUTCDate()).padStart(2, '0')}`;
    // A public holiday today (the test PBX runs on UTC): the office-hours lines are closed.
    await live.ami.action({ Action: 'DBPut', Family: 'yixian-calendar', Key: key, Val: 'holiday' });
    try {
      const linkedid = await live.placeCall({ did: '12315', number: '13500000002', name: '消费者', patience: 60 });
      const call = await live.callWhen(linkedid, (c) => c.callbackRequestedAt !== null, 'the callback request');
      expect(call).toMatchObject({ state: 'overflow', overflowReason: 'after_hours', hotlineNumber: '12315', callerNumber: '13500000002', callerName: '消费者', answeredAt: null });
      // The caller was given time to choose, not hung up at once.
      expect(call.callbackRequestedAt!.getTime() - call.enteredAt.getTime()).toBeGreaterThanOrEqual(4_000);
      const calls = await live.t.app.inject({ url: `/api/calls/${call.id}`, headers: { cookie: agent.cookie } });
      expect(calls.statusCode, calls.body).toBe(200);
      expect(calls.json()).toMatchObject({ state: 'overflow', overflowReason: 'after_hours', callerNumber: '135****0002' });
      // It never entered the queue: nothing in queue_log, one CDR of the caller.
      const queueLog = await live.accounting.pool.query(`SELECT 1 FROM queue_log WHERE event = 'YIXIANCALL' AND data1 = $1`, [linkedid]);
      expect(queueLog.rowCount).toBe(0);
    } finally {
      await live.ami.action({ Action: 'DBDel', Family: 'yixian-calendar', Key: key });
    }
  });
});
