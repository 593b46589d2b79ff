/**
 * Who forced an agent's current state (a shift lead's pause or sign-out, see
 * force-agent-state.ts), kept in Redis beside the live state until the agent changes it.
 */
import type { FastifyInstance } from 'fastify';
import type { ForcedBy } from './agents.schemas.js';

/** Redis hash: interface → who forced the agent's current state, and why. */
export const agentForcedKey = (prefix: string, pbxId: string) => `${prefix}agent-forced:${pbxId}`;

/** Who forced this interface's current state, if the agent has not changed it since. */
export async function readForcedBy(app: FastifyInstance, iface: string): Promise<ForcedBy | null> {
  const raw = await app.redis.hget(agentForcedKey(app.config.redisPrefix, app.config.pbxId), iface);
  return raw ? (JSON.parse(raw) as ForcedBy) : null;
}

/** The agent changed state themselves: the shift lead's word no longer stands. */
export async function clearForcedBy(app: FastifyInstance, iface: string): Promise<void> {
  await app.redis.hdel(agentForcedKey(app.config.redisPrefix, app.config.pbxId), iface);
}
