import type { AmiMessage } from '../protocol/ami-message';
import { findChanVariable } from '../protocol/chan-variables';
import { presentAgentState } from '@yixian/domain';
import { deriveAgentState, isMemberOnCall } from './agent-state';
import {
  AGENT_STATE, CALL_EVENT_KIND, COMPLETION_REASON, TRANSFER_TYPE,
  type AgentRef, type AgentState, type CompletionReason, type DomainEvent,
} from './call-events';
import { readCallerId, readInt, readText, readTimestamp } from './read-fields';

export interface NormaliserStats {
  /** Raw events seen. */
  seen: number;
  /** Domain events produced. */
  emitted: number;
  /** Raw events with no domain meaning (VarSet, Newexten, …). */
  ignored: number;
  /** Call events dropped because no Linkedid could be found (even by queue + interface). */
  uncorrelated: number;
}

export interface NormaliserOptions {
  /** Clock for events without a `Timestamp` (list items, `timestampevents = no`). */
  now?: () => Date;
  /** How many calls to remember (hotline, connected agent) before forgetting the oldest. Default 10,000. */
  maxCalls?: number;
}

interface ConnectedCall { linkedid: string; agent: AgentRef; destUniqueid: string | null }

/**
 * Turns raw AMI events into domain call events. Pure apart from its own memory, and
 * meant to live for one AMI connection: call `reset()` after a reconnect, since events
 * emitted while disconnected are never replayed and the old state is stale.
 *
 * Correlation rules (see the AMI README's traps): a call is its `Linkedid`; the hotline
 * comes from ChanVariable HOTLINE in any spelling and is remembered per call; an
 * AgentComplete without ids is matched to the AgentConnect of the same queue + interface.
 */
/**
 * The only events the normaliser reads (everything else gives no domain event): a client may drop
 * the rest unparsed (`AmiClientOptions.events`), as a manager.conf filter would.
 */
export const NORMALISED_EVENTS: readonly string[] = Object.freeze([
  'QueueCallerJoin', 'AgentCalled', 'AgentConnect', 'AgentRingNoAnswer', 'QueueCallerAbandon', 'AgentComplete', 'UserEvent',
  'BlindTransfer', 'AttendedTransfer', 'QueueMemberAdded', 'QueueMemberRemoved', 'QueueMemberPause', 'QueueMemberStatus', 'QueueMember',
]);

export class AmiEventNormaliser {
  readonly stats: NormaliserStats = { seen: 0, emitted: 0, ignored: 0, uncorrelated: 0 };
  readonly #now: () => Date;
  readonly #maxCalls: number;
  #hotlines = new Map<string, string>();
  #connected = new Map<string, ConnectedCall>();
  #agentLegs = new Map<string, { agent: AgentRef; queue: string | null }>();
  #ringing = new Set<string>();
  #agentStates = new Map<string, string>();
  #sequence = new Map<string, number>();

  constructor(options: NormaliserOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#maxCalls = options.maxCalls ?? 10_000;
  }

  /** Forget everything learnt on the previous connection. */
  reset(): void {
    this.#hotlines.clear();
    this.#connected.clear();
    this.#agentLegs.clear();
    this.#ringing.clear();
    this.#agentStates.clear();
    this.#sequence.clear();
  }

  /**
   * After a resync: the next member event always says its state again (what this connection
   * said before may no longer be what the consoles show).
   */
  forgetAgentStates(): void {
    this.#agentStates.clear();
  }

  /**
   * After a resync: a call found talking (maybe answered while the link was down) is learnt as if
   * its AgentConnect had been read, so its AgentComplete (which can lack every id) still correlates.
   */
  rememberCall(call: { linkedid: string; hotline: string | null; queue: string | null; agent: AgentRef | null; agentUniqueid: string | null }): void {
    if (call.hotline !== null) this.#remember(this.#hotlines, call.linkedid, call.hotline);
    if (call.agent === null) return;
    this.#remember(this.#connected, memberKey(call.queue, call.agent.interface), { linkedid: call.linkedid, agent: call.agent, destUniqueid: call.agentUniqueid });
    if (call.agentUniqueid !== null) this.#remember(this.#agentLegs, call.agentUniqueid, { agent: call.agent, queue: call.queue });
  }

  /** Normalise one raw event; returns zero or more domain events. Never throws on odd input. */
  normalise(message: AmiMessage): DomainEvent[] {
    this.stats.seen++;
    const out = this.#dispatch(message);
    if (out === null) { this.stats.ignored++; return []; }
    this.stats.emitted += out.length;
    return out;
  }

  #dispatch(m: AmiMessage): DomainEvent[] | null {
    switch (m.event) {
      case 'QueueCallerJoin': return this.#offered(m);
      case 'AgentCalled': return this.#agentLegEvent(m, CALL_EVENT_KIND.ringing);
      case 'AgentConnect': return this.#agentLegEvent(m, CALL_EVENT_KIND.answered);
      case 'AgentRingNoAnswer': return this.#agentLegEvent(m, CALL_EVENT_KIND.ringNoAnswer);
      case 'QueueCallerAbandon': return this.#abandoned(m);
      case 'AgentComplete': return this.#completed(m);
      case 'UserEvent': return this.#userEvent(m);
      case 'BlindTransfer': return this.#transferred(m, TRANSFER_TYPE.blind);
      case 'AttendedTransfer': return this.#transferred(m, TRANSFER_TYPE.attended);
      case 'QueueMemberRemoved': return this.#agentState(m, AGENT_STATE.loggedOut);
      // A member can be added paused (QueueAdd Paused/Reason) or with a device that is away:
      // its Status/Paused fields say which, as on every other member event.
      case 'QueueMemberAdded':
      case 'QueueMemberPause':
      case 'QueueMemberStatus':
      case 'QueueMember': return this.#agentState(m, null);
      default: return null;
    }
  }

  #base(m: AmiMessage, linkedid: string) {
    const hotline = findChanVariable(m, 'HOTLINE') ?? this.#hotlines.get(linkedid) ?? null;
    if (hotline !== null) this.#remember(this.#hotlines, linkedid, hotline);
    return { at: readTimestamp(m) ?? this.#now().toISOString(), linkedid, hotline, queue: readText(m, 'Queue') };
  }

  #offered(m: AmiMessage): DomainEvent[] {
    const linkedid = readText(m, 'Linkedid');
    if (linkedid === null) return this.#uncorrelated();
    const uniqueid = readText(m, 'Uniqueid') ?? '';
    const base = this.#base(m, linkedid);
    return [{
      kind: CALL_EVENT_KIND.offered, eventId: `${linkedid}:${CALL_EVENT_KIND.offered}:${base.queue ?? ''}:${uniqueid}`, ...base,
      uniqueid, position: readInt(m, 'Position'),
      callerNumber: readCallerId(m, 'CallerIDNum'), callerName: readCallerId(m, 'CallerIDName'),
    }];
  }

  #agentLegEvent(m: AmiMessage, kind: 'call.ringing' | 'call.answered' | 'call.ring_no_answer'): DomainEvent[] {
    const linkedid = readText(m, 'Linkedid') ?? readText(m, 'DestLinkedid');
    const agent = readAgent(m);
    if (linkedid === null || agent === null) return this.#uncorrelated();
    const destUniqueid = readText(m, 'DestUniqueid');
    const base = this.#base(m, linkedid);
    const eventId = `${linkedid}:${kind}:${destUniqueid ?? agent.interface}`;
    const member = memberKey(base.queue, agent.interface);
    if (kind === CALL_EVENT_KIND.ringing) {
      this.#ringing.add(member);
      return [{ kind, eventId, ...base, agent }];
    }
    this.#ringing.delete(member);
    if (kind === CALL_EVENT_KIND.ringNoAnswer) {
      const ms = readInt(m, 'RingTime');
      return [{ kind, eventId, ...base, agent, ringTime: ms === null ? null : Math.round(ms / 1000) }];
    }
    this.#remember(this.#connected, member, { linkedid, agent, destUniqueid });
    if (destUniqueid !== null) this.#remember(this.#agentLegs, destUniqueid, { agent, queue: base.queue });
    const answered: DomainEvent = { kind, eventId, ...base, agent, holdTime: readInt(m, 'HoldTime'), ringTime: readInt(m, 'RingTime') };
    // No QueueMemberStatus follows an answer (the device stays "in use"), so say busy here.
    const busy = base.queue === null ? [] : this.#changeAgentState(m, base.queue, agent, AGENT_STATE.busy, null);
    return [answered, ...busy];
  }

  #abandoned(m: AmiMessage): DomainEvent[] {
    const linkedid = readText(m, 'Linkedid');
    if (linkedid === null) return this.#uncorrelated();
    const base = this.#base(m, linkedid);
    return [{
      kind: CALL_EVENT_KIND.abandoned, eventId: `${linkedid}:${CALL_EVENT_KIND.abandoned}:${readText(m, 'Uniqueid') ?? ''}`, ...base,
      position: readInt(m, 'Position'), originalPosition: readInt(m, 'OriginalPosition'), holdTime: readInt(m, 'HoldTime'),
    }];
  }

  #completed(m: AmiMessage): DomainEvent[] {
    const agent = readAgent(m);
    if (agent === null) return this.#uncorrelated();
    const key = memberKey(readText(m, 'Queue'), agent.interface);
    const connected = this.#connected.get(key);
    const linkedid = readText(m, 'Linkedid') ?? readText(m, 'DestLinkedid') ?? connected?.linkedid ?? null;
    if (linkedid === null) return this.#uncorrelated();
    if (connected?.linkedid === linkedid) this.#connected.delete(key);
    const destUniqueid = readText(m, 'DestUniqueid') ?? (connected?.linkedid === linkedid ? connected.destUniqueid : null);
    const base = this.#base(m, linkedid);
    return [{
      kind: CALL_EVENT_KIND.completed, eventId: `${linkedid}:${CALL_EVENT_KIND.completed}:${destUniqueid ?? agent.interface}`, ...base,
      agent, holdTime: readInt(m, 'HoldTime'), talkTime: readInt(m, 'TalkTime'), reason: readReason(m),
    }];
  }

  /** The dialplan's own events ([yixian-overflow] in telephony/asterisk/extensions.conf); others are ignored. */
  #userEvent(m: AmiMessage): DomainEvent[] | null {
    const name = readText(m, 'UserEvent');
    if (name !== 'YixianOverflow' && name !== 'YixianCallbackRequest') return null;
    const linkedid = readText(m, 'Linkedid');
    if (linkedid === null) return this.#uncorrelated();
    const hotline = readText(m, 'Hotline');
    if (hotline !== null) this.#remember(this.#hotlines, linkedid, hotline);
    const base = { ...this.#base(m, linkedid), queue: null };
    const reason = readText(m, 'Reason')?.toLowerCase() ?? null;
    const caller = { callerNumber: readCallerId(m, 'CallerIDNum'), callerName: readCallerId(m, 'CallerIDName') };
    if (name === 'YixianCallbackRequest') {
      return [{ kind: CALL_EVENT_KIND.callbackRequested, eventId: `${linkedid}:${CALL_EVENT_KIND.callbackRequested}:${readText(m, 'Timestamp') ?? this.#next(`${linkedid}:cb`)}`, ...base, reason, ...caller }];
    }
    return [{
      kind: CALL_EVENT_KIND.overflow, eventId: `${linkedid}:${CALL_EVENT_KIND.overflow}:${readText(m, 'Timestamp') ?? this.#next(`${linkedid}:of`)}`, ...base,
      reason, target: readText(m, 'Target'), uniqueid: readText(m, 'Uniqueid'), ...caller,
    }];
  }

  #transferred(m: AmiMessage, transferType: 'blind' | 'attended'): DomainEvent[] {
    const prefixes = transferType === TRANSFER_TYPE.blind
      ? ['Transferee', 'Transferer'] : ['OrigTransferer', 'Transferee', 'SecondTransferer'];
    let linkedid: string | null = null;
    let leg: { agent: AgentRef; queue: string | null } | null = null;
    for (const prefix of prefixes) {
      linkedid ??= readText(m, `${prefix}Linkedid`);
      const uniqueid = readText(m, `${prefix}Uniqueid`);
      if (uniqueid !== null) leg ??= this.#agentLegs.get(uniqueid) ?? null;
    }
    if (linkedid === null) return this.#uncorrelated();
    const agent = leg?.agent ?? null;
    const base = { ...this.#base(m, linkedid), queue: leg?.queue ?? null };
    const extension = readText(m, 'Extension');
    const target = transferType === TRANSFER_TYPE.blind
      ? (extension === null ? null : `${extension}@${readText(m, 'Context') ?? ''}`)
      // Where the consultation went (as a blind transfer names it), else the target's number; a
      // target without caller ID (a desk on this PBX) shows `<unknown>`, never taken for a number.
      : (readText(m, 'TransferTargetExten') !== null ? `${readText(m, 'TransferTargetExten')}@${readText(m, 'TransferTargetContext') ?? ''}` : null)
        ?? readCallerId(m, 'TransferTargetCallerIDNum') ?? readCallerId(m, 'SecondTransfererConnectedLineNum');
    const who = readText(m, transferType === TRANSFER_TYPE.blind ? 'TransfererUniqueid' : 'OrigTransfererUniqueid');
    return [{
      kind: CALL_EVENT_KIND.transferred, eventId: `${linkedid}:${CALL_EVENT_KIND.transferred}:${who ?? this.#next(linkedid)}`, ...base,
      transferType, agent, target, result: readText(m, 'Result'),
    }];
  }

  #agentState(m: AmiMessage, fixed: AgentState | null): DomainEvent[] {
    const agent = readAgent(m);
    const queue = readText(m, 'Queue');
    if (agent === null || queue === null) return [];
    const timestamp = readText(m, 'Timestamp');
    const seconds = timestamp === null ? null : Number(timestamp);
    const key = memberKey(queue, agent.interface);
    let state = fixed ?? deriveAgentState(m, Number.isFinite(seconds) ? seconds : null);
    if (state === null) return [];
    // A Local/SIP member's device reads "in use" while it rings for a queue call.
    if (state === AGENT_STATE.busy && this.#ringing.has(key)) state = AGENT_STATE.ringing;
    if (state !== AGENT_STATE.busy && state !== AGENT_STATE.ringing) this.#ringing.delete(key);
    const isPaused = state === AGENT_STATE.paused;
    const pausedReason = isPaused ? readText(m, 'PausedReason') : null;
    // Paused during a call: the pause waits for the call's end (QueueMemberStatus says when).
    return this.#changeAgentState(m, queue, agent, state, pausedReason, isPaused && isMemberOnCall(m));
  }

  /**
   * Emit agent.state only when what the floor sees (domain `presentAgentState`, with the pause
   * reason) differs from what this connection last said for that member.
   */
  #changeAgentState(m: AmiMessage, queue: string, agent: AgentRef, state: AgentState, pausedReason: string | null, onCall = false): DomainEvent[] {
    const key = memberKey(queue, agent.interface);
    const signature = `${presentAgentState(state, pausedReason, onCall)}|${pausedReason ?? ''}`;
    if (this.#agentStates.get(key) === signature) return [];
    this.#remember(this.#agentStates, key, signature);
    const suffix = readText(m, 'Timestamp') ?? String(this.#next(`${key}:${signature}`));
    return [{
      kind: CALL_EVENT_KIND.agentState, eventId: `${CALL_EVENT_KIND.agentState}:${queue}:${agent.interface}:${state}${onCall ? '-on-call' : ''}:${suffix}`,
      at: readTimestamp(m) ?? this.#now().toISOString(), queue, agent, state, pausedReason, ...(onCall ? { onCall: true as const } : {}),
    }];
  }

  #uncorrelated(): DomainEvent[] {
    this.stats.uncorrelated++;
    return [];
  }

  #next(key: string): number {
    const n = (this.#sequence.get(key) ?? 0) + 1;
    this.#remember(this.#sequence, key, n);
    return n;
  }

  #remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#maxCalls) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
  }
}

function memberKey(queue: string | null, iface: string): string {
  return `${queue ?? ''}|${iface}`;
}

/** Live events say Interface/MemberName; QueueStatus list items say Location/Name. */
function readAgent(m: AmiMessage): AgentRef | null {
  const iface = readText(m, 'Interface') ?? readText(m, 'Location');
  if (iface === null) return null;
  return { interface: iface, memberName: readText(m, 'MemberName') ?? readText(m, 'Name') };
}

function readReason(m: AmiMessage): CompletionReason {
  const reason = readText(m, 'Reason');
  return reason === 'agent' || reason === 'caller' || reason === 'transfer' ? reason : COMPLETION_REASON.unknown;
}
