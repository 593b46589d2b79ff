import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_ALARM_THRESHOLDS as T, computeWindowServiceLevel, evaluateQueueAlarms, type AnsweredCall } from './queue-alarms';

const now = new Date('2026-03-02T02:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const answered = (secondsAgo: number, waitSeconds: number): AnsweredCall => ({ answeredAt: ago(secondsAgo), waitSeconds });
/** `inTime` calls answered within 15 s and `late` after, all inside the window. */
const calls = (inTime: number, late: number) => [
  ...Array.from({ length: inTime }, (_, i) => answered(60 + i, 5)),
  ...Array.from({ length: late }, (_, i) => answered(60 + i, 40)),
];

describe('evaluateQueueAlarms', () => {
  it('raises nothing with no calls at all', () => {
    expect(evaluateQueueAlarms({ now, oldestWaitingSince: null, answeredCalls: [], thresholds: T })).toEqual([]);
  });

  it('raises the long wait only once the wait passes the threshold, dated when it passed', () => {
    expect(evaluateQueueAlarms({ now, oldestWaitingSince: ago(15).toISOString(), answeredCalls: [], thresholds: T })).toEqual([]);
    const [alarm] = evaluateQueueAlarms({ now, oldestWaitingSince: ago(16).toISOString(), answeredCalls: [], thresholds: T });
    expect(alarm).toEqual({ kind: 'long_wait', value: 16, threshold: 15, since: ago(1).toISOString() });
  });

  it('keeps the start of a lasting condition from the previous evaluation', () => {
    const previous = [{ kind: 'long_wait' as const, value: 20, threshold: 15, since: ago(300).toISOString() }];
    const [alarm] = evaluateQueueAlarms({ now, oldestWaitingSince: ago(30).toISOString(), answeredCalls: [], thresholds: T, previous });
    expect(alarm?.since).toBe(ago(300).toISOString());
  });

  it('does not raise the service level at exactly 80 %, raises it under', () => {
    expect(evaluateQueueAlarms({ now, oldestWaitingSince: null, answeredCalls: calls(4, 1), thresholds: T })).toEqual([]);
    const [alarm] = evaluateQueueAlarms({ now, oldestWaitingSince: null, answeredCalls: calls(3, 1), thresholds: T });
    expect(alarm).toEqual({ kind: 'low_service_level', value: 0.75, threshold: 0.8, answered: 4, since: now.toISOString() });
  });

  it('counts a wait of exactly 15 s as answered in time (Asterisk’s <=)', () => {
    expect(evaluateQueueAlarms({ now, oldestWaitingSince: null, answeredCalls: [answered(10, 15)], thresholds: T })).toEqual([]);
    expect(evaluateQueueAlarms({ now, oldestWaitingSince: null, answeredCalls: [answered(10, 16)], thresholds: T })).toHaveLength(1);
  });

  it('raises both when both hold', () => {
    const kinds = evaluateQueueAlarms({ now, oldestWaitingSince: ago(40).toISOString(), answeredCalls: calls(0, 2), thresholds: T }).map((a) => a.kind);
    expect(kinds).toEqual(['long_wait', 'low_service_level']);
  });
});

describe('computeWindowServiceLevel', () => {
  it('leaves out a call answered exactly at the window start, keeps one just after and one at now', () => {
    const window = T.windowMinutes * 60;
    const level = computeWindowServiceLevel([answered(window, 40), answered(window - 1, 40), answered(0, 3)], now, T);
    expect(level).toEqual({ answered: 2, answeredWithinThreshold: 1, serviceLevel: 0.5 });
  });

  it('gives null with nothing answered in the window', () => {
    expect(computeWindowServiceLevel([answered(T.windowMinutes * 60 + 5, 40)], now, T).serviceLevel).toBeNull();
  });
});
