import { describe, expect, it } from 'vitest';
import { canCallNow, endsUnreached, hotlineLabel, isLastAttempt, minutesUntil, missedKindOf, resultOf } from './data';

describe('worklists data', () => {
  it('names why a call is on the missed list, a callback request first', () => {
    expect(missedKindOf({ callbackRequestedAt: '2026-12-05T01:00:00Z', state: 'overflow' })).toBe('callback');
    expect(missedKindOf({ callbackRequestedAt: null, state: 'abandoned' })).toBe('abandoned');
    expect(missedKindOf({ callbackRequestedAt: null, state: 'timeout' })).toBe('timeout');
    expect(missedKindOf({ callbackRequestedAt: null, state: 'overflow' })).toBe('overflow');
  });

  it('ends a follow-up as unreachable on a wrong number, or when the last allowed attempt fails', () => {
    expect(endsUnreached('wrong_number', false)).toBe(true);
    expect(endsUnreached('no_answer', false)).toBe(false);
    expect(endsUnreached('no_answer', true)).toBe(true);
    expect(endsUnreached('busy', true)).toBe(true);
    expect(endsUnreached('answered', true)).toBe(false);
    expect(endsUnreached('', true)).toBe(false);
    expect(isLastAttempt(2, 3)).toBe(true);
    expect(isLastAttempt(1, 3)).toBe(false);
    expect(isLastAttempt(0, undefined)).toBe(false);
  });

  it('labels a hotline by its name in the console language', () => {
    expect(hotlineLabel('12369', '环保热线', 'Environment', 'zh-CN')).toBe('12369 环保热线');
    expect(hotlineLabel('12369', '环保热线', 'Environment', 'en')).toBe('12369 Environment');
    expect(hotlineLabel('99999', null, null, 'zh-CN')).toBe('99999');
    expect(hotlineLabel(null, null, null, 'zh-CN')).toBe('—');
  });

  it('offers the dial only with a number, no call running and the spacing passed', () => {
    const now = Date.parse('2026-12-05T01:00:00Z');
    expect(canCallNow({ canDial: true, isInProgress: false, nextAttemptAt: null }, now)).toBe(true);
    expect(canCallNow({ canDial: false, isInProgress: false, nextAttemptAt: null }, now)).toBe(false);
    expect(canCallNow({ canDial: true, isInProgress: true, nextAttemptAt: null }, now)).toBe(false);
    expect(canCallNow({ canDial: true, isInProgress: false, nextAttemptAt: '2026-12-05T01:05:00Z' }, now)).toBe(false);
    expect(minutesUntil('2026-12-05T01:04:01Z', now)).toBe(5);
    expect(minutesUntil(null, now)).toBe(0);
  });

  it('takes the agent’s result over the PBX’s', () => {
    expect(resultOf({ result: 'wrong_number', pbxResult: 'answered' })).toBe('wrong_number');
    expect(resultOf({ result: null, pbxResult: 'busy' })).toBe('busy');
    expect(resultOf(null)).toBeNull();
  });
});
