import { describe, expect, it } from 'vitest';
import { callerNameOf, derivePbxCall, deviceOf, recordingOf } from './derive-pbx-call.js';
import { capturedCall, type Scenario } from './fixtures/load-fixtures.js';
import { interfaceForDevice } from './interface-for-device.js';

const derive = (scenario: Scenario) => {
  const call = capturedCall(scenario);
  const pbx = derivePbxCall(call.linkedid, call.queueLog, call.cdr);
  if (!pbx) throw new Error(`${scenario}: nothing derived`);
  const at = (event: string) => call.queueLog.find((row) => row.event === event)!.time;
  return { call, pbx, at };
};

describe('derivePbxCall on rows a real Asterisk 22 wrote', () => {
  it('an answered call the agent hung up: times, agent phone, wait, talk, recording, caller', () => {
    const { call, pbx, at } = derive('completeagent');
    expect(pbx).toMatchObject({
      linkedid: call.linkedid, hotlineNumber: '12345', queue: 'hotline', state: 'completed', endEvent: 'COMPLETEAGENT', hangupBy: 'agent',
      callerNumber: '13800001111', callerName: '张三', memberName: '王芳 8001', agentDevice: 'Local/8001@yixian-test-agents',
      waitSeconds: 1, talkSeconds: 0, recordingFile: `20261204/${call.linkedid}.wav`, overflowReason: null, transferTarget: null,
    });
    expect(pbx.enteredAt).toEqual(at('ENTERQUEUE'));
    expect(pbx.answeredAt).toEqual(at('CONNECT'));
    expect(pbx.endedAt).toEqual(at('COMPLETEAGENT'));
    expect(pbx.answeredAt!.getTime() - pbx.ringAt!.getTime()).toBe(1000);
  });

  it('an answered call the caller hung up; a name with an apostrophe stays intact', () => {
    const { pbx } = derive('completecaller');
    expect(pbx).toMatchObject({ state: 'completed', hangupBy: 'caller', talkSeconds: 5, waitSeconds: 1, callerName: "O'Brien", memberName: '李强 8002' });
  });

  it('an abandoned call: wait from ABANDON, positions, nobody answered, no name', () => {
    const { pbx, at } = derive('abandon');
    expect(pbx).toMatchObject({
      state: 'abandoned', endEvent: 'ABANDON', hangupBy: null, answeredAt: null, agentDevice: null, memberName: null,
      waitSeconds: 3, talkSeconds: null, abandonPosition: 1, originalPosition: 1, callerNumber: '13700003333', callerName: null, recordingFile: null,
    });
    expect(pbx.endedAt).toEqual(at('ABANDON'));
  });

  it('a queue timeout and a queue left empty are the two overflow outcomes', () => {
    expect(derive('timeout').pbx).toMatchObject({ state: 'timeout', overflowReason: 'timeout', waitSeconds: 3, answeredAt: null });
    expect(derive('exitempty').pbx).toMatchObject({ state: 'overflow', overflowReason: 'leaveempty', waitSeconds: 1, answeredAt: null });
  });

  it('a caller Queue() refused at once has only the YIXIANCALL mark: overflow, reason unknown', () => {
    const { pbx, at } = derive('joinempty');
    expect(pbx).toMatchObject({ state: 'overflow', endEvent: 'JOINEMPTY', overflowReason: null, waitSeconds: 0, callerNumber: '13600004444', callerName: '李四' });
    expect(pbx.enteredAt).toEqual(at('YIXIANCALL'));
    expect(pbx.endedAt).toEqual(pbx.enteredAt);
  });

  it('a blind transfer: transferred, target, the agent who answered (not the desk)', () => {
    const { pbx } = derive('blindtransfer');
    expect(pbx).toMatchObject({
      state: 'transferred', endEvent: 'BLINDTRANSFER', hangupBy: 'transfer', transferTarget: '7002@yixian-transfer',
      agentDevice: 'Local/8003@yixian-test-agents', waitSeconds: 1, talkSeconds: 0,
    });
  });

  it('an AMI Redirect: COMPLETECALLER when the caller finally hangs up, talk including the time at the desk', () => {
    const { call, pbx } = derive('redirect');
    expect(pbx).toMatchObject({ state: 'completed', endEvent: 'COMPLETECALLER', hangupBy: 'caller', agentDevice: 'Local/8003@yixian-test-agents', talkSeconds: 9 });
    expect(pbx.endedAt.getTime()).toBeGreaterThan(Date.parse(call.redirectedAt!) + 5000);
  });

  it('is null while the caller is still in the queue, and for a call without its mark', () => {
    const { call } = derive('completecaller');
    const inQueue = call.queueLog.filter((row) => row.event !== 'COMPLETECALLER');
    expect(derivePbxCall(call.linkedid, inQueue, [])).toBeNull();
    expect(derivePbxCall(call.linkedid, call.queueLog.filter((row) => row.event !== 'YIXIANCALL'), call.cdr)).toBeNull();
  });

  it('without CDR rows yet, the queue_log alone gives the outcome and the caller number from ENTERQUEUE', () => {
    const { call } = derive('completeagent');
    expect(derivePbxCall(call.linkedid, call.queueLog, [])).toMatchObject({ state: 'completed', callerNumber: '13800001111', callerName: null, agentDevice: null, recordingFile: null });
  });

  it('reads an attended transfer from the end of its fields, whatever the target held', () => {
    const { call } = derive('completeagent');
    const end = call.queueLog.find((row) => row.event === 'COMPLETEAGENT')!;
    const attended = { ...end, event: 'ATTENDEDTRANSFER', data1: 'APP', data2: 'Dial', data3: 'PJSIP/6001', data4: '4', data5: '37|1' };
    const rows = call.queueLog.map((row) => (row === end ? attended : row));
    expect(derivePbxCall(call.linkedid, rows, call.cdr)).toMatchObject({ state: 'transferred', hangupBy: 'transfer', waitSeconds: 1, talkSeconds: 37 });
  });
});

describe('the small readers', () => {
  it('reduces channel names and interfaces to one device', () => {
    expect(deviceOf('Local/8001@yixian-test-agents-00000001;1')).toBe('Local/8001@yixian-test-agents');
    expect(deviceOf('Local/8001@yixian-test-agents/n')).toBe('Local/8001@yixian-test-agents');
    expect(deviceOf('PJSIP/8001-0000001a')).toBe('PJSIP/8001');
    expect(deviceOf('PJSIP/8001')).toBe('PJSIP/8001');
  });

  it('gives the queue interface back from the deployment template', () => {
    expect(interfaceForDevice('PJSIP/8001', 'PJSIP/{extension}')).toBe('PJSIP/8001');
    expect(interfaceForDevice('Local/8001@yixian-test-agents', 'Local/{extension}@yixian-test-agents/n')).toBe('Local/8001@yixian-test-agents/n');
    expect(interfaceForDevice('PJSIP/police-desk', 'Local/{extension}@yixian-test-agents/n')).toBe('PJSIP/police-desk');
  });

  it('reads names and recording paths', () => {
    expect(callerNameOf('"张三" <13800001111>')).toBe('张三');
    expect(callerNameOf('"" <13700003333>')).toBeNull();
    expect(callerNameOf('"<unknown>" <13700003333>')).toBeNull();
    expect(recordingOf(';20261204/x.wav')).toBe('20261204/x.wav');
    expect(recordingOf('20261204/x.wav')).toBe('20261204/x.wav');
    expect(recordingOf('')).toBeNull();
  });
});
