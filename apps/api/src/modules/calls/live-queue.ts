/**
 * The live queue as supervisors and agents see it: waiting calls per hotline, the longest
 * wait, and every agent's state with time in state and pause reason. Read from the state
 * each bridge keeps in Redis, across every PBX that is beating.
 */
import type { Redis } from 'ioredis';
import type { PrismaClient } from '@yixian/db';
import { liveAgentsKey, liveWaitingKey, readHeartbeats } from '@yixian/runtime';

interface WaitingEntry { hotline: string | null; since: string; position: number | null }
interface AgentEntry { memberName: string | null; state: string; pausedReason: string | null; since: string; queue: string }

const seconds = (from: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1000));

/** Every PBX id a bridge beat for, plus the configured one (its bridge may be starting). */
async function pbxIds(redis: Redis, prefix: string, configured: string): Promise<string[]> {
  const beats = await readHeartbeats(redis, prefix);
  return [...new Set([configured, ...beats.filter((beat) => beat.kind === 'bridge').map((beat) => beat.id)])];
}

export async function readLiveQueue(deps: { redis: Redis; prisma: PrismaClient; prefix: string; pbxId: string; interfaceTemplate: string; now: Date }) {
  const { redis, prisma, prefix, now } = deps;
  const ids = await pbxIds(redis, prefix, deps.pbxId);
  const waiting: (WaitingEntry & { linkedid: string; pbxId: string; waitSeconds: number })[] = [];
  const agents: (AgentEntry & { interface: string; pbxId: string; secondsInState: number })[] = [];
  for (const pbxId of ids) {
    const [waitingHash, agentsHash] = await Promise.all([redis.hgetall(liveWaitingKey(prefix, pbxId)), redis.hgetall(liveAgentsKey(prefix, pbxId))]);
    for (const [linkedid, raw] of Object.entries(waitingHash)) {
      const entry = JSON.parse(raw) as WaitingEntry;
      waiting.push({ ...entry, linkedid, pbxId, waitSeconds: seconds(entry.since, now) });
    }
    for (const [iface, raw] of Object.entries(agentsHash)) {
      const entry = JSON.parse(raw) as AgentEntry;
      agents.push({ ...entry, interface: iface, pbxId, secondsInState: seconds(entry.since, now) });
    }
  }
  // Name the agents that are Yixian users (interface built from their extension).
  const [head, tail] = deps.interfaceTemplate.split('{extension}') as [string, string];
  const extensions = agents.map((a) => a.interface).filter((i) => i.startsWith(head) && i.endsWith(tail)).map((i) => i.slice(head.length, i.length - tail.length));
  const users = extensions.length
    ? await prisma.user.findMany({ where: { extension: { in: extensions } }, select: { id: true, displayName: true, extension: true } })
    : [];
  const byInterface = new Map(users.map((u) => [`${head}${u.extension}${tail}`, u]));
  const byHotline: Record<string, number> = {};
  for (const call of waiting) byHotline[call.hotline ?? 'unknown'] = (byHotline[call.hotline ?? 'unknown'] ?? 0) + 1;
  waiting.sort((a, b) => b.waitSeconds - a.waitSeconds);
  return {
    at: now.toISOString(),
    waitingCount: waiting.length,
    longestWaitSeconds: waiting[0]?.waitSeconds ?? 0,
    byHotline,
    waiting,
    agents: agents
      .map((agent) => ({ ...agent, userId: byInterface.get(agent.interface)?.id ?? null, displayName: byInterface.get(agent.interface)?.displayName ?? agent.memberName }))
      .sort((a, b) => a.interface.localeCompare(b.interface)),
  };
}

/** An agent's queue interface from the deployment's template. */
export function agentInterfaceOf(template: string, extension: string): string {
  return template.replace('{extension}', extension);
}
