import { describe, expect, it } from 'vitest';
import { agentStateTagType, idleMessageKey, pauseReasonKey } from './agent-state-view';

describe('agent state in words', () => {
  it('names our pause reasons and Asterisk’s Auto-Pause, and leaves unknown reasons as they are', () => {
    expect(pauseReasonKey('meal')).toBe('call.pauseReasons.meal');
    expect(pauseReasonKey('after_call_work')).toBe('call.pauseReasons.after_call_work');
    expect(pauseReasonKey('Auto-Pause')).toBe('call.pauseReasons.auto_pause');
    expect(pauseReasonKey('e2e')).toBeNull();
    expect(pauseReasonKey(null)).toBeNull();
  });

  it('colours an offline phone as a problem and after-call work apart from a pause', () => {
    expect(agentStateTagType('unavailable')).toBe('danger');
    expect(agentStateTagType('wrap_up')).not.toBe(agentStateTagType('paused'));
    expect(agentStateTagType('something_new')).toBe('info');
  });

  it('tells an idle desk why no call rings', () => {
    expect(idleMessageKey('ready')).toBe('desk.idle.ready');
    expect(idleMessageKey('logged_out')).toBe('desk.idle.notReady');
    expect(idleMessageKey('wrap_up')).toBe('desk.idle.afterCallWork');
    expect(idleMessageKey('unavailable')).toBe('desk.idle.unavailable');
  });
});
