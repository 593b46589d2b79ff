import { describe, expect, it } from 'vitest';
import { AmiEventNormaliser, PbxClock, createMessage, deviceOf, readLiveCalls, type AmiMessage } from '../src/index';

/** CoreShowChannels as a real Asterisk 22.10.1 listed one talking call: the agent's legs first. */
const channel = (fields: Record<string, string>): AmiMessage => createMessage({ Event: 'CoreShowChannel', ChannelState: '6', Linkedid: 'yx-1796419361.0', ...fields });
const TALKING = [
  channel({ Channel: 'Local/8001@yixian-test-agents-00000001;2', Uniqueid: 'yx-1796419361.3', Application: 'Wait', ApplicationData: '3600', Duration: '00:00:04', BridgeId: '', CallerIDNum: '13800001111', CallerIDName: '张三', ChanVariable: 'HOTLINE=12345' }),
  channel({ Channel: 'Local/8001@yixian-test-agents-00000001;1', Uniqueid: 'yx-1796419361.2', Application: 'AppQueue', ApplicationData: '(Outgoing Line)', Duration: '00:00:04', BridgeId: 'b-1', CallerIDNum: '13800001111', CallerIDName: '张三', ChanVariable: 'HOTLINE=12345' }),
  channel({ Channel: 'Local/12345@hotline-inbound-00000000;1', Uniqueid: 'yx-1796419361.0', Application: 'Wait', ApplicationData: '40', Duration: '00:00:05', BridgeId: '', CallerIDNum: '13800001111', CallerIDName: '张三', ChanVariable: 'HOTLINE=' }),
  channel({ Channel: 'Local/12345@hotline-inbound-00000000;2', Uniqueid: 'yx-1796419361.1', Application: 'Queue', ApplicationData: 'hotline,ti,,,300', Duration: '00:00:05', BridgeId: 'b-1', CallerIDNum: '13800001111', CallerIDName: '张三', ChanVariable: 'HOTLINE=12345' }),
];
const WAITING = [
  createMessage({ Event: 'CoreShowChannel', Linkedid: 'yx-2.0', Channel: 'PJSIP/carrier-0000000a', Uniqueid: 'yx-2.0', Application: 'Queue', ApplicationData: 'hotline,ti,,,300', Duration: '00:00:12', BridgeId: '', CallerIDNum: '13900002222', ChanVariable: 'HOTLINE=110' }),
];
const STATUS = [
  createMessage({ Event: 'QueueParams', Queue: 'hotline' }),
  createMessage({ Event: 'QueueMember', Queue: 'hotline', Name: '王芳', Location: 'Local/8001@yixian-test-agents/n', StateInterface: 'Local/8001@yixian-test-agents/n', InCall: '1', Status: '2', Paused: '0' }),
  createMessage({ Event: 'QueueEntry', Queue: 'hotline', Position: '1', Uniqueid: 'yx-2.0', CallerIDNum: '13900002222', CallerIDName: "O\\'Brien", Wait: '11' }),
];

describe('readLiveCalls (resync lists)', () => {
  it('finds the caller by what it is, not by list order, and the member it talks to', () => {
    const calls = readLiveCalls([...TALKING, ...WAITING], STATUS);
    const talking = calls.get('yx-1796419361.0')!;
    expect(talking).toMatchObject({
      phase: 'talking', hotline: '12345', callerNumber: '13800001111', callerName: '张三', agentInterface: 'Local/8001@yixian-test-agents/n', agentName: '王芳',
    });
    expect(talking.caller.channel).toBe('Local/12345@hotline-inbound-00000000;2');
    expect(talking.agentLeg?.channel).toBe('Local/8001@yixian-test-agents-00000001;1');
    const waiting = calls.get('yx-2.0')!;
    expect(waiting).toMatchObject({ phase: 'waiting', hotline: '110', waitS: 11, position: 1, callerName: "O'Brien", agentLeg: null });
  });

  it('names the device behind channels and member interfaces alike', () => {
    expect(deviceOf('Local/8001@agents-0000001f;1')).toBe('Local/8001@agents');
    expect(deviceOf('Local/8001@agents/n')).toBe('Local/8001@agents');
    expect(deviceOf('PJSIP/8001-00000012')).toBe('PJSIP/8001');
    expect(deviceOf('PJSIP/8001')).toBe('PJSIP/8001');
  });
});

describe('AmiEventNormaliser after a resync', () => {
  it('correlates an id-less AgentComplete of a call it learnt from the lists', () => {
    const normaliser = new AmiEventNormaliser();
    normaliser.rememberCall({ linkedid: 'L1', hotline: '12345', queue: 'hotline', agent: { interface: 'PJSIP/8001', memberName: '王芳' }, agentUniqueid: 'U2' });
    const [event] = normaliser.normalise(createMessage({ Event: 'AgentComplete', Queue: 'hotline', Interface: 'PJSIP/8001', MemberName: '王芳', HoldTime: '3', TalkTime: '20', Reason: 'caller', Timestamp: '1796419400.5' }));
    expect(event).toMatchObject({ kind: 'call.completed', linkedid: 'L1', hotline: '12345', talkTime: 20 });
  });

  it('says an unchanged member state again after forgetting, so a resync never swallows it', () => {
    const normaliser = new AmiEventNormaliser();
    const pause = createMessage({ Event: 'QueueMemberPause', Queue: 'hotline', Interface: 'PJSIP/8001', MemberName: '王芳', Paused: '1', PausedReason: 'meal', Status: '1', Timestamp: '1796419400.5' });
    expect(normaliser.normalise(pause)).toHaveLength(1);
    expect(normaliser.normalise(pause)).toHaveLength(0);
    normaliser.forgetAgentStates();
    expect(normaliser.normalise(pause)).toHaveLength(1);
  });

  it('turns the dialplan’s overflow and callback UserEvents into call events with the caller', () => {
    const normaliser = new AmiEventNormaliser();
    const base = { Event: 'UserEvent', Channel: 'PJSIP/carrier-0000000b', Uniqueid: 'L9', Linkedid: 'L9', CallerIDNum: '13700003333', CallerIDName: '李四', ChanVariable: 'HOTLINE=12315' };
    const [overflow] = normaliser.normalise(createMessage({ ...base, UserEvent: 'YixianOverflow', Hotline: '12315', Reason: 'after_hours', Timestamp: '1796419400.1' }));
    expect(overflow).toMatchObject({ kind: 'call.overflow', linkedid: 'L9', hotline: '12315', reason: 'after_hours', callerNumber: '13700003333', callerName: '李四' });
    const [callback] = normaliser.normalise(createMessage({ ...base, UserEvent: 'YixianCallbackRequest', Hotline: '12315', Reason: 'after_hours', Timestamp: '1796419406.1' }));
    expect(callback).toMatchObject({ kind: 'call.callback_requested', linkedid: 'L9', reason: 'after_hours' });
    expect(normaliser.normalise(createMessage({ ...base, UserEvent: 'SomethingElse' }))).toEqual([]);
  });
});

describe('PbxClock', () => {
  it('follows the PBX clock from event timestamps: the least (arrival − stamp) wins', () => {
    let local = 1_000_000_000_000;
    const clock = new PbxClock(() => local);
    expect(clock.now().getTime()).toBe(local);
    // The PBX is 5 s behind; events arrive 2 ms and 40 ms after they were stamped.
    clock.observe(createMessage({ Event: 'X', Timestamp: String((local - 5_000 - 40) / 1000) }));
    clock.observe(createMessage({ Event: 'X', Timestamp: String((local - 5_000 - 2) / 1000) }));
    expect(clock.offsetMs).toBeCloseTo(5_002, 0);
    local += 60_000;
    expect(clock.now().getTime()).toBeCloseTo(local - 5_002, -1);
  });

  it('ignores a Timestamp no clock could give (a bad frame), so its time stays valid', () => {
    const clock = new PbxClock(() => 1_000_000_000_000);
    for (const stamp of ['99999999999999999999', '0.000001', '1e308']) clock.observe(createMessage({ Event: 'X', Timestamp: stamp }));
    expect(clock.offsetMs).toBe(0);
    expect(clock.now().toISOString()).toBe(new Date(1_000_000_000_000).toISOString());
  });
});
