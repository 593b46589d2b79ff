import { describe, expect, it } from 'vitest';
import { AmiEventNormaliser, NORMALISED_EVENTS, frameAll, createMessage, readQueueMember, type DomainEvent, type AmiMessage } from '../src/index';
import { listRecordings, readRecording } from './recordings';

function normaliseRecording(name: string): { events: DomainEvent[]; normaliser: AmiEventNormaliser } {
  const normaliser = new AmiEventNormaliser({ now: () => new Date(0) });
  const events = frameAll(readRecording(name)).messages.flatMap((m) => normaliser.normalise(m));
  return { events, normaliser };
}
const calls = (events: DomainEvent[]) => events.filter((e) => e.kind !== 'agent.state');
const kinds = (events: DomainEvent[]) => events.map((e) => e.kind);

describe('AmiEventNormaliser on recordings', () => {
  it('a_answered: offered → ringing → answered → completed on 12345 by Agent 8001', () => {
    const { events, normaliser } = normaliseRecording('a_answered');
    expect(kinds(events)).toEqual(['call.offered', 'call.ringing', 'agent.state', 'call.answered', 'agent.state', 'call.completed', 'agent.state']);
    const agent = { interface: 'Local/8001@agents/n', memberName: 'Agent 8001' };
    expect(calls(events)).toEqual([
      { kind: 'call.offered', eventId: '1795965236.0:call.offered:hotline:1795965236.1', at: '2026-11-29T15:13:56.929Z', linkedid: '1795965236.0', hotline: '12345', queue: 'hotline', uniqueid: '1795965236.1', position: 1, callerNumber: '0901000001', callerName: 'Caller A' },
      { kind: 'call.ringing', eventId: '1795965236.0:call.ringing:1795965236.2', at: '2026-11-29T15:13:56.930Z', linkedid: '1795965236.0', hotline: '12345', queue: 'hotline', agent },
      { kind: 'call.answered', eventId: '1795965236.0:call.answered:1795965236.2', at: '2026-11-29T15:13:59.934Z', linkedid: '1795965236.0', hotline: '12345', queue: 'hotline', agent, holdTime: 3, ringTime: 3 },
      { kind: 'call.completed', eventId: '1795965236.0:call.completed:1795965236.2', at: '2026-11-29T15:14:08.443Z', linkedid: '1795965236.0', hotline: '12345', queue: 'hotline', agent, holdTime: 3, talkTime: 9, reason: 'agent' },
    ]);
    expect(events.filter((e) => e.kind === 'agent.state').map((e) => e.kind === 'agent.state' && e.state)).toEqual(['ringing', 'busy', 'ready']);
    expect(normaliser.stats).toEqual({ seen: 160, emitted: 7, ignored: 154, uncorrelated: 0 });
  });

  it('b_abandon: abandoned on 12369 keeps position and hold time', () => {
    const { events } = normaliseRecording('b_abandon');
    expect(kinds(calls(events))).toEqual(['call.offered', 'call.ringing', 'call.abandoned']);
    expect(events.find((e) => e.kind === 'call.abandoned')).toMatchObject({
      linkedid: '1795965258.4', hotline: '12369', queue: 'hotline', position: 1, originalPosition: 1, holdTime: 1,
    });
  });

  it('c_two_calls: interleaved 12345 and 110 stay apart by Linkedid', () => {
    const { events } = normaliseRecording('c_two_calls');
    const byCall = new Map<string, DomainEvent[]>();
    for (const e of calls(events)) if ('linkedid' in e) byCall.set(e.linkedid, [...(byCall.get(e.linkedid) ?? []), e]);
    expect([...byCall.keys()]).toEqual(['1795965291.14', '1795965291.16']);
    const first = byCall.get('1795965291.14')!;
    const second = byCall.get('1795965291.16')!;
    expect(kinds(first)).toEqual(['call.offered', 'call.ringing', 'call.answered', 'call.completed']);
    expect(kinds(second)).toEqual(['call.offered', 'call.ringing', 'call.answered', 'call.completed']);
    expect(first.every((e) => 'hotline' in e && e.hotline === '12345')).toBe(true);
    expect(second.every((e) => 'hotline' in e && e.hotline === '110')).toBe(true);
    const agents = [first, second].map((c) => c.find((e) => e.kind === 'call.completed'));
    expect(agents.map((e) => e?.kind === 'call.completed' && e.agent.interface).sort()).toEqual(['Local/8001@agents/n', 'Local/8002@agents/n']);
  });

  it('f2_blind_transfer: transferred to 9000 by Agent 8003, completed with reason transfer', () => {
    const { events } = normaliseRecording('f2_blind_transfer');
    expect(kinds(calls(events))).toEqual(['call.offered', 'call.ringing', 'call.answered', 'call.transferred', 'call.completed']);
    expect(events.find((e) => e.kind === 'call.transferred')).toMatchObject({
      linkedid: '1795965369.38', hotline: '12351', queue: 'hotline', transferType: 'blind', target: '9000@transfer-target',
      result: 'Success', agent: { interface: 'Local/8003@agents/n', memberName: 'Agent 8003' },
    });
    expect(events.find((e) => e.kind === 'call.completed')).toMatchObject({ reason: 'transfer', talkTime: 2, holdTime: 3 });
  });

  it('g_ring_noanswer: paused agents, ring-no-answer in seconds, retry, abandon', () => {
    const { events } = normaliseRecording('g_ring_noanswer');
    expect(kinds(calls(events))).toEqual(['call.offered', 'call.ringing', 'call.ring_no_answer', 'call.ringing', 'call.abandoned']);
    expect(events.find((e) => e.kind === 'call.ring_no_answer')).toMatchObject({ ringTime: 15, hotline: '12365', agent: { memberName: 'Slow 8009' } });
    expect(events.find((e) => e.kind === 'call.abandoned')).toMatchObject({ holdTime: 22, position: 1 });
    const paused = events.filter((e) => e.kind === 'agent.state' && e.state === 'paused');
    expect(paused).toHaveLength(4);
    expect(paused[0]).toMatchObject({ pausedReason: 'lab', agent: { interface: 'Local/8001@agents/n' } });
  });

  it('d_queue_member_actions: a member added paused is paused with its reason, not ready; removed is logged out', () => {
    const { events } = normaliseRecording('d_queue_member_actions');
    const states = events.flatMap((e) => (e.kind === 'agent.state' ? [[e.agent.interface, e.state, e.pausedReason]] : []));
    expect(states).toContainEqual(['Local/8005@agents/n', 'ready', null]);
    expect(states).toContainEqual(['Local/8006@agents/n', 'paused', 'not-ready']);
    expect(states.filter(([iface]) => iface === 'Local/8006@agents/n').map(([, state]) => state)).toEqual(['paused', 'logged_out']);
    expect(states.map(([, state]) => state)).not.toContain('logged_in');
  });

  it('a replay of the same raw events yields the same ids', () => {
    for (const name of ['a_answered', 'c_two_calls', 'g_ring_noanswer']) {
      const first = normaliseRecording(name).events.map((e) => e.eventId);
      expect(normaliseRecording(name).events.map((e) => e.eventId)).toEqual(first);
      expect(new Set(first).size).toBe(first.length);
    }
  });
});

describe('AmiEventNormaliser traps', () => {
  it('correlates an AgentComplete without ids by queue + interface', () => {
    const { messages } = frameAll(readRecording('a_answered'));
    const normaliser = new AmiEventNormaliser();
    const complete = messages.find((m) => m.event === 'AgentComplete')!;
    for (const m of messages) if (m !== complete) normaliser.normalise(m);
    const keep = ['Event', 'Timestamp', 'Queue', 'Interface', 'MemberName', 'HoldTime', 'TalkTime', 'Reason'];
    const stripped: AmiMessage = createMessage(Object.fromEntries(Object.entries(complete.fields).filter(([k]) => keep.includes(k))));
    expect(normaliser.normalise(stripped)).toEqual([expect.objectContaining({
      kind: 'call.completed', eventId: '1795965236.0:call.completed:1795965236.2', linkedid: '1795965236.0', hotline: '12345', talkTime: 9,
    })]);
    expect(new AmiEventNormaliser().normalise(stripped)).toEqual([]);
  });

  it('keeps a member whose device is Invalid or Unavailable in the queue as unavailable, not logged out', () => {
    const normaliser = new AmiEventNormaliser({ now: () => new Date(0) });
    const member = { Queue: 'hotline', Interface: 'PJSIP/8101', MemberName: '李娜', Paused: '0', PausedReason: '' };
    const stateOf = (fields: Record<string, string>) => normaliser.normalise(createMessage(fields)).map((e) => e.kind === 'agent.state' && e.state);
    expect(stateOf({ Event: 'QueueMemberAdded', ...member, Status: '5', Timestamp: '1795965300.1' })).toEqual(['unavailable']);
    expect(stateOf({ Event: 'QueueMemberStatus', ...member, Status: '1', Timestamp: '1795965301.1' })).toEqual(['ready']);
    expect(stateOf({ Event: 'QueueMemberStatus', ...member, Status: '4', Timestamp: '1795965302.1' })).toEqual(['unavailable']);
    // Paused still wins over the device, as for every other status.
    expect(stateOf({ Event: 'QueueMemberPause', ...member, Status: '5', Paused: '1', PausedReason: 'Auto-Pause', Timestamp: '1795965303.1' })).toEqual(['paused']);
    expect(stateOf({ Event: 'QueueMemberRemoved', ...member, Status: '5', Timestamp: '1795965304.1' })).toEqual(['logged_out']);
  });

  it('says a pause taken during a call (on call, pending), then again once the call ends', () => {
    const normaliser = new AmiEventNormaliser({ now: () => new Date(0) });
    const member = { Queue: 'hotline', Interface: 'Local/8101@agents/n', MemberName: '李娜' };
    const said = (fields: Record<string, string>) => normaliser.normalise(createMessage(fields))
      .map((e) => (e.kind === 'agent.state' ? { state: e.state, pausedReason: e.pausedReason, onCall: e.onCall ?? false } : null));
    expect(said({ Event: 'QueueMemberStatus', ...member, InCall: '1', Status: '2', Paused: '0', PausedReason: '', Timestamp: '1795965400.1' }))
      .toEqual([{ state: 'busy', pausedReason: null, onCall: false }]);
    expect(said({ Event: 'QueueMemberPause', ...member, InCall: '1', Status: '2', Paused: '1', PausedReason: 'break', Timestamp: '1795965401.1' }))
      .toEqual([{ state: 'paused', pausedReason: 'break', onCall: true }]);
    // Still on the call (the device goes on hold and back): nothing new to say.
    expect(said({ Event: 'QueueMemberStatus', ...member, InCall: '1', Status: '8', Paused: '1', PausedReason: 'break', Timestamp: '1795965402.1' })).toEqual([]);
    // The call is over: the pause shows as it is, from the same PBX state.
    expect(said({ Event: 'QueueMemberStatus', ...member, InCall: '0', Status: '1', Paused: '1', PausedReason: 'break', Timestamp: '1795965403.1' }))
      .toEqual([{ state: 'paused', pausedReason: 'break', onCall: false }]);
  });

  it('reads a QueueStatus member item for a decision: paused, reason, on a call', () => {
    const items = frameAll(readRecording('d_queue_member_actions')).messages.filter((m) => m.event === 'QueueMember');
    const paused = items.map((m) => readQueueMember(m, null)).find((m) => m?.interface === 'Local/8006@agents/n');
    expect(paused).toEqual({
      queue: 'hotline', interface: 'Local/8006@agents/n', memberName: 'Agent 8006', paused: true, pausedReason: 'not-ready',
      isOnCall: false, status: 1, state: 'paused',
    });
    const talking = readQueueMember(createMessage({ Event: 'QueueMember', Queue: 'hotline', Name: 'A', Location: 'PJSIP/8101', InCall: '1', Status: '2', Paused: '1', PausedReason: 'meal' }), null);
    expect(talking).toMatchObject({ isOnCall: true, paused: true, state: 'paused' });
    expect(readQueueMember(createMessage({ Event: 'QueueMember', Queue: 'hotline', Location: 'PJSIP/8101', InCall: '0', Status: '6', Paused: '0' }), null)).toMatchObject({ isOnCall: true, state: 'ringing' });
    expect(readQueueMember(createMessage({ Event: 'QueueMember', Location: 'PJSIP/8101' }), null)).toBeNull();
  });

  it('ignores unknown events and survives junk values', () => {
    const normaliser = new AmiEventNormaliser({ now: () => new Date('2030-01-01T00:00:00Z') });
    expect(normaliser.normalise(createMessage({ Event: 'VarSet' }))).toEqual([]);
    expect(normaliser.normalise(createMessage({ Response: 'Success' }))).toEqual([]);
    expect(normaliser.normalise(createMessage({ Event: 'QueueCallerJoin', Queue: 'q' }))).toEqual([]);
    const [offered] = normaliser.normalise(createMessage({
      Event: 'QueueCallerJoin', Linkedid: 'L1', Uniqueid: 'U1', Position: 'abc', CallerIDName: 'O\\\'Brien', CallerIDNum: '<unknown>', Timestamp: 'x',
    }));
    expect(offered).toMatchObject({ position: null, callerName: "O'Brien", callerNumber: null, hotline: null, at: '2030-01-01T00:00:00.000Z' });
    expect(normaliser.stats).toMatchObject({ seen: 4, ignored: 2, uncorrelated: 1, emitted: 1 });
  });
});

describe('NORMALISED_EVENTS', () => {
  it('names every event the normaliser reads: dropping the rest changes no domain event of any recording', () => {
    let dropped = 0;
    for (const name of listRecordings()) {
      const messages = frameAll(readRecording(name)).messages.filter((m) => m.event !== undefined);
      const all = new AmiEventNormaliser({ now: () => new Date(0) });
      const kept = new AmiEventNormaliser({ now: () => new Date(0) });
      const fromAll = messages.flatMap((m) => all.normalise(m));
      const fromKept = messages.filter((m) => NORMALISED_EVENTS.includes(m.event!)).flatMap((m) => kept.normalise(m));
      dropped += messages.filter((m) => !NORMALISED_EVENTS.includes(m.event!)).length;
      expect(fromKept, name).toEqual(fromAll);
    }
    expect(dropped).toBeGreaterThan(100);
  });
});
