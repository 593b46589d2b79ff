import { describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { mergeCallEvent, type CallSnapshot } from './merge-call-event.js';
import { parseCallEventPayload } from './calls.jobs.js';

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000).toISOString();
const fresh = (over: Partial<CallSnapshot> = {}): CallSnapshot => ({
  state: 'offered', enteredAt: T0, ringAt: null, answeredAt: null, endedAt: null, agentInterface: null, waitSeconds: null,
  talkSeconds: null, abandonPosition: null, originalPosition: null, hangupBy: null, hotlineNumber: '12345', ...over,
});
const agent = { interface: 'PJSIP/8101' };

describe('mergeCallEvent', () => {
  it('follows an answered call to completion', () => {
    let call = fresh();
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.ringing', at: at(1), agent }) };
    expect(call).toMatchObject({ state: 'ringing', lastRungInterface: 'PJSIP/8101', agentInterface: null });
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.answered', at: at(4), agent, holdTime: 4 }) };
    expect(call).toMatchObject({ state: 'answered', waitSeconds: 4 });
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.completed', at: at(60), agent, talkTime: 56, reason: 'caller' }) };
    expect(call).toMatchObject({ state: 'completed', talkSeconds: 56, hangupBy: 'caller', endedAt: new Date(at(60)) });
  });

  it('keeps the wait and position of an abandoned call', () => {
    const patch = mergeCallEvent(fresh(), { kind: 'call.abandoned', at: at(30), position: 2, originalPosition: 3, holdTime: 30 });
    expect(patch).toMatchObject({ state: 'abandoned', waitSeconds: 30, abandonPosition: 2, originalPosition: 3 });
  });

  it('is idempotent: a replayed event changes nothing', () => {
    const call = fresh({ state: 'answered', answeredAt: new Date(at(4)), waitSeconds: 4, agentInterface: 'PJSIP/8101' });
    expect(mergeCallEvent(call, { kind: 'call.answered', at: at(9), agent: { interface: 'PJSIP/8102' }, holdTime: 9 })).toEqual({});
  });

  it('names the recording after the Linkedid in the UTC day of the answer, once', () => {
    const lateEntry = fresh({ enteredAt: new Date('2026-03-02T23:59:50Z') });
    const patch = mergeCallEvent(lateEntry, { kind: 'call.answered', linkedid: '1772495990.42', at: '2026-03-03T00:00:00.400Z', agent });
    expect(patch.recordingFile).toBe('20260303/1772495990.42.wav');
    const answered = { ...lateEntry, ...patch };
    expect(mergeCallEvent(answered, { kind: 'call.answered', linkedid: '1772495990.42', at: '2026-03-03T00:00:05Z', agent })).toEqual({});
    expect(mergeCallEvent(fresh(), { kind: 'call.answered', linkedid: '../x', at: at(4), agent }).recordingFile).toBeUndefined();
  });

  it('never moves an ended call backwards', () => {
    const ended = fresh({ state: 'completed', answeredAt: new Date(at(4)), endedAt: new Date(at(60)) });
    expect(mergeCallEvent(ended, { kind: 'call.ringing', at: at(70), agent })).toEqual({ ringAt: new Date(at(70)) });
    expect(mergeCallEvent(fresh({ state: 'abandoned', endedAt: new Date(at(5)) }), { kind: 'call.abandoned', at: at(9) })).toEqual({});
  });

  it('ends a transferred call at the transfer: the AgentComplete of the caller’s final hang-up changes no time', () => {
    const call = fresh({ state: 'answered', answeredAt: new Date(at(4)), agentInterface: 'PJSIP/8101', waitSeconds: 4 });
    const transferred = { ...call, ...mergeCallEvent(call, { kind: 'call.transferred', at: at(30), target: '7001@yixian-transfer' }) };
    expect(transferred).toMatchObject({ state: 'transferred', endedAt: new Date(at(30)), talkSeconds: 26, transferTarget: '7001@yixian-transfer', hangupBy: 'transfer' });
    // A real PBX: COMPLETECALLER when the caller leaves the target, talk time including the time there.
    expect(mergeCallEvent(transferred, { kind: 'call.completed', at: at(90), agent, talkTime: 86, reason: 'caller' })).toEqual({});
  });

  it('keeps "rung" apart from "answered by": an abandoned call names nobody as its agent', () => {
    let call = fresh();
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.ringing', at: at(1), agent }) };
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.abandoned', at: at(9), holdTime: 9, position: 1, originalPosition: 1 }) };
    expect(call).toMatchObject({ state: 'abandoned', agentInterface: null, lastRungInterface: 'PJSIP/8101', hangupBy: 'caller' });
  });

  it('turns Asterisk’s QueueCallerAbandon of a queue timeout into a timeout when the dialplan says so', () => {
    let call = fresh();
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.abandoned', at: at(300), holdTime: 300, position: 1, originalPosition: 1 }) };
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.overflow', at: at(300), reason: 'timeout' }) };
    expect(call).toMatchObject({ state: 'timeout', overflowReason: 'timeout', waitSeconds: 300, endedAt: new Date(at(300)), hangupBy: null });
  });

  it('records an after-hours call and its callback request, though it never joined the queue', () => {
    let call = fresh({ hotlineNumber: '' });
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.overflow', at: at(0), hotline: '12315', reason: 'after_hours' }) };
    call = { ...call, ...mergeCallEvent(call, { kind: 'call.callback_requested', at: at(6), reason: 'after_hours' }) };
    expect(call).toMatchObject({ state: 'overflow', overflowReason: 'after_hours', hotlineNumber: '12315', callbackRequestedAt: new Date(at(6)), endedAt: new Date(at(0)) });
  });

  it('makes a call answered from a late AgentComplete alone (its AgentConnect was lost)', () => {
    const call = fresh();
    const patch = mergeCallEvent(call, { kind: 'call.completed', at: at(100), agent, holdTime: 10, talkTime: 60, reason: 'agent' });
    expect(patch).toMatchObject({
      state: 'completed', answeredAt: new Date(at(40)), enteredAt: new Date(at(30)), waitSeconds: 10, talkSeconds: 60, agentInterface: 'PJSIP/8101', hangupBy: 'agent',
    });
  });

  it('lets a resync’s estimates fill gaps but never move a time already known', () => {
    const call = fresh({ state: 'answered', answeredAt: new Date(at(4)), agentInterface: 'PJSIP/8101' });
    expect(mergeCallEvent(call, { kind: 'call.offered', at: at(-20), estimated: true })).toEqual({});
    expect(mergeCallEvent(call, { kind: 'call.answered', at: at(2), agent, estimated: true })).toEqual({});
    expect(mergeCallEvent(fresh(), { kind: 'call.answered', at: at(7), agent, estimated: true })).toMatchObject({ answeredAt: new Date(at(7)), agentInterface: 'PJSIP/8101' });
  });
});

describe('parseCallEventPayload', () => {
  it.each([
    [null, 'payload is not an object'],
    [{ kind: 'call.exploded', pbxId: 'p', at: at(0), linkedid: '1' }, 'unknown kind'],
    [{ kind: 'call.offered', at: at(0), linkedid: '1' }, 'pbxId is required'],
    [{ kind: 'call.offered', pbxId: 'p', at: 'yesterday', linkedid: '1' }, 'at must be an ISO time'],
    [{ kind: 'call.offered', pbxId: 'p', at: at(0) }, 'linkedid is required'],
    [{ kind: 'pbx.resync', pbxId: 'p', at: at(0) }, 'liveLinkedids is required'],
  ])('refuses %j for good, naming the problem', (payload, message) => {
    expect(() => parseCallEventPayload(payload)).toThrow(UnrecoverableError);
    expect(() => parseCallEventPayload(payload)).toThrow(message);
  });
});
