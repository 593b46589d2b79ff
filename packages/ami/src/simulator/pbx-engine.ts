import type { SimClock } from './clock';
import { startCall } from './call-arrival';
import { routeHotline } from './astdb';
import { answerCall, agentEndsTalk, blindTransferCall, redirectCall } from './call-connect';
import { abandonCall, callerHangup, callerEndsTalk, endTransferredCaller } from './call-ending';
import { autoPauseMember, callerAndAgent, dropAgentLeg, releaseMember } from './call-ringing';
import { channelTableOrder } from './channel-order';
import { emitMemberEvent } from './member-events';
import { createPbxCore, emitDeviceState, type PbxCore } from './pbx-core';
import { distributeCalls } from './queue-distribution';
import { CALL_PHASE, type SimCall, type SimMember } from './sim-model';
import type { ResolvedSimulatorOptions } from './simulator-options';

/** Why a queue operation was refused; `message` is Asterisk's own wording for the AMI response. */
export class PbxOperationError extends Error {
  override name = 'PbxOperationError';
}

export interface PlaceCallInput {
  hotline: string;
  callerNumber: string;
  callerName?: string;
  /** Seconds the caller waits in the queue before abandoning; omit = waits forever. */
  patienceS?: number;
  /** Talk seconds before the agent hangs up; omit = the member's talkS. */
  talkS?: number;
  /** Context of the hotline extensions the call enters by (default `hotline-in`). */
  context?: string;
}

export interface AddMemberInput {
  interface: string;
  memberName?: string;
  stateInterface?: string;
  penalty?: number;
  paused?: boolean;
  reason?: string;
}

const INTERFACE_RE = /^Local\/([^@/]+)@([^/]+)\/n$/;

/** Builds a queue member from its interface (Local/<agent>@<context>/n). */
export function buildMember(core: { clock: SimClock }, spec: {
  interface: string; name: string; stateInterface?: string; penalty: number; membership: 'static' | 'dynamic';
  paused: boolean; pausedReason: string; answerAfterS: number | null | undefined; talkS: number | null | undefined;
}): SimMember {
  const match = INTERFACE_RE.exec(spec.interface);
  const agent = match?.[1] ?? spec.interface;
  const context = match?.[2] ?? 'agents';
  const now = Math.floor(core.clock.now() / 1000);
  return {
    agent,
    interface: spec.interface,
    stateInterface: spec.stateInterface ?? `Local/${agent}@${context}`,
    name: spec.name,
    penalty: spec.penalty,
    membership: spec.membership,
    paused: spec.paused,
    pausedReason: spec.paused ? spec.pausedReason : '',
    callsTaken: 0,
    lastCall: 0,
    lastPause: spec.paused ? now : 0,
    loginTime: now,
    answerAfterS: spec.answerAfterS ?? undefined,
    talkS: spec.talkS ?? undefined,
    linkedid: undefined,
    wrapUntil: 0,
    context,
  };
}

/** The simulated PBX without any socket: the JS API and the AMI actions both drive this. */
export interface PbxEngine {
  readonly core: PbxCore;
  placeCall(input: PlaceCallInput & { originateActionId?: string; application?: string; appData?: string; giveUpWhileTalking?: boolean }): SimCall;
  findMember(agentOrInterface: string): SimMember | undefined;
  answer(agentOrInterface: string): void;
  hangup(linkedid: string, side?: 'caller' | 'agent'): void;
  findCallByChannel(channel: string): SimCall | undefined;
  pauseMember(iface: string, paused: boolean, reason: string, queue?: string): SimMember;
  addMember(input: AddMemberInput): SimMember;
  removeMember(iface: string): SimMember;
  setPenalty(iface: string, penalty: number): SimMember;
  blindTransfer(channel: string, context: string, exten: string): void;
  redirect(channel: string, context: string, exten: string): void;
  /** Hangs up everything as a PBX restart does and resets ids, pauses and counters. */
  shutdownCalls(): void;
}

export function createPbxEngine(clock: SimClock, options: ResolvedSimulatorOptions): PbxEngine {
  const core = createPbxCore(clock, options, []);
  const rosterFromOptions = () => options.members.map((m) => buildMember(core, {
    interface: `Local/${m.agent}@${m.context}/n`, name: m.name, penalty: m.penalty, membership: 'static',
    paused: m.paused, pausedReason: m.pausedReason, answerAfterS: m.answerAfterS, talkS: m.talkS,
  }));
  core.members = rosterFromOptions();

  const findMember = (key: string) => core.members.find((m) => m.agent === key || m.interface === key);
  const requireMember = (iface: string, message: string) => {
    const m = core.members.find((x) => x.interface === iface);
    if (!m) throw new PbxOperationError(message);
    return m;
  };
  const findCallByChannel = (channel: string) => {
    for (const call of core.calls.values()) {
      const legs = [call.outer, call.inner, call.agentOuter, call.agentInner];
      if (legs.some((leg) => leg && leg.name === channel && core.channels.has(channel))) return call;
    }
    return undefined;
  };

  return {
    core,
    findMember,
    findCallByChannel,
    placeCall(input) {
      if (!routeHotline(core, input.hotline).known) throw new PbxOperationError(`Unknown hotline ${input.hotline}`);
      return startCall(core, {
        hotline: input.hotline,
        context: input.context,
        callerNum: input.callerNumber,
        callerName: input.callerName ?? '<unknown>',
        originateActionId: input.originateActionId,
        application: input.application ?? 'Wait',
        appData: input.appData ?? String(input.patienceS ?? ''),
        patienceS: input.patienceS,
        giveUpWhileTalking: input.giveUpWhileTalking ?? false,
        talkS: input.talkS,
      });
    },
    answer(key) {
      const m = findMember(key);
      if (!m) throw new PbxOperationError(`No member ${key}`);
      const call = m.linkedid ? core.calls.get(m.linkedid) : undefined;
      if (!call || call.phase !== CALL_PHASE.ringing) throw new PbxOperationError(`Member ${key} is not ringing`);
      answerCall(core, call);
    },
    hangup(linkedid, side = 'caller') {
      const call = core.calls.get(linkedid);
      if (!call) throw new PbxOperationError(`No call with Linkedid ${linkedid}`);
      if (side === 'agent' && call.phase === CALL_PHASE.talking) agentEndsTalk(core, call);
      else callerHangup(core, call);
    },
    pauseMember(iface, paused, reason, queue) {
      if (queue !== undefined && queue !== options.queue) throw new PbxOperationError('Interface not found');
      const m = requireMember(iface, 'Interface not found');
      m.paused = paused;
      m.pausedReason = paused ? reason : '';
      if (paused) m.lastPause = Math.floor(clock.now() / 1000);
      emitDeviceState(core, `Queue:${options.queue}_pause_${m.interface}`, paused ? 'INUSE' : 'NOT_INUSE');
      emitMemberEvent(core, 'QueueMemberPause', m);
      if (!paused) distributeCalls(core);
      return m;
    },
    addMember(input) {
      if (core.members.some((m) => m.interface === input.interface)) throw new PbxOperationError('Unable to add interface: Already there');
      // app_queue: without StateInterface the member's state interface is its interface.
      const m = buildMember(core, {
        interface: input.interface, name: input.memberName ?? input.interface, stateInterface: input.stateInterface ?? input.interface,
        penalty: input.penalty ?? 0, membership: 'dynamic', paused: input.paused ?? false, pausedReason: input.reason ?? '',
        ...(options.dynamicMembers === 'manual' ? { answerAfterS: null, talkS: null } : { answerAfterS: 3, talkS: 8 }),
      });
      core.members.push(m);
      emitDeviceState(core, `Queue:${options.queue}_pause_${m.interface}`, m.paused ? 'INUSE' : 'NOT_INUSE');
      emitMemberEvent(core, 'QueueMemberAdded', m);
      distributeCalls(core);
      return m;
    },
    removeMember(iface) {
      const m = requireMember(iface, 'Unable to remove interface: Not there');
      core.members = core.members.filter((x) => x !== m);
      emitMemberEvent(core, 'QueueMemberRemoved', m);
      if (m.paused) emitDeviceState(core, `Queue:${options.queue}_pause_${m.interface}`, 'NOT_INUSE');
      return m;
    },
    setPenalty(iface, penalty) {
      const m = requireMember(iface, 'Invalid interface, queuename or penalty');
      m.penalty = penalty;
      emitMemberEvent(core, 'QueueMemberPenalty', m);
      return m;
    },
    blindTransfer(channel, context, exten) {
      const call = findCallByChannel(channel);
      if (!call) throw new PbxOperationError('Channel specified does not exist');
      if (call.phase !== CALL_PHASE.talking) throw new PbxOperationError('Transfer failed');
      blindTransferCall(core, call, context, exten);
    },
    redirect(channel, context, exten) {
      const call = findCallByChannel(channel);
      if (!call) throw new PbxOperationError(`Channel does not exist: ${channel}`);
      redirectCall(core, call, context, exten);
    },
    shutdownCalls() {
      for (const call of [...core.calls.values()]) {
        if (call.phase === CALL_PHASE.ringing && call.member && call.agentOuter) {
          // The ringing member's leg goes first: DialEnd NOANSWER, AgentRingNoAnswer and, with
          // autopause, its pause (asterisk-22 pbx_restart); then the caller abandons.
          const member = call.member;
          core.emit('DialEnd', 'call,all', [...callerAndAgent(call), ['DialStatus', 'NOANSWER']]);
          core.emit('AgentRingNoAnswer', 'agent,all', [
            ...callerAndAgent(call), ['Queue', options.queue], ['Interface', member.interface],
            ['MemberName', member.name], ['RingTime', String(clock.now() - call.ringStartedAt)],
          ]);
          autoPauseMember(core, member);
          dropAgentLeg(core, call);
          releaseMember(core, member, false);
          Object.assign(call, { member: undefined, phase: CALL_PHASE.waiting });
          abandonCall(core, call, 16);
        } else if (call.phase === CALL_PHASE.talking && call.agentOuter && call.agentInner) {
          // Asterisk hangs channels up in its channel-table order: whichever side comes first ended the talk.
          const [first] = channelTableOrder([call.outer, call.inner, call.agentOuter, call.agentInner]);
          if (first === call.agentOuter || first === call.agentInner) agentEndsTalk(core, call);
          else callerEndsTalk(core, call);
        } else if (call.phase === CALL_PHASE.transferred) endTransferredCaller(core, call);
        else abandonCall(core, call, 16);
      }
      core.emit('Shutdown', 'system,all', [['Shutdown', 'Cleanly'], ['Restart', 'True']]);
      core.reboot();
      // persistentmembers = yes: dynamic members come back from AstDB with their pause and its reason.
      const boot = Math.floor(clock.now() / 1000);
      const dynamic = core.members.filter((m) => m.membership === 'dynamic');
      core.members = [...rosterFromOptions(), ...dynamic.map((m) => ({
        ...m, callsTaken: 0, lastCall: 0, lastPause: m.paused ? boot : 0, linkedid: undefined, wrapUntil: 0, loginTime: boot,
      }))];
    },
  };
}
