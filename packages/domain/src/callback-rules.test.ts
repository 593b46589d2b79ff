import { describe, expect, it } from 'vitest';
import { assessAttempts } from './callback-rules';

const rules = { maxAttempts: 3, retryMinutes: 10 };
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 8, minute));

describe('assessAttempts', () => {
  it('keeps a case with no attempt open and dialable now', () => {
    expect(assessAttempts([], rules)).toEqual({ attempts: 0, failedAttempts: 0, isDone: false, isInProgress: false, nextAttemptAt: null });
  });

  it('closes the case once the citizen is reached, whatever failed before', () => {
    const progress = assessAttempts([{ startedAt: at(0), result: 'busy' }, { startedAt: at(15), result: 'answered' }], rules);
    expect(progress).toMatchObject({ attempts: 2, failedAttempts: 1, isDone: true, nextAttemptAt: null });
  });

  it('spaces attempts after a failure and gives up after the configured number', () => {
    const two = assessAttempts([{ startedAt: at(0), result: 'no_answer' }, { startedAt: at(20), result: 'busy' }], rules);
    expect(two).toMatchObject({ failedAttempts: 2, isDone: false, nextAttemptAt: at(30) });
    const three = assessAttempts([{ startedAt: at(0), result: 'no_answer' }, { startedAt: at(20), result: 'busy' }, { startedAt: at(40), result: 'failed' }], rules);
    expect(three.isDone).toBe(true);
    expect(assessAttempts([{ startedAt: at(0), result: 'no_answer' }], { maxAttempts: 1, retryMinutes: 0 }).isDone).toBe(true);
  });

  it('ends at once on a wrong number, and shows an attempt still ringing as in progress', () => {
    expect(assessAttempts([{ startedAt: at(0), result: 'wrong_number' }], rules).isDone).toBe(true);
    expect(assessAttempts([{ startedAt: at(0), result: null }], rules)).toMatchObject({ isInProgress: true, isDone: false, nextAttemptAt: null });
  });
});
