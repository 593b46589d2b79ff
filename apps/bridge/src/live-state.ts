/**
 * The PBX's live state in Redis, kept by its bridge: who waits (per call) and each agent's
 * state, plus a pub/sub push for the consoles. The API reads these for `/api/queue/live`.
 * No personal data: waiting calls carry the hotline and times, never the caller.
 */
import type { Redis } from 'ioredis';
import type { AgentStateChanged, DomainEvent } from '@yixian/ami';
import { liveChannel } from '@yixian/runtime';

export const waitingKey = (prefix: string, pbxId: string) => `${prefix}live:waiting:${pbxId}`;
export const agentsKey = (prefix: string, pbxId: string) => `${prefix}live:agents:${pbxId}`;

export function createLiveState(redis: Redis, prefix: string, pbxId: string) {
  const waiting = waitingKey(prefix, pbxId);
  const agents = agentsKey(prefix, pbxId);
  const publish = (payload: object) => redis.publish(liveChannel(prefix, 'queue'), JSON.stringify({ pbxId, ...payload }));

  return {
    async apply(event: DomainEvent): Promise<void> {
      switch (event.kind) {
        case 'call.offered':
          await redis.hset(waiting, event.linkedid, JSON.stringify({ hotline: event.hotline, since: event.at, position: event.position }));
          break;
        case 'call.answered':
        case 'call.abandoned':
        case 'call.completed':
        case 'call.transferred':
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
      await redis.hset(agents, event.agent.interface, JSON.stringify({
        memberName: event.agent.memberName, state: event.state, pausedReason: event.pausedReason, since: event.at, queue: event.queue,
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
