import { routeHotline } from './astdb';
import { channelBlock } from './channel-fields';
import { callerHangup } from './call-ending';
import { startOverflow, timeOutOfQueue } from './call-overflow';
import { createChannel, emitDeviceState, type PbxCore } from './pbx-core';
import { distributeCalls } from './queue-distribution';
import { CALL_PHASE, type SimCall, type SimChannel } from './sim-model';

export interface StartCallSpec {
  hotline: string;
  /** Dialplan context of the hotline's extensions (`hotline-in` in the recordings, `hotline-inbound` shipped). */
  context?: string;
  callerNum: string;
  callerName: string;
  /** Set when the call came from an AMI Originate: OriginateResponse carries it. */
  originateActionId?: string | undefined;
  /** What the `;1` leg runs (Originate's Application/Data; Wait(patience) for generated calls). */
  application: string;
  appData: string;
  /** Seconds after arrival at which the caller hangs up; undefined = never by itself. */
  patienceS?: number | undefined;
  /** true: patience also ends a talking call (Originate Wait(N)); false: only while waiting. */
  giveUpWhileTalking?: boolean;
  talkS?: number | undefined;
}

function setCallerId(core: PbxCore, ch: SimChannel, num: string, name: string): void {
  ch.callerNum = num;
  ch.callerName = name;
  core.emitChannel('NewCallerid', 'call,all', ch, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]);
}

function setConnected(core: PbxCore, ch: SimChannel, num: string, name: string): void {
  ch.connectedNum = num;
  ch.connectedName = name;
  core.emitChannel('NewConnectedLine', 'call,all', ch);
}

/** Emits LocalBridge for a Local channel pair (the two halves of one Local channel). */
export function emitLocalBridge(core: PbxCore, one: SimChannel, two: SimChannel, optimize: boolean): void {
  core.emit('LocalBridge', 'call,all', [
    ...channelBlock(one, 'LocalOne'),
    ...channelBlock(two, 'LocalTwo'),
    ['Context', two.context],
    ['Exten', two.exten],
    ['LocalOptimization', optimize ? 'Yes' : 'No'],
  ]);
}

/**
 * A caller arrives on a hotline: the Local pair `Local/<did>@hotline-in-N;1/;2` comes up the
 * way an AMI Originate makes it (events in the recorded order), `__HOTLINE` is set on `;2`,
 * and after `joinDelayMs` the caller joins the queue.
 */
export function startCall(core: PbxCore, spec: StartCallSpec): SimCall {
  const context = spec.context ?? 'hotline-in';
  const base = `Local/${spec.hotline}@${context}-${core.nextLocalSuffix()}`;
  const outer = createChannel(core, { name: `${base};1`, state: 'down', context, exten: spec.hotline });
  const inner = createChannel(core, { name: `${base};2`, state: 'ring', context, exten: spec.hotline, linkedid: outer.linkedid });
  outer.application = spec.application;
  outer.appData = spec.appData;
  inner.application = 'Queue';
  inner.appData = `${core.options.queue},r,,,300`;
  const now = core.clock.now();
  const call: SimCall = {
    linkedid: outer.linkedid,
    hotline: spec.hotline,
    phase: CALL_PHASE.joining,
    priority: routeHotline(core, spec.hotline).priority,
    outer,
    inner,
    originateActionId: spec.originateActionId,
    joinedAt: now,
    originalPosition: 0,
    member: undefined,
    agentOuter: undefined,
    agentInner: undefined,
    ringStartedAt: 0,
    connectedAt: 0,
    dialAttempts: 0,
    retryUntil: 0,
    bridgeId: '',
    talkS: spec.talkS,
    callerGivesUpAt: spec.patienceS === undefined ? undefined : now + spec.patienceS * 1000,
    giveUpWhileTalking: spec.giveUpWhileTalking ?? false,
    pendingComplete: undefined,
    desk: undefined,
    timers: {},
  };
  core.calls.set(call.linkedid, call);

  core.emitChannel('Newchannel', 'call,all', outer);
  core.emitChannel('Newchannel', 'call,all', inner);
  setCallerId(core, outer, spec.callerNum, spec.callerName);
  setConnected(core, outer, spec.callerNum, spec.callerName);
  setCallerId(core, inner, spec.callerNum, spec.callerName);
  setConnected(core, inner, spec.callerNum, spec.callerName);
  emitLocalBridge(core, outer, inner, true);
  core.emit('DialBegin', 'call,all', [...channelBlock(outer, 'Dest'), ['DialString', `${spec.hotline}@${context}`]]);
  inner.hotline = spec.hotline;
  core.emitChannel('VarSet', 'dialplan,all', inner, [['Variable', '__HOTLINE'], ['Value', spec.hotline]]);
  Object.assign(inner, { context: 'hotline-queue', exten: 's', priority: 2, state: 'up', answeredAt: now });
  core.emitChannel('Newstate', 'call,all', inner);
  Object.assign(outer, { state: 'up', answeredAt: now });
  core.emitChannel('Newstate', 'call,all', outer);
  core.emit('DialEnd', 'call,all', [...channelBlock(outer, 'Dest'), ['DialStatus', 'ANSWER']]);
  emitDeviceState(core, `Local/${spec.hotline}@hotline-in`, 'INUSE');
  emitDeviceState(core, `Local/${spec.hotline}@hotline-in`, 'INUSE');
  if (spec.originateActionId !== undefined) {
    core.emit('OriginateResponse', 'call,all', [
      ['ActionID', spec.originateActionId],
      ['Response', 'Success'],
      ['Channel', outer.name],
      ['Application', spec.application],
      ['Data', spec.appData],
      ['Reason', '4'],
      ['Uniqueid', outer.uniqueid],
      ['CallerIDNum', spec.callerNum],
      ['CallerIDName', spec.callerName],
      [`ChanVariable(${outer.name})`, `HOTLINE=${outer.hotline}`],
    ]);
  }
  if (call.callerGivesUpAt !== undefined) {
    call.timers.patience = core.clock.setTimer(() => callerHangup(core, call), call.callerGivesUpAt - now);
  }
  const closed = routeHotline(core, spec.hotline).closed;
  if (closed) call.whenClosed = closed;
  call.timers.join = core.clock.setTimer(() => (closed ? startOverflow(core, call, 'after_hours') : joinQueue(core, call)), core.options.joinDelayMs);
  return call;
}

/**
 * Queue(): insert by priority (a higher priority goes before lower ones), QueueCallerJoin, then
 * distribute; the Queue() timeout starts. With joinEmpty off, an empty queue is not joined.
 */
export function joinQueue(core: PbxCore, call: SimCall): void {
  if (call.phase !== CALL_PHASE.joining) return;
  if (!core.options.joinEmpty && core.members.length === 0) {
    startOverflow(core, call, 'joinempty');
    return;
  }
  let index = core.waiting.findIndex((c) => c.priority < call.priority);
  if (index < 0) index = core.waiting.length;
  if (core.waiting.length === 0) emitDeviceState(core, `Queue:${core.options.queue}`, 'RINGING');
  core.waiting.splice(index, 0, call);
  call.phase = CALL_PHASE.waiting;
  call.joinedAt = core.clock.now();
  call.originalPosition = index + 1;
  call.inner.priority = 3;
  core.emitChannel('QueueCallerJoin', 'agent,all', call.inner, [
    ['Queue', core.options.queue],
    ['Position', String(index + 1)],
    ['Count', String(core.waiting.length)],
  ]);
  const { maxWaitS } = core.options;
  if (maxWaitS !== null) call.timers.maxWait = core.clock.setTimer(() => timeOutOfQueue(core, call), maxWaitS * 1000);
  distributeCalls(core);
}
