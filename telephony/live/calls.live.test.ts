/**
 * Calls on a real Asterisk 22, judged by its own queue_log and CDR: answered, abandoned while
 * ringing and with every agent paused, a queue timeout, ring-no-answer with auto-pause, five
 * calls at once on five numbers, 110 jumping waiting 12345 callers, and the recording linked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField } from '@yixian/ami';
import { agentInterface, eventually, startLive, type Live } from './live-harness.js';
import { expectAgreesWithPbx } from './judge.js';

let live: Live;
beforeAll(async () => {
  live = await startLive();
});
afterAll(async () => {
  await live?.close();
});

/** Pauses (or unpauses) every member on the PBX directly. */
async function pauseAll(paused: boolean): Promise<void> {
  const status = await live.ami.action({ Action: 'QueueStatus', Queue: 'hotline' });
  for (const member of status.items.filter((item) => item.event === 'QueueMember')) {
    await live.ami.action({ Action: 'QueuePause', Queue: 'hotline', Interface: getField(member, 'Location')!, Paused: paused ? 'true' : 'false', Reason: paused ? 'meeting' : '' });
  }
}

describe('calls on a real Asterisk 22', () => {
  it('records an answered call as the PBX accounts it, with the recording linked', async () => {
    await live.scriptAgent('8001', { ring: 2, talk: 4 });
    await live.addMember('8001', '王芳');
    const linkedid = await live.placeCall({ did: '12345', number: '13800001111', name: '张三' });
    const { call } = await expectAgreesWithPbx(live, linkedid, {
      state: 'completed', hotline: '12345', number: '13800001111', name: '张三', answeredBy: agentInterface('8001'), answeredByName: '王芳', recorded: true,
    });
    expect(call.hangupBy).toBe('agent');
    expect(existsSync(join(live.pbx.recordingsDir, call.recordingFile!))).toBe(true);
  });

  it('records a caller who hangs up while an agent rings as abandoned, naming nobody as its agent', async () => {
    await live.scriptAgent('8001', { ring: 'never' });
    // Long enough to outlast the previous call's 5 s wrap-up, short of the 15 s ring timeout.
    const linkedid = await live.placeCall({ did: '12369', number: '13800002222', name: "O'Brien", patience: 10 });
    const { call } = await expectAgreesWithPbx(live, linkedid, { state: 'abandoned', hotline: '12369', number: '13800002222', name: "O'Brien", answeredBy: null });
    expect(call.lastRungInterface).toBe(agentInterface('8001'));
    expect(call.hangupBy).toBe('caller');
    await live.scriptAgent('8001', { ring: 1 });
  });

  it('records an abandon with every agent paused', async () => {
    await pauseAll(true);
    const linkedid = await live.placeCall({ did: '12345', number: '13800003333', patience: 3 });
    const { call } = await expectAgreesWithPbx(live, linkedid, { state: 'abandoned', hotline: '12345', number: '13800003333', answeredBy: null });
    expect(call.lastRungInterface).toBeNull();
    await pauseAll(false);
  });

  it('records a queue timeout as a timeout, not an abandon, and the callback the caller then asked for', async () => {
    await pauseAll(true);
    live.pbx.cli('dialplan set global QUEUE_MAX_WAIT 5');
    try {
      const linkedid = await live.placeCall({ did: '12345', number: '13800004444', patience: 60 });
      const { call } = await expectAgreesWithPbx(live, linkedid, { state: 'timeout', hotline: '12345', number: '13800004444', answeredBy: null });
      expect(call.overflowReason).toBe('timeout');
      // No prompts are installed: the menu still waits for a key, then notes the callback request.
      const withCallback = await live.callWhen(linkedid, (c) => c.callbackRequestedAt !== null, 'the callback request');
      expect(withCallback.callbackRequestedAt!.getTime() - withCallback.endedAt!.getTime()).toBeGreaterThanOrEqual(4_000);
    } finally {
      live.pbx.cli('dialplan set global QUEUE_MAX_WAIT 300');
      await pauseAll(false);
    }
  });

  it('takes 110 ahead of 12345 callers already waiting', async () => {
    await pauseAll(true);
    const waiting = [];
    for (let i = 0; i < 3; i++) waiting.push(await live.placeCall({ did: '12345', number: `1380000550${i}`, patience: 120 }));
    await eventually(() => live.ami.action({ Action: 'QueueStatus', Queue: 'hotline' }), (r) => r.items.filter((item) => item.event === 'QueueEntry').length === 3, 'three 12345 callers waiting');
    const police = await live.placeCall({ did: '110', number: '13800005599', name: '报警人', patience: 120 });
    const entries = await eventually(() => live.ami.action({ Action: 'QueueStatus', Queue: 'hotline' }), (r) => r.items.filter((item) => item.event === 'QueueEntry').length === 4, 'the 110 caller waiting');
    const first = entries.items.find((item) => item.event === 'QueueEntry' && getField(item, 'Position') === '1')!;
    expect(getField(first, 'CallerIDNum')).toBe('13800005599');
    await live.scriptAgent('8001', { ring: 1, talk: 2 });
    await pauseAll(false);
    const { call } = await expectAgreesWithPbx(live, police, { state: 'completed', hotline: '110', number: '13800005599', name: '报警人', answeredBy: agentInterface('8001') });
    for (const linkedid of waiting) {
      const other = await live.callWhen(linkedid, (c) => c.answeredAt !== null, 'answered after the 110 call');
      expect(other.answeredAt!.getTime()).toBeGreaterThan(call.answeredAt!.getTime());
    }
    for (const linkedid of waiting) await expectAgreesWithPbx(live, linkedid, { state: 'completed', hotline: '12345', number: `1380000550${waiting.indexOf(linkedid)}`, answeredBy: agentInterface('8001') });
  });

  it('keeps five calls on five numbers apart, each with its own agent', async () => {
    const agents = ['8002', '8003', '8004', '8005', '8006'];
    for (const ext of agents) {
      await live.scriptAgent(ext, { ring: 1, talk: 5 });
      await live.addMember(ext, `坐席 ${ext}`);
    }
    await pauseAll(true);
    await live.ami.action({ Action: 'QueuePause', Queue: 'hotline', Interface: agentInterface('8001'), Paused: 'true', Reason: 'meeting' });
    for (const ext of agents) await live.ami.action({ Action: 'QueuePause', Queue: 'hotline', Interface: agentInterface(ext), Paused: 'false' });
    const dids = ['12345', '12315', '12320', '12328', '12333'];
    const calls = await Promise.all(dids.map((did, i) => live.placeCall({ did, number: `1390000000${i}`, name: `来电人${i}` })));
    const answeredBy = new Set<string>();
    for (const [i, linkedid] of calls.entries()) {
      const { call, pbx } = await expectAgreesWithPbx(live, linkedid, { state: 'completed', hotline: dids[i]!, number: `1390000000${i}`, name: `来电人${i}` });
      expect(pbx.answeredBy).toBe(`坐席 ${call.agentInterface!.match(/Local\/(\d+)@/)![1]}`);
      answeredBy.add(call.agentInterface!);
    }
    expect(answeredBy.size).toBe(5);
    await pauseAll(false);
  });

  it('auto-pauses an agent who lets a call ring out, and records the call as the PBX does', async () => {
    for (const ext of ['8002', '8003', '8004', '8005', '8006']) await live.ami.action({ Action: 'QueueRemove', Queue: 'hotline', Interface: agentInterface(ext) });
    await live.scriptAgent('8001', { ring: 'never' });
    const linkedid = await live.placeCall({ did: '12345', number: '13800006666', patience: 19 });
    const status = await eventually(
      () => live.ami.action({ Action: 'QueueStatus', Queue: 'hotline', Member: agentInterface('8001') }),
      (r) => r.items.some((item) => item.event === 'QueueMember' && getField(item, 'Paused') === '1'), 'the PBX to auto-pause 8001', 30_000,
    );
    const member = status.items.find((item) => item.event === 'QueueMember')!;
    expect(getField(member, 'PausedReason')).toBe('Auto-Pause');
    const { call, pbx } = await expectAgreesWithPbx(live, linkedid, { state: 'abandoned', hotline: '12345', number: '13800006666', answeredBy: null });
    expect(pbx.queueLog.map((row) => row.event)).toContain('RINGNOANSWER');
    expect(call.lastRungInterface).toBe(agentInterface('8001'));
    await live.scriptAgent('8001', { ring: 1 });
    await live.ami.action({ Action: 'QueuePause', Queue: 'hotline', Interface: agentInterface('8001'), Paused: 'false' });
  });

  it('made exactly one record per call, and none for agent legs', async () => {
    const linkedids = (await live.t.prisma.call.findMany({ select: { linkedid: true } })).map((c) => c.linkedid);
    expect(linkedids.every((id) => id.startsWith('live-'))).toBe(true);
    expect(new Set(linkedids).size).toBe(linkedids.length);
    expect(live.pbx.messages().split('\n').filter((line) => line.includes('ERROR['))).toEqual([]);
  });
});
