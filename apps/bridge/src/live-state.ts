/**
 * The PBX's live state in Redis, kept by its bridge: who waits (per call) and each agent's
 * state, plus a pub/sub push for the consoles. The API reads these for `/api/queue/live`.
 * No personal data: waiting calls carry the hotline and times, never the caller.
 *
 * Events are applied in batches on one pipeline (one round trip for many events): under a
 * burst the bridge must keep up with Asterisk, not wait on Redis once per event.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { AgentStateChanged, DomainEvent } from '@yixian/ami';
import { maskPhone } from '@yixian/domain';
import { liveAgentsKey, liveChannel, liveWaitingKey } from '@yixian/runtime';

/** Masked caller numbers of calls in the queue, for the screen pop; bounded. */
const MAX_REMEMBERED = 10_000;

export function createLiveState(redis: Redis, prefix: string, pbxId: string) {
  const waiting = liveWaitingKey(prefix, pbxId);
  const agents = liveAgentsKey(prefix, pbxId);
  const maskedCallers = new Map<string, string | null>();
  const publish = (pipe: ChainableCommander, payload: object, topic = 'queue') =>
    pipe.publish(liveChannel(prefix, topic), JSON.stringify({ pbxId, ...payload }));

  function setAgent(pipe: ChainableCommander, event: AgentStateChanged): void {
    if (event.state === 'logged_out') {
      pipe.hdel(agents, event.agent.interface);
      return;
    }
    // A member just added and not paused is ready to take calls: show it so.
    const state = event.state === 'logged_in' ? 'ready' : event.state;
    pipe.hset(agents, event.agent.interface, JSON.stringify({
      memberName: event.agent.memberName, state, pausedReason: event.pausedReason, since: event.at, queue: event.queue,
    }));
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
        maskedCallers.delete(event.linkedid);
        pipe.hdel(waiting, event.linkedid);
        break;
      case 'agent.state':
        setAgent(pipe, event);
        break;
      default:
        break;
    }
    const base = { type: event.kind, at: event.at };
    if (event.kind === 'agent.state') publish(pipe, { ...base, agent: event.agent, state: event.state, pausedReason: event.pausedReason });
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
