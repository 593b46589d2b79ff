/**
 * Queue alarms for the shift lead's wallboard: a caller has waited too long, or too few calls
 * were answered in time over the last minutes. Pure rules; the API feeds them the live queue
 * and the call records and pushes the result (apps/api/src/modules/wallboard/queue-alarms.ts).
 */
import { computeServiceLevel, isWithinThreshold, TIMELY_ANSWER_SECONDS } from './call-kpi';

export const QUEUE_ALARM_KINDS = { long_wait: 'long_wait', low_service_level: 'low_service_level' } as const;
export type QueueAlarmKind = (typeof QUEUE_ALARM_KINDS)[keyof typeof QUEUE_ALARM_KINDS];

export interface QueueAlarmThresholds {
  /** Raised when the longest wait passes this many seconds (strictly more). Default 15. */
  waitSeconds: number;
  /** Raised when the service level falls under this fraction (strictly less). Default 0.8. */
  serviceLevel: number;
  /** The service level's window, in minutes, ending now. Default 15. */
  windowMinutes: number;
  /** A call counts as answered in time when its wait is at most this (the 15 s norm). */
  answerSeconds: number;
}

export const DEFAULT_QUEUE_ALARM_THRESHOLDS: QueueAlarmThresholds = {
  waitSeconds: 15, serviceLevel: 0.8, windowMinutes: 15, answerSeconds: TIMELY_ANSWER_SECONDS,
};

export interface QueueAlarm {
  kind: QueueAlarmKind;
  /** Seconds of the longest wait, or the service level as a fraction. */
  value: number;
  threshold: number;
  /** When the condition began (ISO): the moment the wait passed the threshold, or when the level was first seen low. */
  since: string;
  /** For the service level: the answered calls it rests on. */
  answered?: number;
}

export interface AnsweredCall {
  answeredAt: Date;
  waitSeconds: number;
}

/**
 * The service level (answered within `answerSeconds` / answered, as Asterisk and
 * {@link computeServiceLevel} count it) over the calls answered in the window
 * (now − windowMinutes, now]; a call answered exactly at the window's start is out.
 */
export function computeWindowServiceLevel(calls: readonly AnsweredCall[], now: Date, thresholds: QueueAlarmThresholds) {
  const from = now.getTime() - thresholds.windowMinutes * 60_000;
  const inWindow = calls.filter((call) => call.answeredAt.getTime() > from && call.answeredAt.getTime() <= now.getTime());
  const within = inWindow.filter((call) => isWithinThreshold(call.waitSeconds, thresholds.answerSeconds)).length;
  return { answered: inWindow.length, answeredWithinThreshold: within, serviceLevel: computeServiceLevel({ answeredWithinThreshold: within, answered: inWindow.length }) };
}

export interface QueueAlarmInput {
  now: Date;
  /** When the caller waiting longest entered the queue (ISO), or null when nobody waits. */
  oldestWaitingSince: string | null;
  answeredCalls: readonly AnsweredCall[];
  thresholds: QueueAlarmThresholds;
  /** The alarms raised at the previous evaluation: a condition that lasts keeps its start. */
  previous?: readonly QueueAlarm[];
}

/**
 * The alarms standing now. No caller waiting or no call answered in the window raises
 * nothing (no figure to judge); exactly at a threshold raises nothing either.
 */
export function evaluateQueueAlarms(input: QueueAlarmInput): QueueAlarm[] {
  const { now, thresholds } = input;
  const before = new Map((input.previous ?? []).map((alarm) => [alarm.kind, alarm]));
  const alarms: QueueAlarm[] = [];
  if (input.oldestWaitingSince) {
    const enteredMs = Date.parse(input.oldestWaitingSince);
    const waited = Math.max(0, Math.floor((now.getTime() - enteredMs) / 1000));
    if (waited > thresholds.waitSeconds) {
      alarms.push({
        kind: QUEUE_ALARM_KINDS.long_wait, value: waited, threshold: thresholds.waitSeconds,
        since: before.get(QUEUE_ALARM_KINDS.long_wait)?.since ?? new Date(enteredMs + thresholds.waitSeconds * 1000).toISOString(),
      });
    }
  }
  const level = computeWindowServiceLevel(input.answeredCalls, now, thresholds);
  if (level.serviceLevel !== null && level.serviceLevel < thresholds.serviceLevel) {
    alarms.push({
      kind: QUEUE_ALARM_KINDS.low_service_level, value: level.serviceLevel, threshold: thresholds.serviceLevel, answered: level.answered,
      since: before.get(QUEUE_ALARM_KINDS.low_service_level)?.since ?? now.toISOString(),
    });
  }
  return alarms;
}
