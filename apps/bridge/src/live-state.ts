/**
 * The PBX's live state in Redis, kept by its bridge: who waits (per call) and each agent's
 * state, plus a pub/sub push for the consoles. The API reads these for `/api/queue/live`.
 * No personal data: waiting calls carry the hotline and times, never the caller.
 */
import type { Redis } from 'ioredis';
import type { AgentStateChanged, DomainEvent } from '@yixian/ami';
import { maskPhone } from '@yixian/domain';
import { liveAgentsKey, liveChannel, liveWaitingKey } from '@yixian/runtime';

/** Masked caller numbers of calls in the queue, for the screen pop; bounded. */
const MAX_REMEMBERED = 10_000;

export function createLiveState(redis: Redis, prefix: string, pbxId: string) {
  const waiting = liveWaitingKey(prefix, pbxId);
  const agents = liveAgentsKey(prefix, pbxId);
  const publish = (payload: object, topic = 'queue') => redis.publish(liveChannel(prefix, topic), JSON.stringify({ pbxId, ...payload }));
  const maskedCallers = new Map<string, string | null>();

  return {
    async apply(event: DomainEvent): Promise<void> {
      switch (event.kind) {
        case 'call.offered':
          maskedCallers.set(event.linkedid, event.callerNumber ? maskPhone(event.callerNumber) : null);
          if (maskedCallers.size > MAX_REMEMBERED) maskedCallers.delete(maskedCallers.keys().next().value!);
          await redis.hset(waiting, event.linkedid, JSON.stringify({ hotline: event.hotline, since: event.at, position: event.position }));
          break;
        case 'call.ringing':
          // The screen pop: straight to the ringing agent's console, before any database write.
          await publish({
            type: 'call.ringing', at: event.at, linkedid: event.linkedid, hotline: event.hotline,
            callerNumber: maskedCallers.get(event.linkedid) ?? null,
          }, `agent:${event.agent.interface}`);
          break;
        case 'call.answered':
          await redis.hdel(waiting, event.linkedid);
          break;
        case 'call.abandoned':
        case 'call.completed':
        case 'call.transferred':
          maskedCallers.delete(event.linkedid);
          await redis.hdel(waiting, event.linkedid);
          break;
        case 'agent.state':
          await this.setAgent(event);
          break;
        default:
          break;
      }
      const { kind, at } = event;
      const base = { type: kind, at };
      if (event.kind === 'agent.state') await publish({ ...base, agent: event.agent, state: event.state, pausedReason: event.pausedReason });
      else await publish({ ...base, linkedid: event.linkedid, hotline: event.hotline, agent: 'agent' in event ? event.agent : null });
    },

    async setAgent(event: AgentStateChanged): Promise<void> {
      if (event.state === 'logged_out') {
        await redis.hdel(agents, event.agent.interface);
        return;
      }
      // A member just added and not paused is ready to take calls: show it so.
      const state = event.state === 'logged_in' ? 'ready' : event.state;
      await redis.hset(agents, event.agent.interface, JSON.stringify({
        memberName: event.agent.memberName, state, pausedReason: event.pausedReason, since: event.at, queue: event.queue,
      }));
    },

    /** After a resync: drop waiting calls the PBX no longer has. */
    async keepOnly(liveLinkedids: Set<string>): Promise<void> {
      const known = await redis.hkeys(waiting);
      const gone = known.filter((linkedid) => !liveLinkedids.has(linkedid));
      if (gone.length > 0) await redis.hdel(waiting, ...gone);
      await publish({ type: 'pbx.resync', at: new Date().toISOString() });
    },

    async clearAgents(): Promise<void> {
      await redis.del(agents);
    },
  };
}

export type LiveState = ReturnType<typeof createLiveState>;
