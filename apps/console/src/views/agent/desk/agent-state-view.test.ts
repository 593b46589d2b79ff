import { describe, expect, it } from 'vitest';
import { i18n, setLocale } from '#/locales';
import { agentStateTagType, agentStateWords, idleMessageKey, pauseReasonKey } from './agent-state-view';

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

  it('shows a pause taken during a call as the call first, the pause pending (desk and wallboard alike)', () => {
    const translator = { t: (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {}), te: (key: string) => i18n.global.te(key) };
    setLocale('zh-CN');
    expect(agentStateWords('busy', 'break', translator)).toEqual({ name: '通话中', note: '通话结束后小休：休息' });
    expect(agentStateWords('busy', 'after_call_work', translator)).toEqual({ name: '通话中', note: '通话结束后话后整理' });
    expect(agentStateWords('busy', 'e2e', translator)).toEqual({ name: '通话中', note: '通话结束后小休：e2e' });
    expect(agentStateWords('busy', null, translator)).toEqual({ name: '通话中', note: '' });
    expect(agentStateWords('paused', 'break', translator)).toEqual({ name: '小休', note: '休息' });
    expect(agentStateWords('paused', 'Auto-Pause', translator)).toEqual({ name: '小休', note: '未接自动暂停' });
    expect(agentStateWords('wrap_up', 'after_call_work', translator)).toEqual({ name: '话后整理', note: '' });
    expect(agentStateWords('something_new', null, translator)).toEqual({ name: 'something_new', note: '' });
    setLocale('en');
    expect(agentStateWords('busy', 'meal', translator)).toEqual({ name: 'On a call', note: 'Pause after this call: Meal' });
    setLocale('zh-CN');
  });
});
