import { bridgeBlock, channelBlock } from './channel-fields';
import {
  clearCallTimers, emitAgentCdr, emitAgentComplete, emitCallerCdrs, emitOuterCdr, endCallerLegs,
  endTransferredCaller, finishMember, leaveQueue,
} from './call-ending';
import { callerAndAgent, dropAgentLeg, releaseMember } from './call-ringing';
import { dialDesk } from './call-desk';
import { emitMemberEvent, isDeviceStateTracked } from './member-events';
import { emitDeviceState, hangupChannel, type PbxCore } from './pbx-core';
import { CALL_PHASE, type SimCall } from './sim-model';

/** The ringing member answers: DialEnd ANSWER, QueueCallerLeave, AgentConnect, bridge with both legs. */
export function answerCall(core: PbxCore, call: SimCall): void {
  const { member, agentOuter, agentInner } = call;
  if (call.phase !== CALL_PHASE.ringing || !member || !agentOuter || !agentInner) return;
  const now = core.clock.now();
  core.clock.clearTimer(call.timers.ring);
  core.clock.clearTimer(call.timers.answer);
  core.clock.clearTimer(call.timers.maxWait);
  if (!call.giveUpWhileTalking) core.clock.clearTimer(call.timers.patience);
  Object.assign(agentInner, { state: 'up', answeredAt: now, priority: 4 });
  core.emitChannel('Newstate', 'call,all', agentInner);
  Object.assign(agentOuter, { state: 'up', answeredAt: now });
  core.emitChannel('Newstate', 'call,all', agentOuter);
  emitDeviceState(core, member.stateInterface, 'INUSE');
  core.emit('DialEnd', 'call,all', [...callerAndAgent(call), ['DialStatus', 'ANSWER']]);
  leaveQueue(core, call);
  call.connectedAt = now;
  // app_queue's own "in use" for a member whose device state it does not hear (see member-events).
  if (!isDeviceStateTracked(member)) emitMemberEvent(core, 'QueueMemberStatus', member);
  if (core.options.recordOnAnswer) {
    // queues.conf membergosub on the agent's leg: MixMonitor starts before AgentConnect.
    core.emitChannel('MixMonitorStart', 'call,all', { ...agentOuter, context: 'yixian-agent-connect', exten: 's', priority: 2 });
  }
  const holdS = Math.floor((now - call.joinedAt) / 1000);
  core.emit('AgentConnect', 'agent,all', [
    ...callerAndAgent(call),
    ['Queue', core.options.queue],
    ['Interface', member.interface],
    ['MemberName', member.name],
    ['HoldTime', String(holdS)],
    ['RingTime', String(Math.floor((now - call.ringStartedAt) / 1000))],
  ]);
  core.stats.holdTime = core.stats.completed + core.stats.abandoned === 0 ? holdS : (core.stats.holdTime * 3 + holdS) / 4;
  call.phase = CALL_PHASE.talking;
  call.bridgeId = core.nextBridgeId();
  core.emit('BridgeCreate', 'call,all', bridgeBlock(call.bridgeId, 0));
  emitDeviceState(core, member.stateInterface, 'INUSE');
  agentOuter.bridgeId = call.bridgeId;
  core.emit('BridgeEnter', 'call,all', [...bridgeBlock(call.bridgeId, 1), ...channelBlock(agentOuter)]);
  call.inner.bridgeId = call.bridgeId;
  core.emit('BridgeEnter', 'call,all', [...bridgeBlock(call.bridgeId, 2), ...channelBlock(call.inner)]);
  const talkS = call.talkS ?? member.talkS;
  agentInner.appData = talkS === undefined ? '' : String(talkS);
  if (talkS !== undefined) call.timers.talk = core.clock.setTimer(() => agentEndsTalk(core, call), talkS * 1000);
}

/** The agent hangs up a talking call (AgentComplete Reason agent); the caller's legs follow. */
export function agentEndsTalk(core: PbxCore, call: SimCall): void {
  const { agentOuter, agentInner } = call;
  if (call.phase !== CALL_PHASE.talking || !agentOuter || !agentInner) return;
  core.emitChannel('SoftHangupRequest', 'call,all', agentInner, [['Cause', '16']]);
  core.emitChannel('HangupRequest', 'call,all', agentOuter, [['Cause', '16']]);
  hangupChannel(core, agentInner, 16);
  emitAgentComplete(core, call, 'agent');
  agentInner.application = 'Hangup';
  agentInner.appData = '';
  emitAgentCdr(core, call);
  core.emit('BridgeLeave', 'call,all', [...bridgeBlock(call.bridgeId, 1), ...channelBlock(agentOuter)]);
  hangupChannel(core, agentOuter, 16);
  core.emit('BridgeLeave', 'call,all', [...bridgeBlock(call.bridgeId, 0), ...channelBlock(call.inner)]);
  endCallerLegs(core, call, () => {
    emitCallerCdrs(core, call, agentOuter.name, true);
    emitOuterCdr(core, call);
    core.emit('BridgeDestroy', 'call,all', bridgeBlock(call.bridgeId, 0));
  });
  finishMember(core, call);
}

/** Tears down the agent side of a bridge whose caller moved elsewhere (transfer, redirect). */
function dropBridgedAgent(core: PbxCore, call: SimCall): void {
  const { agentOuter, agentInner } = call;
  if (!agentOuter || !agentInner) return;
  core.emit('BridgeLeave', 'call,all', [...bridgeBlock(call.bridgeId, 1), ...channelBlock(call.inner)]);
  core.emit('BridgeLeave', 'call,all', [...bridgeBlock(call.bridgeId, 0), ...channelBlock(agentOuter)]);
  core.emit('BridgeDestroy', 'call,all', bridgeBlock(call.bridgeId, 0));
  core.emitChannel('HangupRequest', 'call,all', agentInner, [['Cause', '16']]);
  hangupChannel(core, agentOuter, 16);
  core.emitChannel('SoftHangupRequest', 'call,all', agentInner, [['Cause', '16']]);
  emitAgentCdr(core, call);
  hangupChannel(core, agentInner, 16);
  finishMember(core, call);
}

/**
 * The caller goes on at context/exten for transferHoldS (or until an Originate caller's own Wait
 * ends, whichever is first), dialling a desk there when options.transferDesk says so.
 */
function moveCaller(core: PbxCore, call: SimCall, context: string, exten: string): void {
  Object.assign(call.inner, { context, exten, priority: 1, application: 'Wait', appData: String(core.options.transferHoldS), bridgeId: '' });
  call.phase = CALL_PHASE.transferred;
  clearCallTimers(core, call, call.giveUpWhileTalking);
  call.timers.talk = core.clock.setTimer(() => endTransferredCaller(core, call), core.options.transferHoldS * 1000);
  dialDesk(core, call, exten);
}

/** BlindTransfer of a talking call: the caller goes to context/exten, AgentComplete Reason transfer. */
export function blindTransferCall(core: PbxCore, call: SimCall, context: string, exten: string): void {
  const { agentOuter } = call;
  if (call.phase !== CALL_PHASE.talking || !agentOuter) return;
  core.emitChannel('Unhold', 'call,all', agentOuter);
  core.emit('BlindTransfer', 'call,all', [
    ['Result', 'Success'],
    ...channelBlock(agentOuter, 'Transferer'),
    ...channelBlock(call.inner, 'Transferee'),
    ...bridgeBlock(call.bridgeId, 2),
    ['IsExternal', 'Yes'],
    ['Context', context],
    ['Extension', exten],
  ]);
  emitAgentComplete(core, call, 'transfer');
  moveCaller(core, call, context, exten);
  dropBridgedAgent(core, call);
}

/**
 * Redirect: a queued caller leaves the queue; a talking caller leaves the bridge, no transfer
 * event, and its AgentComplete is held back until it hangs up (then with the caller's block but
 * no Dest block, as the project's PBX sent it).
 */
export function redirectCall(core: PbxCore, call: SimCall, context: string, exten: string): void {
  if (call.phase === CALL_PHASE.waiting || call.phase === CALL_PHASE.ringing || call.phase === CALL_PHASE.joining) {
    if (call.phase === CALL_PHASE.ringing && call.agentOuter) {
      core.emit('DialEnd', 'call,all', [...callerAndAgent(call), ['DialStatus', 'CANCEL']]);
      const member = call.member;
      dropAgentLeg(core, call);
      releaseMember(core, member, false);
      call.member = undefined;
    }
    leaveQueue(core, call);
    moveCaller(core, call, context, exten);
    return;
  }
  if (call.phase !== CALL_PHASE.talking || !call.member) return;
  call.pendingComplete = { member: call.member, holdS: Math.floor((call.connectedAt - call.joinedAt) / 1000) };
  core.stats.completed += 1;
  moveCaller(core, call, context, exten);
  dropBridgedAgent(core, call);
}
