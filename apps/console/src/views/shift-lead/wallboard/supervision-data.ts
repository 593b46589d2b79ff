import type { QueueAlarm } from '#/api/supervision';
import type { AgentEntry } from '#/stores/queue.store';
import { formatRate, formatSeconds } from './data';

/** Listening in needs a call in progress: the agent talks. */
export function canListen(agent: Pick<AgentEntry, 'state'>): boolean {
  return agent.state === 'busy';
}

/** How the API names an agent: the Yixian account, else the queue interface of a PBX-only member. */
export function agentIdOf(agent: Pick<AgentEntry, 'userId' | 'interface'>): string {
  return agent.userId ?? agent.interface;
}

/** The words key of a refused supervision request: `agent_in_call` for a sign-out during a call, else the API's code. */
export function supervisionErrorOf(error: { code: string; details: Readonly<Record<string, unknown>> }): string {
  const reason = (error.details.details as { reason?: unknown } | undefined)?.reason;
  return error.code === 'conflict' && reason === 'agent_in_call' ? 'agent_in_call' : error.code;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** An alarm in words with its figure and unit: `排队告警：最长等待已达 42 秒，超过 15 秒`. */
export function describeAlarm(alarm: QueueAlarm, windowMinutes: number, t: Translate): string {
  const units = { s: t('wallboard.seconds'), min: t('wallboard.minutes') };
  if (alarm.kind === 'long_wait') {
    return t('supervision.alarms.long_wait', { value: formatSeconds(alarm.value, units), threshold: formatSeconds(alarm.threshold, units) });
  }
  return t('supervision.alarms.low_service_level', {
    window: windowMinutes, value: formatRate(alarm.value), threshold: `${Math.round(alarm.threshold * 100)}%`, answered: alarm.answered ?? 0,
  });
}

/** A new alarm kind appeared since the last report: the moment to sound. */
export function hasNewAlarm(before: readonly QueueAlarm[], now: readonly QueueAlarm[]): boolean {
  const known = new Set(before.map((alarm) => alarm.kind));
  return now.some((alarm) => !known.has(alarm.kind));
}
