/**
 * The deployment's state as `/metrics` reads it at scrape time from Redis, whatever process keeps
 * it: every queue's depth and oldest wait (the bridges' command queues too), each PBX's link, the
 * live queue (calls waiting, the longest wait, agents by state, as the bridges keep it) and the
 * reconciler's open differences; and from PostgreSQL, the outbox's backlog (`readOutboxBacklog`). Read at scrape time rather than published by a process, so a
 * dead worker or bridge shows as a growing queue or a link down, not as silence. No label holds
 * personal data: queues, PBX ids, hotline-free counts and agent states only.
 */
import { Gauge, Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import type { PrismaClient } from '@yixian/db';
import { AGENT_STATE_VALUES } from '@yixian/domain';
import { liveAgentsKey, liveWaitingKey, pbxCommandsQueue, readHeartbeats, readPbxLink, type MetricsSnapshot } from '@yixian/runtime';
import { QUEUES } from '../../jobs/registry.js';
import { readQueueDepths } from '../../jobs/read-queue-depths.js';
import { readReconcilerStatus } from '../accounting/reconciler-status.js';
import { readOutboxBacklog } from '../outbox/outbox-backlog.js';

export interface ClusterMetricsDeps {
  redis: Redis;
  redisPrefix: string;
  /** The primary, for the outbox's backlog. */
  prisma: PrismaClient;
  /** The configured PBX (PBX_ID): always reported, its link down when no bridge ever wrote it. */
  pbxId: string;
  now?: number;
}

function gauge(registry: Registry, name: string, help: string, labelNames: readonly string[] = []) {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

async function addQueues(registry: Registry, deps: ClusterMetricsDeps, pbxIds: string[]): Promise<void> {
  const names = [...QUEUES.map((queue) => queue.name), ...pbxIds.map(pbxCommandsQueue)];
  const jobs = gauge(registry, 'yixian_queue_jobs', 'Jobs in a BullMQ queue by state (waiting, active, delayed, failed and kept)', ['queue', 'state']);
  const oldest = gauge(registry, 'yixian_queue_oldest_waiting_seconds', 'Seconds the oldest ready job of a queue has waited for a worker (0 when none waits)', ['queue']);
  for (const depth of await readQueueDepths(deps.redis, deps.redisPrefix, names, deps.now)) {
    for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) jobs.set({ queue: depth.name, state }, depth[state]);
    oldest.set({ queue: depth.name }, depth.oldestWaitSeconds);
  }
}

async function addPbx(registry: Registry, deps: ClusterMetricsDeps, pbxIds: string[], beating: Set<string>, now: number): Promise<void> {
  const linkUp = gauge(registry, 'yixian_pbx_link_up', 'The AMI link of a PBX as its bridge reports it: 1 up, 0 down or no bridge beating', ['pbx']);
  const lastEvent = gauge(registry, 'yixian_pbx_last_event_age_seconds', 'Seconds since the bridge last read an AMI event from the PBX (written every 5 s)', ['pbx']);
  const waiting = gauge(registry, 'yixian_calls_waiting', 'Calls waiting in the queue now', ['pbx']);
  const longest = gauge(registry, 'yixian_calls_longest_wait_seconds', 'The longest wait of a caller in the queue now (0 when none waits)', ['pbx']);
  const agents = gauge(registry, 'yixian_agents', 'Signed-in agents by state, as the live queue shows them', ['pbx', 'state']);
  for (const pbx of pbxIds) {
    const [link, waitingHash, agentsHash] = await Promise.all([
      readPbxLink(deps.redis, deps.redisPrefix, pbx),
      deps.redis.hgetall(liveWaitingKey(deps.redisPrefix, pbx)),
      deps.redis.hgetall(liveAgentsKey(deps.redisPrefix, pbx)),
    ]);
    linkUp.set({ pbx }, link?.connected && beating.has(pbx) ? 1 : 0);
    if (link?.lastEventAt) lastEvent.set({ pbx }, Math.max(0, (now - Date.parse(link.lastEventAt)) / 1000));
    const waits = Object.values(waitingHash).map((raw) => Math.max(0, (now - Date.parse((JSON.parse(raw) as { since: string }).since)) / 1000));
    waiting.set({ pbx }, waits.length);
    longest.set({ pbx }, waits.length > 0 ? Math.max(...waits.filter(Number.isFinite), 0) : 0);
    const byState = new Map<string, number>(AGENT_STATE_VALUES.filter((state) => state !== 'logged_out').map((state) => [state, 0]));
    for (const raw of Object.values(agentsHash)) {
      const { state } = JSON.parse(raw) as { state: string };
      byState.set(state, (byState.get(state) ?? 0) + 1);
    }
    for (const [state, count] of byState) agents.set({ pbx, state }, count);
  }
}

async function addReconciler(registry: Registry, deps: ClusterMetricsDeps, now: number): Promise<void> {
  const { lastRun } = await readReconcilerStatus(deps.redis, deps.redisPrefix);
  if (!lastRun) return;
  gauge(registry, 'yixian_reconcile_open_differences', 'Differences between Yixian\'s call records and the PBX accounting still open after the last reconcile run').set(lastRun.open);
  gauge(registry, 'yixian_reconcile_last_run_age_seconds', 'Seconds since the accounting reconciler last finished a run').set(Math.max(0, (now - Date.parse(lastRun.at)) / 1000));
}

async function addOutbox(registry: Registry, deps: ClusterMetricsDeps, now: number): Promise<void> {
  const backlog = await readOutboxBacklog(deps.prisma, new Date(now));
  gauge(registry, 'yixian_outbox_overdue_seconds', 'Seconds the oldest outbox row has waited past its time (an untimed row since it was written, a deadline step since it fell due) without being handed over; 0 when none').set(backlog.overdueSeconds);
  gauge(registry, 'yixian_outbox_given_up_rows', 'Outbox rows left after their last failed hand-over (each logged with its error)').set(backlog.givenUp);
}

/** The deployment-wide gauges, read now; served by whichever API copy is scraped. */
export async function collectClusterMetrics(deps: ClusterMetricsDeps): Promise<MetricsSnapshot> {
  const now = deps.now ?? Date.now();
  const registry = new Registry();
  // The configured PBX and every PBX whose bridge is beating.
  const bridges = new Set((await readHeartbeats(deps.redis, deps.redisPrefix, now)).filter((beat) => beat.kind === 'bridge').map((beat) => beat.id));
  const pbxIds = [...new Set([deps.pbxId, ...bridges])].sort();
  await Promise.all([addQueues(registry, deps, pbxIds), addPbx(registry, deps, pbxIds, bridges, now), addReconciler(registry, deps, now), addOutbox(registry, deps, now)]);
  return registry.getMetricsAsJSON();
}
