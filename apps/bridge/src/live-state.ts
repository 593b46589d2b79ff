/**
 * The PBX's live state in Redis, kept by its bridge: who waits (per call) and each agent's
 * state, plus a pub/sub push for the consoles. The API reads these for `/api/queue/live`.
 * No personal data: waiting calls carry the hotline and times, never the caller.
 *
 * Events are applied in batches on one pipeline (one round trip for many events): under a
 * burst the bridge must keep up with Asterisk, not wait on Redis once per event.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { AgentStateChanged, DomainEvent, QueueMemberSnapshot } from '@yixian/ami';
import { maskPhone, presentAgentState } from '@yixian/domain';
import { liveAgentsKey, liveChannel, liveWaitingKey } from '@yixian/runtime';

/** Masked caller numbers of calls in the queue, for the screen pop; bounded. */
const MAX_REMEMBERED = 10_000;

/**
 * An agent's state as a command read it from QueueStatus (not an event): written, and pushed to
 * the consoles, only where the live state disagrees, so time in state is kept when it agrees.
 */
export interface AgentRepair extends AgentStateChanged {
  repair: true;
}

/** The repair for what QueueStatus said about `iface` (null: not a member). A pause dates from `LastPause`. */
export function agentRepairFrom(member: QueueMemberSnapshot | null, iface: string, queue: string, lastPause: number | null, now = new Date()): AgentRepair {
  const at = member?.paused && lastPause ? new Date(lastPause * 1000) : now;
  return {
    kind: 'agent.state', eventId: `agent.repair:${iface}:${now.getTime()}`, at: at.toISOString(), queue,
    agent: { interface: iface, memberName: member?.memberName ?? null },
    state: member?.state ?? 'logged_out', pausedReason: member?.pausedReason ?? null, ...(member?.paused && member.isOnCall ? { onCall: true as const } : {}), repair: true,
  };
}

const isRepair = (event: DomainEvent): event is AgentRepair => event.kind === 'agent.state' && (event as Partial<AgentRepair>).repair === true;

/** KEYS[1] agents hash; ARGV iface, entry JSON ('' = remove), state, paused reason, channel, message. */
const REPAIR_AGENT_SCRIPT = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  if not current then return 0 end
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  if current then
    local ok, entry = pcall(cjson.decode, current)
    if ok and type(entry) == 'table' then
      local reason = entry.pausedReason
      if type(reason) ~= 'string' then reason = '' end
      if entry.state == ARGV[3] and reason == ARGV[4] then return 0 end
    end
  end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1`;

export function createLiveState(redis: Redis, prefix: string, pbxId: string) {
  const waiting = liveWaitingKey(prefix, pbxId);
  const agents = liveAgentsKey(prefix, pbxId);
  const maskedCallers = new Map<string, string | null>();
  const publish = (pipe: ChainableCommander, payload: object, topic = 'queue') =>
    pipe.publish(liveChannel(prefix, topic), JSON.stringify({ pbxId, ...payload }));

  /** The hash entry for an agent (null: logged out); after-call work shows as wrap-up. */
  // What the floor sees (domain presentAgentState): a pause taken during a call shows as busy,
  // its reason kept as the pause pending; after-call work as wrap_up.
  const shownState = (event: AgentStateChanged) => presentAgentState(event.state, event.pausedReason, event.onCall === true);
  const agentEntry = (event: AgentStateChanged) => (event.state === 'logged_out' ? null : {
    memberName: event.agent.memberName, state: shownState(event), pausedReason: event.pausedReason, since: event.at, queue: event.queue,
  });
  const agentMessage = (event: AgentStateChanged) => ({
    type: event.kind, at: event.at, agent: event.agent, state: shownState(event), pausedReason: event.pausedReason,
  });

  function setAgent(pipe: ChainableCommander, event: AgentStateChanged): void {
    const entry = agentEntry(event);
    if (entry === null) pipe.hdel(agents, event.agent.interface);
    else pipe.hset(agents, event.agent.interface, JSON.stringify(entry));
  }

  function repairAgent(pipe: ChainableCommander, event: AgentRepair): void {
    const entry = agentEntry(event);
    pipe.eval(
      REPAIR_AGENT_SCRIPT, 1, agents, event.agent.interface, entry ? JSON.stringify(entry) : '', entry?.state ?? '', event.pausedReason ?? '',
      liveChannel(prefix, 'queue'), JSON.stringify({ pbxId, ...agentMessage(event) }),
    );
  }

  function applyTo(pipe: ChainableCommander, event: DomainEvent): void {
    switch (event.kind) {
      case 'call.offered':
        maskedCallers.set(event.linkedid, event.callerNumber ? maskPhone(event.callerNumber) : null);
        if (maskedCallers.size > MAX_REMEMBERED) maskedCallers.delete(maskedCallers.keys().next().value!);
        pipe.hset(waiting, event.linkedid, JSON.stringify({ hotline: event.hotline, since: event.at, position: event.position }));
        break;
      case 'call.ringing':
        // The screen pop: straight to the ringing agent's console, before any database write.
        publish(pipe, {
          type: 'call.ringing', at: event.at, linkedid: event.linkedid, hotline: event.hotline,
          callerNumber: maskedCallers.get(event.linkedid) ?? null,
        }, `agent:${event.agent.interface}`);
        break;
      case 'call.answered':
        pipe.hdel(waiting, event.linkedid);
        break;
      case 'call.abandoned':
      case 'call.completed':
      case 'call.transferred':
      case 'call.overflow':
        maskedCallers.delete(event.linkedid);
        pipe.hdel(waiting, event.linkedid);
        break;
      case 'agent.state':
        if (isRepair(event)) {
          repairAgent(pipe, event);
          return;
        }
        setAgent(pipe, event);
        break;
      default:
        break;
    }
    const base = { type: event.kind, at: event.at };
    if (event.kind === 'agent.state') publish(pipe, agentMessage(event));
    else publish(pipe, { ...base, linkedid: event.linkedid, hotline: event.hotline, agent: 'agent' in event ? event.agent : null });
  }

  async function run(pipe: ChainableCommander): Promise<void> {
    const results = await pipe.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }

  return {
    /** Applies a batch of events in order, in one round trip. */
    async applyAll(events: readonly DomainEvent[]): Promise<void> {
      const pipe = redis.pipeline();
      for (const event of events) applyTo(pipe, event);
      await run(pipe);
    },

    async apply(event: DomainEvent): Promise<void> {
      await this.applyAll([event]);
    },

    /** Replaces every agent's state with what the PBX lists (after a resync). */
    async resetAgents(events: readonly AgentStateChanged[]): Promise<void> {
      const pipe = redis.multi().del(agents);
      for (const event of events) setAgent(pipe, event);
      await run(pipe);
    },

    /** After a resync: drop waiting calls the PBX no longer has. */
    async keepOnly(liveLinkedids: Set<string>): Promise<void> {
      const known = await redis.hkeys(waiting);
      const gone = known.filter((linkedid) => !liveLinkedids.has(linkedid));
      const pipe = redis.pipeline();
      if (gone.length > 0) pipe.hdel(waiting, ...gone);
      publish(pipe, { type: 'pbx.resync', at: new Date().toISOString() });
      await run(pipe);
    },
  };
}

export type LiveState = ReturnType<typeof createLiveState>;
