/**
 * What follows an incident's transaction once it has committed: the live push on topic `incidents`,
 * the outbox nudge (inbox entries, texts, unit pushes written in the transaction), the alert calls to
 * place and the retries to schedule. Collected during the transaction, run after it.
 */
import { liveChannel } from '@yixian/runtime';
import { nudgeOutbox } from '../outbox/add-to-outbox.js';
import type { IncidentDeps } from './incident-deps.js';

export interface CallStep { activationId: string; target: 'on_duty' | 'deputy'; attempt: number }
export interface RetryStep extends CallStep { dueAt: Date }

export interface Effects {
  incidentIds: Set<string>;
  calls: CallStep[];
  retries: RetryStep[];
}

export function newEffects(): Effects {
  return { incidentIds: new Set(), calls: [], retries: [] };
}

/** `{ type: 'incident.changed', incidentId, code, state, level }` to the centre's consoles. */
export async function pushIncidentsChanged(deps: IncidentDeps, incidentIds: Iterable<string>): Promise<void> {
  const ids = [...incidentIds];
  if (ids.length === 0) return;
  const rows = await deps.prisma.incident.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, state: true, level: true } });
  for (const row of rows) {
    await deps.redis.publish(liveChannel(deps.config.redisPrefix, 'incidents'), JSON.stringify({
      type: 'incident.changed', incidentId: row.id, code: row.code, state: row.state, level: row.level,
    }));
  }
}

/** Runs the collected effects; alert calls run one after another (each may lead to the next: an escalation). */
export async function runEffects(deps: IncidentDeps, effects: Effects): Promise<void> {
  await nudgeOutbox(deps.redis, deps.config.redisPrefix);
  const { callActivation, scheduleRetry } = await import('./activation-calls.js');
  const pushed = new Set(effects.incidentIds);
  for (const retry of effects.retries) await scheduleRetry(deps, retry);
  const queue = [...effects.calls];
  while (queue.length > 0) {
    const next = await callActivation(deps, queue.shift()!);
    queue.push(...next.calls);
    for (const retry of next.retries) await scheduleRetry(deps, retry);
    for (const id of next.incidentIds) pushed.add(id);
  }
  await pushIncidentsChanged(deps, pushed);
}
