import { bridgeBlock, channelBlock } from './channel-fields';
import { emitCdr } from './call-records';
import { endOverflowByCaller } from './call-overflow';
import { endDeskCall } from './call-desk';
import { dropAgentLeg, releaseMember } from './call-ringing';
import { emitDeviceState, hangupChannel, type PbxCore } from './pbx-core';
import { CALL_PHASE, type SimCall } from './sim-model';

/** Cancels every pending timer of a call; `keepPatience`: all but the caller's own hang-up. */
export function clearCallTimers(core: PbxCore, call: SimCall, keepPatience = false): void {
  const { patience } = call.timers;
  for (const [name, timer] of Object.entries(call.timers)) if (!(keepPatience && name === 'patience')) core.clock.clearTimer(timer);
  call.timers = keepPatience && patience ? { patience } : {};
}

/** Removes a caller from the queue list and emits QueueCallerLeave (Position before leaving, Count after). */
export function leaveQueue(core: PbxCore, call: SimCall): void {
  const index = core.waiting.indexOf(call);
  if (index < 0) return;
  core.waiting.splice(index, 1);
  if (core.waiting.length === 0) emitDeviceState(core, `Queue:${core.options.queue}`, 'NOT_INUSE');
  core.emitChannel('QueueCallerLeave', 'agent,all', call.inner, [
    ['Queue', core.options.queue],
    ['Position', String(index + 1)],
    ['Count', String(core.waiting.length)],
  ]);
}

/** The caller's `;2` leg Cdr(s): one per dialled member (at least one), as the CDR engine forks them. */
export function emitCallerCdrs(core: PbxCore, call: SimCall, lastDestChannel: string, answered: boolean, extra = 0): void {
  const count = Math.max(1, call.dialAttempts) + extra;
  for (let i = 0; i < count; i += 1) {
    emitCdr(core, call.inner, {
      destination: call.inner.exten,
      destinationContext: call.inner.context,
      destinationChannel: i === 0 ? lastDestChannel : '',
      lastApplication: i === 0 ? 'Queue' : 'Hangup',
      lastData: i === 0 ? call.inner.appData : '',
      disposition: answered ? 'ANSWERED' : 'NO ANSWER',
      startAt: call.inner.createdAt,
    });
  }
}

export function emitOuterCdr(core: PbxCore, call: SimCall): void {
  emitCdr(core, call.outer, {
    destination: call.hotline,
    destinationContext: 'hotline-in',
    destinationChannel: '',
    lastApplication: call.outer.application,
    lastData: call.outer.appData,
    disposition: 'ANSWERED',
    startAt: call.outer.createdAt,
  });
}

/** The caller's Local pair goes away after Queue() returned (agent hung up / transfer target ended). */
export function endCallerLegs(core: PbxCore, call: SimCall, cdrs: () => void): void {
  clearCallTimers(core, call);
  core.emitChannel('SoftHangupRequest', 'call,all', call.inner, [['Cause', '16']]);
  core.emitChannel('HangupRequest', 'call,all', call.outer, [['Cause', '16']]);
  hangupChannel(core, call.inner, 16);
  cdrs();
  hangupChannel(core, call.outer, 16);
  emitDeviceState(core, `Local/${call.hotline}@hotline-in`, 'NOT_INUSE');
  emitDeviceState(core, `Local/${call.hotline}@hotline-in`, 'NOT_INUSE');
  call.phase = CALL_PHASE.done;
  core.calls.delete(call.linkedid);
}

/** A caller still in the queue hangs up: the abandon path of the recordings (QueueCallerAbandon, then Leave). */
export function abandonCall(core: PbxCore, call: SimCall, cause: 0 | 16 = 0): void {
  clearCallTimers(core, call);
  const ringing = call.phase === CALL_PHASE.ringing;
  const destChannel = call.agentOuter?.name ?? '';
  core.emitChannel('HangupRequest', 'call,all', call.inner, [['Cause', String(cause)]]);
  hangupChannel(core, call.outer, cause);
  if (ringing && call.agentOuter) {
    core.emit('DialEnd', 'call,all', [...channelBlock(call.inner), ...channelBlock(call.agentOuter, 'Dest'), ['DialStatus', 'CANCEL']]);
    core.emit('DialEnd', 'call,all', [...channelBlock(call.inner), ...channelBlock(call.agentOuter, 'Dest'), ['DialStatus', 'CANCEL']]);
    dropAgentLeg(core, call);
  }
  emitDeviceState(core, `Local/${call.hotline}@hotline-in`, 'NOT_INUSE');
  emitOuterCdr(core, call);
  const index = core.waiting.indexOf(call);
  if (index >= 0) {
    core.emitChannel('QueueCallerAbandon', 'agent,all', call.inner, [
      ['Queue', core.options.queue],
      ['Position', String(index + 1)],
      ['OriginalPosition', String(call.originalPosition)],
      ['HoldTime', String(Math.floor((core.clock.now() - call.joinedAt) / 1000))],
    ]);
    core.stats.abandoned += 1;
    leaveQueue(core, call);
  }
  if (ringing) releaseMember(core, call.member, false);
  call.member = undefined;
  core.emitChannel('SoftHangupRequest', 'call,all', call.inner, [['Cause', '16']]);
  hangupChannel(core, call.inner, cause);
  if (call.dialAttempts > 0 || index >= 0) emitCallerCdrs(core, call, destChannel, false);
  call.phase = CALL_PHASE.done;
  core.calls.delete(call.linkedid);
}

/** A talking caller hangs up first: AgentComplete Reason caller, bridge torn down, agent leg cleared. */
export function callerEndsTalk(core: PbxCore, call: SimCall): void {
  const { agentOuter, agentInner, member } = call;
  if (!agentOuter || !agentInner || !member) return;
  clearCallTimers(core, call);
  emitOuterCdr(core, call);
  core.emitChannel('HangupRequest', 'call,all', call.inner, [['Cause', '16']]);
  hangupChannel(core, call.outer, 16);
  emitAgentComplete(core, call, 'caller');
  core.emit('BridgeLeave', 'call,all', [...bridgeBlock(call.bridgeId, 1), ...channelBlock(call.inner)]);
  emitCallerCdrs(core, call, agentOuter.name, true);
  hangupChannel(core, call.inner, 16);
  core.emit('BridgeLeave', 'call,all', [...bridgeBlock(call.bridgeId, 0), ...channelBlock(agentOuter)]);
  core.emit('BridgeDestroy', 'call,all', bridgeBlock(call.bridgeId, 0));
  core.emitChannel('HangupRequest', 'call,all', agentInner, [['Cause', '16']]);
  hangupChannel(core, agentOuter, 16);
  emitAgentCdr(core, call);
  hangupChannel(core, agentInner, 16);
  finishMember(core, call);
  emitDeviceState(core, `Local/${call.hotline}@hotline-in`, 'NOT_INUSE');
  call.phase = CALL_PHASE.done;
  core.calls.delete(call.linkedid);
}

/** AgentComplete with the caller and agent blocks (Reason agent | caller | transfer). */
export function emitAgentComplete(core: PbxCore, call: SimCall, reason: 'agent' | 'caller' | 'transfer'): void {
  if (!call.member || !call.agentOuter) return;
  const talkS = Math.floor((core.clock.now() - call.connectedAt) / 1000);
  core.emit('AgentComplete', 'agent,all', [
    ...channelBlock(call.inner),
    ...channelBlock(call.agentOuter, 'Dest'),
    ['Queue', core.options.queue],
    ['Interface', call.member.interface],
    ['MemberName', call.member.name],
    ['HoldTime', String(Math.floor((call.connectedAt - call.joinedAt) / 1000))],
    ['TalkTime', String(talkS)],
    ['Reason', reason],
  ]);
  core.stats.completed += 1;
  core.stats.talkTime = core.stats.completed === 1 ? talkS : (core.stats.talkTime * 3 + talkS) / 4;
}

export function emitAgentCdr(core: PbxCore, call: SimCall): void {
  if (!call.agentInner || !call.member) return;
  emitCdr(core, call.agentInner, {
    destination: call.member.agent,
    destinationContext: call.member.context,
    destinationChannel: '',
    lastApplication: call.agentInner.application,
    lastData: call.agentInner.appData,
    disposition: 'ANSWERED',
    startAt: call.agentInner.createdAt,
  });
}

/** The member's call is over: counters, wrap-up, QueueMemberStatus. */
export function finishMember(core: PbxCore, call: SimCall): void {
  const member = call.member;
  if (!member) return;
  member.callsTaken += 1;
  member.lastCall = Math.floor(core.clock.now() / 1000);
  call.member = undefined;
  call.agentOuter = undefined;
  call.agentInner = undefined;
  releaseMember(core, member, true);
}

/** Caller-side hangup at any phase: abandon while queued, caller-ended talk, or end after a transfer. */
export function callerHangup(core: PbxCore, call: SimCall): void {
  if (call.phase === CALL_PHASE.joining || call.phase === CALL_PHASE.waiting || call.phase === CALL_PHASE.ringing) {
    abandonCall(core, call);
  } else if (call.phase === CALL_PHASE.talking) {
    callerEndsTalk(core, call);
  } else if (call.phase === CALL_PHASE.transferred) {
    endTransferredCaller(core, call);
  } else if (call.phase === CALL_PHASE.overflow) {
    endOverflowByCaller(core, call);
  }
}

/**
 * The AgentComplete of a talking call Redirected away, sent when the caller finally hangs up: with
 * the caller's block as it is then (the target's context) but no Dest block (asterisk-22
 * `redirect_to_desk`; the README of the recordings saw it without any ids too), TalkTime up to now.
 */
function emitPendingComplete(core: PbxCore, call: SimCall): void {
  const pending = call.pendingComplete;
  if (!pending) return;
  core.emit('AgentComplete', 'agent,all', [
    ...channelBlock(call.inner),
    ['Queue', core.options.queue],
    ['Interface', pending.member.interface],
    ['MemberName', pending.member.name],
    ['HoldTime', String(pending.holdS)],
    ['TalkTime', String(Math.floor((core.clock.now() - call.connectedAt) / 1000))],
    ['Reason', 'caller'],
  ]);
}

/** A transferred/redirected caller leaves the target; a deferred AgentComplete goes out now. */
export function endTransferredCaller(core: PbxCore, call: SimCall): void {
  if (call.desk) {
    endDeskCall(core, call, () => emitPendingComplete(core, call), () => {
      emitCallerCdrs(core, call, call.desk?.outer.name ?? '', true, 1);
      emitOuterCdr(core, call);
    });
    return;
  }
  endCallerLegs(core, call, () => {
    emitPendingComplete(core, call);
    emitCallerCdrs(core, call, '', true, 1);
    emitOuterCdr(core, call);
  });
}
