import { describe, expect, it } from 'vitest';
import * as domain from './index';

/** The code names exactly as the brief and DOMAIN.md spell them, in order. */
const EXPECTED: Record<string, readonly (string | number)[]> = {
  TICKET_STATES: ['accepted', 'closed_at_intake', 'dispatched', 'signed', 'returned', 'in_progress', 'reply_review',
    'verifying', 'replied', 'follow_up', 'reopened', 'closed', 'merged'],
  TICKET_KINDS: ['consultation', 'help_request', 'complaint', 'report', 'suggestion', 'praise'],
  CHANNELS: ['phone', 'mailbox', 'mobile', 'web', 'grid_patrol'],
  TICKET_CLASSES: ['police', 'non_police'],
  POLICE_STATES: ['received', 'handed_to_police', 'police_feedback', 'closed'],
  UNIT_TYPES: ['department', 'street_office', 'grid_team', 'police_desk'],
  AREA_LEVELS: ['district', 'street', 'grid'],
  CATEGORY_LEVELS: ['grid', 'street', 'district'],
  LINKAGE_TIERS: [1, 2, 3],
  CALL_STATES: ['offered', 'ringing', 'answered', 'completed', 'abandoned', 'transferred', 'timeout', 'overflow'],
  AGENT_STATES: ['logged_out', 'ready', 'paused', 'ringing', 'busy', 'wrap_up', 'unavailable'],
  PAUSE_REASONS: ['break', 'meal', 'training', 'meeting', 'after_call_work', 'other'],
  RETURN_REASONS: ['not_our_remit', 'wrong_location', 'insufficient_info', 'duplicate', 'other'],
  FOLLOW_UP_VERDICTS: ['satisfied', 'basically_satisfied', 'not_satisfied', 'unreachable'],
  VERIFICATION_VERDICTS: ['passed', 'failed'],
  URGENCIES: ['normal', 'urgent'],
  ESCALATION_STEPS: ['reminder', 'supervision', 'notice'],
  USER_STATUSES: ['active', 'disabled', 'locked'],
};

const exports = domain as unknown as Record<string, unknown>;
const singular = (plural: string): string => {
  if (plural.endsWith('IES')) return `${plural.slice(0, -3)}Y`;
  if (/(SS|US)ES$/.test(plural)) return plural.slice(0, -2);
  return plural.slice(0, -1);
};
const guardName = (plural: string): string =>
  `is${singular(plural).toLowerCase().replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase())}`;

describe.each(Object.entries(EXPECTED))('%s', (name, values) => {
  it('has exactly the expected values, in order, with a frozen value list', () => {
    expect(Object.values(exports[name] as object)).toEqual(values);
    const list = exports[`${singular(name)}_VALUES`];
    expect(list).toEqual(values);
    expect(Object.isFrozen(list)).toBe(true);
  });

  it('keys equal values for string enums', () => {
    if (typeof values[0] !== 'string') return;
    for (const [key, value] of Object.entries(exports[name] as object)) expect(key).toBe(value);
  });

  it('has a guard that accepts its values and nothing else', () => {
    const guard = exports[guardName(name)] as (value: unknown) => boolean;
    expect(typeof guard).toBe('function');
    for (const value of values) expect(guard(value)).toBe(true);
    for (const junk of ['', 'toString', String(values[0]).toUpperCase(), null, undefined, 0, {}]) {
      expect(guard(junk)).toBe(false);
    }
  });
});

describe('presentAgentState', () => {
  it('shows after-call work (a pause with reason after_call_work) as wrap-up, every other state as it is', () => {
    expect(domain.presentAgentState('paused', 'after_call_work')).toBe('wrap_up');
    expect(domain.presentAgentState('paused', 'meal')).toBe('paused');
    expect(domain.presentAgentState('paused', domain.AUTO_PAUSE_REASON)).toBe('paused');
    expect(domain.presentAgentState('ready', null)).toBe('ready');
    expect(domain.presentAgentState('unavailable', null)).toBe('unavailable');
  });

  it('shows a pause taken during a call as the call first, the pause pending until it ends', () => {
    for (const reason of ['break', 'after_call_work', domain.AUTO_PAUSE_REASON]) {
      const shown = domain.presentAgentState('paused', reason, true);
      expect(shown).toBe('busy');
      expect(domain.pendingPauseReason(shown, reason)).toBe(reason);
    }
    // The call over: the pause shows as it is.
    expect(domain.presentAgentState('paused', 'break', false)).toBe('paused');
    expect(domain.pendingPauseReason('paused', 'break')).toBeNull();
    expect(domain.pendingPauseReason('wrap_up', 'after_call_work')).toBeNull();
    // A call without a pause: nothing pending; a state the bridge already presented stays as it is.
    expect(domain.presentAgentState('busy', null, true)).toBe('busy');
    expect(domain.pendingPauseReason('busy', null)).toBeNull();
    expect(domain.presentAgentState(domain.presentAgentState('paused', 'meal', true), 'meal')).toBe('busy');
  });
});
