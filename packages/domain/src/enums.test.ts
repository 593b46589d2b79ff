import { describe, expect, it } from 'vitest';
import { ROLES, ROLE_VALUES, isRole } from './roles';
import { TICKET_STATES, TICKET_STATE_VALUES, isTicketState, isTicketKind, isChannel } from './ticket-enums';
import { LINKAGE_TIERS, LINKAGE_TIER_VALUES, isLinkageTier, isUnitType } from './org-enums';
import { CALL_STATES, isCallState, isPauseReason, isAgentState } from './call-enums';

describe('enums', () => {
  it('lists the nine roles in order, keys equal to values', () => {
    expect(ROLE_VALUES).toEqual([
      'agent', 'shift_lead', 'dispatcher', 'dept_handler', 'dept_admin',
      'grid_member', 'commander', 'admin', 'auditor',
    ]);
    for (const [key, value] of Object.entries(ROLES)) expect(key).toBe(value);
  });

  it('guards untrusted strings', () => {
    expect(isRole('dispatcher')).toBe(true);
    expect(isRole('Dispatcher')).toBe(false);
    expect(isRole('toString')).toBe(false);
    expect(isRole(undefined)).toBe(false);
    expect(isTicketState('follow_up')).toBe(true);
    expect(isTicketState('follow-up')).toBe(false);
    expect(isTicketKind('help_request')).toBe(true);
    expect(isChannel('fax')).toBe(false);
    expect(isUnitType('police_desk')).toBe(true);
    expect(isCallState(CALL_STATES.overflow)).toBe(true);
    expect(isAgentState('wrap_up')).toBe(true);
    expect(isPauseReason('after_call_work')).toBe(true);
  });

  it('has the eleven ticket states of DOMAIN.md', () => {
    expect(TICKET_STATE_VALUES).toHaveLength(11);
    expect(TICKET_STATES.closed_at_intake).toBe('closed_at_intake');
  });

  it('keeps linkage tiers numeric', () => {
    expect(LINKAGE_TIER_VALUES).toEqual([1, 2, 3]);
    expect(isLinkageTier(LINKAGE_TIERS.tier2)).toBe(true);
    expect(isLinkageTier('2')).toBe(false);
    expect(isLinkageTier(4)).toBe(false);
  });

  it('freezes value lists', () => {
    expect(Object.isFrozen(ROLE_VALUES)).toBe(true);
  });
});
