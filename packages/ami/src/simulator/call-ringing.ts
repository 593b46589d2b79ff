import { channelBlock } from './channel-fields';
import { emitLocalBridge } from './call-arrival';
import { answerCall } from './call-connect';
import { emitMemberEvent, isDeviceStateTracked } from './member-events';
import { createChannel, emitDeviceState, hangupChannel, type PbxCore } from './pbx-core';
import { distributeCalls, scheduleDistribution } from './queue-distribution';
import { CALL_PHASE, type SimCall, type SimMember } from './sim-model';

/** Caller block + Dest agent block, the head of AgentCalled/DialBegin/DialState/DialEnd/AgentConnect/…. */
export function callerAndAgent(call: SimCall) {
  if (!call.agentOuter) throw new Error(`call ${call.linkedid} has no agent leg`);
  return [...channelBlock(call.inner), ...channelBlock(call.agentOuter, 'Dest')];
}

/** The queue rings a member: Local agent pair, AgentCalled, DialBegin, DialState RINGING, member in use. */
export function ringMember(core: PbxCore, call: SimCall, member: SimMember): void {
  const base = `Local/${member.agent}@${member.context}-${core.nextLocalSuffix()}`;
  const spec = { state: 'down', context: member.context, exten: member.agent, linkedid: call.linkedid } as const;
  const agentOuter = createChannel(core, { ...spec, name: `${base};1` });
  const agentInner = createChannel(core, { ...spec, name: `${base};2`, state: 'ring' });
  agentOuter.application = 'AppQueue';
  agentOuter.appData = '(Outgoing Line)';
  agentInner.application = 'Wait';
  agentInner.appData = String(member.answerAfterS ?? core.options.memberTimeoutS);
  Object.assign(call, { agentOuter, agentInner, member, phase: CALL_PHASE.ringing, ringStartedAt: core.clock.now() });
  call.dialAttempts += 1;
  member.linkedid = call.linkedid;
  const { callerNum, callerName } = call.inner;

  core.emitChannel('Newchannel', 'call,all', agentOuter);
  core.emitChannel('Newchannel', 'call,all', agentInner);
  Object.assign(agentOuter, { callerNum, callerName });
  core.emitChannel('NewCallerid', 'call,all', agentOuter, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]);
  Object.assign(agentOuter, { connectedNum: callerNum, connectedName: callerName, hotline: call.hotline });
  core.emitChannel('NewConnectedLine', 'call,all', agentOuter);
  core.emitChannel('VarSet', 'dialplan,all', agentOuter, [['Variable', '__HOTLINE'], ['Value', call.hotline]]);
  agentOuter.exten = 's';
  core.emitChannel('VarSet', 'dialplan,all', agentInner, [['Variable', '__HOTLINE'], ['Value', call.hotline]]);
  Object.assign(agentInner, { callerNum, callerName, connectedNum: callerNum, connectedName: callerName, hotline: call.hotline });
  core.emitChannel('NewCallerid', 'call,all', agentInner, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]);
  core.emitChannel('NewConnectedLine', 'call,all', agentInner);
  emitLocalBridge(core, agentOuter, agentInner, false);
  const memberFields = [['Queue', core.options.queue], ['Interface', member.interface], ['MemberName', member.name]] as const;
  core.emit('AgentCalled', 'agent,all', [...callerAndAgent(call), ...memberFields]);
  core.emit('DialBegin', 'call,all', [...callerAndAgent(call), ['DialString', member.interface]]);
  agentOuter.state = 'ringing';
  core.emitChannel('Newstate', 'call,all', agentOuter);
  core.emit('DialState', 'call,all', [...callerAndAgent(call), ['DialStatus', 'RINGING']]);
  if (isDeviceStateTracked(member)) emitMemberEvent(core, 'QueueMemberStatus', member);
  emitDeviceState(core, member.stateInterface, 'INUSE');

  const timeoutMs = core.options.memberTimeoutS * 1000;
  call.timers.ring = core.clock.setTimer(() => ringNoAnswer(core, call), timeoutMs);
  if (member.answerAfterS !== undefined && member.answerAfterS * 1000 < timeoutMs) {
    call.timers.answer = core.clock.setTimer(() => answerCall(core, call), member.answerAfterS * 1000);
  }
}

/** Tears down the ringing agent leg after the dial ended (shared by ring-no-answer and caller hangup). */
export function dropAgentLeg(core: PbxCore, call: SimCall): void {
  const { agentOuter, agentInner } = call;
  core.clock.clearTimer(call.timers.ring);
  core.clock.clearTimer(call.timers.answer);
  if (agentInner) core.emitChannel('HangupRequest', 'call,all', agentInner, [['Cause', '0']]);
  hangupChannel(core, agentOuter, 0);
  if (agentInner) core.emitChannel('SoftHangupRequest', 'call,all', agentInner, [['Cause', '16']]);
  hangupChannel(core, agentInner, 0);
  call.agentOuter = undefined;
  call.agentInner = undefined;
}

/**
 * Frees a member after ringing (`afterTalk` false) or talking (true: wrap-up, and app_queue's own
 * QueueMemberStatus even when the device state is not tracked).
 */
export function releaseMember(core: PbxCore, member: SimMember | undefined, afterTalk: boolean): void {
  if (!member) return;
  member.linkedid = undefined;
  if (afterTalk && core.options.wrapUpS > 0) {
    member.wrapUntil = core.clock.now() + core.options.wrapUpS * 1000;
    scheduleDistribution(core, core.options.wrapUpS * 1000);
  }
  if (afterTalk || isDeviceStateTracked(member)) emitMemberEvent(core, 'QueueMemberStatus', member);
  emitDeviceState(core, member.stateInterface, 'NOT_INUSE');
}

/** app_queue's rna() with autopause = yes: right after AgentRingNoAnswer, pause the member. */
export function autoPauseMember(core: PbxCore, member: SimMember): void {
  if (!core.options.autoPause || member.paused) return;
  Object.assign(member, { paused: true, pausedReason: 'Auto-Pause', lastPause: Math.floor(core.clock.now() / 1000) });
  emitDeviceState(core, `Queue:${core.options.queue}_pause_${member.interface}`, 'INUSE');
  emitMemberEvent(core, 'QueueMemberPause', member);
}

/** Member timeout: AgentRingNoAnswer (RingTime in ms), DialEnd NOANSWER then CANCEL, retry after retryS. */
export function ringNoAnswer(core: PbxCore, call: SimCall): void {
  if (call.phase !== CALL_PHASE.ringing || !call.member || !call.agentOuter) return;
  const member = call.member;
  const ringMs = core.clock.now() - call.ringStartedAt;
  core.emit('AgentRingNoAnswer', 'agent,all', [
    ...callerAndAgent(call),
    ['Queue', core.options.queue],
    ['Interface', member.interface],
    ['MemberName', member.name],
    ['RingTime', String(ringMs)],
  ]);
  autoPauseMember(core, member);
  core.emit('DialEnd', 'call,all', [...callerAndAgent(call), ['DialStatus', 'NOANSWER']]);
  core.emit('DialEnd', 'call,all', [...callerAndAgent(call), ['DialStatus', 'CANCEL']]);
  dropAgentLeg(core, call);
  call.member = undefined;
  call.phase = CALL_PHASE.waiting;
  call.retryUntil = core.clock.now() + core.options.retryS * 1000;
  releaseMember(core, member, false);
  distributeCalls(core);
  scheduleDistribution(core, core.options.retryS * 1000);
}
