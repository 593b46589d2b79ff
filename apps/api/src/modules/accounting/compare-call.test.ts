import { describe, expect, it } from 'vitest';
import type { PbxCall } from './accounting-rows.js';
import { compareCall, correctionsFor, isRedirectTransfer, type CallRecord } from './compare-call.js';
import { derivePbxCall } from './derive-pbx-call.js';
import { capturedCall, type Scenario } from './fixtures/load-fixtures.js';

const pbxOf = (scenario: Scenario): PbxCall => {
  const call = capturedCall(scenario);
  return derivePbxCall(call.linkedid, call.queueLog, call.cdr)!;
};

/** What the bridge would have recorded for the same call (AMI Timestamps a few ms off queue_log). */
const recordOf = (pbx: PbxCall, shiftMs = 120): CallRecord => {
  const shift = (at: Date | null) => (at ? new Date(at.getTime() + shiftMs) : null);
  return {
    state: pbx.state, hotlineNumber: pbx.hotlineNumber, callerNumber: pbx.callerNumber ?? 'unknown',
    enteredAt: shift(pbx.enteredAt)!, answeredAt: shift(pbx.answeredAt), endedAt: shift(pbx.endedAt),
    agentInterface: pbx.agentDevice ? `${pbx.agentDevice}/n` : null, waitSeconds: pbx.waitSeconds, talkSeconds: pbx.talkSeconds,
    hangupBy: pbx.hangupBy, recordingFile: pbx.recordingFile, overflowReason: pbx.overflowReason, transferTarget: pbx.transferTarget, resynced: false,
  };
};

describe('compareCall', () => {
  it.each<Scenario>(['completeagent', 'completecaller', 'abandon', 'timeout', 'exitempty', 'blindtransfer'])('%s: the same call recorded by the bridge agrees', (scenario) => {
    const pbx = pbxOf(scenario);
    expect(compareCall(recordOf(pbx), pbx)).toEqual([]);
  });

  it('tolerates ±1.5 s on times and ±1 s on durations, not more', () => {
    const pbx = pbxOf('completecaller');
    expect(compareCall({ ...recordOf(pbx, 1500), talkSeconds: pbx.talkSeconds! + 1, waitSeconds: pbx.waitSeconds! - 1 }, pbx)).toEqual([]);
    const off = compareCall({ ...recordOf(pbx, 1600), talkSeconds: pbx.talkSeconds! + 30 }, pbx);
    expect(off.map((difference) => difference.field).sort()).toEqual(['answeredAt', 'endedAt', 'enteredAt', 'talkSeconds']);
    expect(off.find((difference) => difference.field === 'talkSeconds')).toEqual({ field: 'talkSeconds', yixian: String(pbx.talkSeconds! + 30), pbx: String(pbx.talkSeconds) });
  });

  it('names the agent, outcome, who hung up and recording when they differ', () => {
    const pbx = pbxOf('completeagent');
    const record = { ...recordOf(pbx), agentInterface: 'Local/8002@yixian-test-agents/n', state: 'abandoned', hangupBy: 'caller', recordingFile: null };
    expect(compareCall(record, pbx)).toEqual(expect.arrayContaining([
      { field: 'agentInterface', yixian: 'Local/8002@yixian-test-agents/n', pbx: 'Local/8001@yixian-test-agents' },
      { field: 'state', yixian: 'abandoned', pbx: 'completed' },
      { field: 'hangupBy', yixian: 'caller', pbx: 'agent' },
      { field: 'recordingFile', yixian: null, pbx: pbx.recordingFile },
    ]));
  });

  it('an unanswered call has nobody in "answered by"', () => {
    const pbx = pbxOf('abandon');
    expect(compareCall({ ...recordOf(pbx), agentInterface: 'PJSIP/8002' }, pbx)).toEqual([{ field: 'agentInterface', yixian: 'PJSIP/8002', pbx: null }]);
  });

  it('does not compare what the accounting does not know yet (no CDR: agent, recording, caller name)', () => {
    const call = capturedCall('completeagent');
    const pbx = derivePbxCall(call.linkedid, call.queueLog, [])!;
    expect(compareCall({ ...recordOf(pbxOf('completeagent')) }, pbx)).toEqual([]);
  });

  it('the Redirect transfer: transferred at the transfer in Yixian, COMPLETECALLER later in queue_log, agrees on answer and agent', () => {
    const pbx = pbxOf('redirect');
    const redirectedAt = new Date(capturedCall('redirect').redirectedAt!);
    const record: CallRecord = { ...recordOf(pbx), state: 'transferred', endedAt: redirectedAt, talkSeconds: 0, hangupBy: 'transfer', transferTarget: '7001@yixian-transfer' };
    expect(isRedirectTransfer(record, pbx)).toBe(true);
    expect(compareCall(record, pbx)).toEqual([]);
    expect(compareCall({ ...record, agentInterface: 'PJSIP/8009' }, pbx).map((difference) => difference.field)).toEqual(['agentInterface']);
    expect(compareCall({ ...record, answeredAt: new Date(pbx.answeredAt!.getTime() + 5000) }, pbx).map((difference) => difference.field)).toEqual(['answeredAt']);
    // Seen live: queue_log may end the call as soon as the target answers, about when Yixian did.
    expect(isRedirectTransfer({ ...record, endedAt: pbx.endedAt }, pbx)).toBe(true);
    // Never before the transfer: a queue_log end well before it is not that exception.
    expect(isRedirectTransfer({ ...record, endedAt: new Date(pbx.endedAt.getTime() + 5000) }, pbx)).toBe(false);
  });
});

describe('correctionsFor', () => {
  it('leaves a call the bridge closed itself alone', () => {
    const pbx = pbxOf('completecaller');
    expect(correctionsFor({ ...recordOf(pbx), talkSeconds: 99 }, pbx, null)).toEqual({});
  });

  it('puts the PBX end, talk and who hung up on a call the resync closed', () => {
    const pbx = pbxOf('completecaller');
    const resynced: CallRecord = { ...recordOf(pbx), endedAt: new Date(pbx.endedAt.getTime() + 40_000), talkSeconds: 45, hangupBy: 'unknown', resynced: true };
    const patch = correctionsFor(resynced, pbx, 'Local/8002@yixian-test-agents/n');
    expect(patch).toEqual({ endedAt: pbx.endedAt, talkSeconds: pbx.talkSeconds, hangupBy: 'caller' });
    expect(compareCall({ ...resynced, ...patch }, pbx)).toEqual([]);
    expect(correctionsFor({ ...resynced, ...patch }, pbx, null)).toEqual({});
  });

  it('replaces the resync estimates even inside the tolerances: the PBX measured them', () => {
    const pbx = pbxOf('completecaller');
    const resynced: CallRecord = { ...recordOf(pbx, 900), talkSeconds: pbx.talkSeconds! + 1, resynced: true };
    expect(correctionsFor(resynced, pbx, null)).toEqual({ endedAt: pbx.endedAt, talkSeconds: pbx.talkSeconds });
  });

  it('turns a resync "abandoned" that the PBX answered into the answered call, filling answer and agent', () => {
    const pbx = pbxOf('completeagent');
    const resynced: CallRecord = {
      ...recordOf(pbx), state: 'abandoned', answeredAt: null, agentInterface: null, endedAt: new Date(pbx.endedAt.getTime() + 60_000),
      waitSeconds: 61, talkSeconds: null, hangupBy: 'unknown', resynced: true,
    };
    const patch = correctionsFor(resynced, pbx, 'Local/8001@yixian-test-agents/n');
    expect(patch).toMatchObject({ state: 'completed', answeredAt: pbx.answeredAt, agentInterface: 'Local/8001@yixian-test-agents/n', hangupBy: 'agent', talkSeconds: 0, waitSeconds: 1 });
    expect(compareCall({ ...resynced, ...patch }, pbx)).toEqual([]);
  });

  it('takes the PBX wait and positions for a resync-closed abandoned call', () => {
    const pbx = pbxOf('abandon');
    const resynced: CallRecord = { ...recordOf(pbx), endedAt: new Date(pbx.endedAt.getTime() + 20_000), waitSeconds: 23, hangupBy: 'unknown', resynced: true };
    const patch = correctionsFor(resynced, pbx, null);
    expect(patch).toEqual({ endedAt: pbx.endedAt, hangupBy: null, waitSeconds: 3, abandonPosition: 1, originalPosition: 1 });
    expect(correctionsFor({ ...resynced, ...patch }, pbx, null)).toEqual({});
  });
});
