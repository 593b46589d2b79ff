import { describe, expect, it } from 'vitest';
import { agentIdOf, canListen, describeAlarm, hasNewAlarm, supervisionErrorOf } from './supervision-data';

const t = (key: string, values: Record<string, unknown> = {}) => `${key}${JSON.stringify(values)}`;

describe('supervision on the wallboard', () => {
  it('offers listening only on a talking agent', () => {
    expect(canListen({ state: 'busy' })).toBe(true);
    expect(['ready', 'ringing', 'paused', 'wrap_up'].map((state) => canListen({ state }))).toEqual([false, false, false, false]);
  });

  it('names an account by user id and a PBX-only member by interface', () => {
    expect(agentIdOf({ userId: 'u-1', interface: 'PJSIP/8101' })).toBe('u-1');
    expect(agentIdOf({ userId: null, interface: 'PJSIP/8001' })).toBe('PJSIP/8001');
  });

  it('tells a sign-out during a call from other refusals', () => {
    expect(supervisionErrorOf({ code: 'conflict', details: { details: { reason: 'agent_in_call' } } })).toBe('agent_in_call');
    expect(supervisionErrorOf({ code: 'conflict', details: {} })).toBe('conflict');
    expect(supervisionErrorOf({ code: 'pbx_rejected', details: {} })).toBe('pbx_rejected');
  });

  it('says an alarm with its figure and unit', () => {
    expect(describeAlarm({ kind: 'long_wait', value: 72, threshold: 15, since: '' }, 15, t))
      .toBe('supervision.alarms.long_wait{"value":"1 wallboard.minutes{} 12 wallboard.seconds{}","threshold":"15 wallboard.seconds{}"}');
    expect(describeAlarm({ kind: 'low_service_level', value: 0.75, threshold: 0.8, answered: 8, since: '' }, 15, t))
      .toBe('supervision.alarms.low_service_level{"window":15,"value":"75.0%","threshold":"80%","answered":8}');
  });

  it('sounds only for an alarm that was not standing before', () => {
    const wait = { kind: 'long_wait' as const, value: 20, threshold: 15, since: '' };
    const level = { kind: 'low_service_level' as const, value: 0.5, threshold: 0.8, since: '' };
    expect(hasNewAlarm([], [wait])).toBe(true);
    expect(hasNewAlarm([wait], [{ ...wait, value: 30 }])).toBe(false);
    expect(hasNewAlarm([wait], [wait, level])).toBe(true);
    expect(hasNewAlarm([wait, level], [])).toBe(false);
  });
});
