/**
 * Rebuilding state after the bridge lost sight of the PBX. Events emitted while disconnected
 * are never replayed, so on every connect (and after a PBX restart, `FullyBooted` with
 * `Uptime: 0`) the bridge asks for `CoreShowChannels` (calls still up) and `QueueStatus`
 * (agents and waiting callers) and rebuilds from what they carry:
 * - every member as the PBX lists it, whatever this connection said before (the normaliser
 *   forgets its "only on change" memory, so the next member event is never swallowed);
 * - every waiting caller (QueueEntry: caller ID, wait, position) as a `call.offered` dated
 *   PBX-now − wait, so the live queue shows them at once and a call first seen now has its caller;
 * - every talking call (caller channel in `Queue`, bridged to an `AppQueue` member leg) as offered
 *   and answered by that member, and taught to the normaliser so its AgentComplete correlates.
 * Events rebuilt here reuse the ids live events would have had (a replay is harmless) and are
 * marked `estimated`: they fill what a record lacks and never move times it already has.
 * Then the API is told which calls are still live, at the PBX's time; it closes the others.
 * A list that fails or stalls fails the resync; the bridge runs it again 5 s later while the link
 * is up (and every reconnect resyncs anyway).
 */
import { randomUUID } from 'node:crypto';
import {
  CALL_EVENT_KIND, readLiveCalls, readQueueMember,
  type AgentStateChanged, type AmiActionResult, type AmiClient, type AmiEventNormaliser, type DomainEvent, type LiveCall, type PbxClock,
} from '@yixian/ami';
import type { Logger } from 'pino';
import type { HandOff } from './hand-off.js';
import type { LiveState } from './live-state.js';

const LIST_TIMEOUT_MS = 10_000;

/**
 * One list action. A reply that stalls (seen right after a PBX restart) fails this resync; the
 * bridge tries a whole resync again shortly (bridge.ts), off the event chain, so a stalled list
 * never holds the events (or a newer connection's resync) behind it.
 */
function list(client: AmiClient, action: Record<string, string> & { Action: string }): Promise<AmiActionResult> {
  return client.action(action, { timeoutMs: LIST_TIMEOUT_MS });
}

const secondsBefore = (now: Date, seconds: number | null) => new Date(now.getTime() - Math.max(0, seconds ?? 0) * 1000).toISOString();

/** The events that tell the API (and the live queue) about a call the lists show. */
export function eventsForLiveCall(call: LiveCall, now: Date, queue: string): DomainEvent[] {
  const base = { linkedid: call.linkedid, hotline: call.hotline, queue: call.queue ?? queue, estimated: true };
  const offered = {
    ...base, kind: CALL_EVENT_KIND.offered, eventId: `${call.linkedid}:${CALL_EVENT_KIND.offered}:${call.queue ?? queue}:${call.caller.uniqueid}`,
    at: secondsBefore(now, call.phase === 'waiting' ? call.waitS : call.caller.durationS),
    uniqueid: call.caller.uniqueid, position: call.position, callerNumber: call.callerNumber, callerName: call.callerName,
  } as const;
  if (call.phase === 'waiting') return [offered];
  if (call.phase !== 'talking' || call.agentLeg === null || call.agentInterface === null) return [];
  return [offered, {
    ...base, kind: CALL_EVENT_KIND.answered, eventId: `${call.linkedid}:${CALL_EVENT_KIND.answered}:${call.agentLeg.uniqueid}`,
    at: secondsBefore(now, call.agentLeg.durationS), agent: { interface: call.agentInterface, memberName: call.agentName }, holdTime: null, ringTime: null,
  }];
}

export async function resyncFromPbx(deps: {
  client: AmiClient;
  normaliser: AmiEventNormaliser;
  handOff: HandOff;
  live: LiveState;
  clock: PbxClock;
  queue: string;
  restarted: boolean;
  log: Logger;
}): Promise<{ liveCalls: number; rebuilt: number }> {
  const { client, normaliser, handOff, live, clock, queue, restarted, log } = deps;
  const channels = await list(client, { Action: 'CoreShowChannels' });
  const status = await list(client, { Action: 'QueueStatus', Queue: queue });
  const now = clock.now();
  const at = now.toISOString();

  const agentStates: AgentStateChanged[] = [];
  for (const item of status.items) {
    if (item.event !== 'QueueMember') continue;
    const member = readQueueMember(item, now.getTime() / 1000);
    if (member === null) continue;
    agentStates.push({
      kind: CALL_EVENT_KIND.agentState, eventId: `${CALL_EVENT_KIND.agentState}:${member.queue}:${member.interface}:${member.state}:resync-${now.getTime()}`,
      at, queue: member.queue, agent: { interface: member.interface, memberName: member.memberName }, state: member.state, pausedReason: member.pausedReason,
      ...(member.paused && member.isOnCall ? { onCall: true as const } : {}),
    });
  }
  await live.resetAgents(agentStates);
  normaliser.forgetAgentStates();

  const calls = readLiveCalls(channels.items, status.items);
  const rebuilt: DomainEvent[] = [];
  for (const call of calls.values()) {
    normaliser.rememberCall({
      linkedid: call.linkedid, hotline: call.hotline, queue: call.queue ?? queue,
      agent: call.agentInterface === null ? null : { interface: call.agentInterface, memberName: call.agentName }, agentUniqueid: call.agentLeg?.uniqueid ?? null,
    });
    rebuilt.push(...eventsForLiveCall(call, now, queue));
  }
  if (rebuilt.length > 0) {
    await live.applyAll(rebuilt);
    await handOff.sendAll(rebuilt);
  }
  const liveLinkedids = new Set(calls.keys());
  await live.keepOnly(liveLinkedids);
  await handOff.sendResync({ eventId: `resync-${randomUUID()}`, at, liveLinkedids: [...liveLinkedids], restarted });
  log.info({ liveCalls: liveLinkedids.size, rebuilt: rebuilt.length, members: agentStates.length, restarted, clockOffsetMs: Math.round(clock.offsetMs) }, 'resynced from PBX');
  return { liveCalls: liveLinkedids.size, rebuilt: rebuilt.length };
}
