import { describe, expect, it } from 'vitest';
import { ROLE_VALUES } from './roles';
import { ON_SPOT_ACTIONS, ON_SPOT_FINAL_STATE, canTakeOnSpotAction } from './on-spot';
import { canTakeAction, type TicketAction } from './ticket-machine';
import type { TicketState } from './ticket-enums';

describe('handled on the spot (自处)', () => {
  it('walks accepted → dispatched → signed → replied → closed for a grid member', () => {
    let state: TicketState = 'accepted';
    const visited: TicketState[] = [state];
    for (const action of ON_SPOT_ACTIONS) {
      const check = canTakeOnSpotAction(state, action, 'grid_member');
      if (!check.ok) throw new Error(`${action} refused in ${state}: ${check.reason}`);
      state = check.next;
      visited.push(state);
    }
    expect(visited).toEqual(['accepted', 'dispatched', 'signed', 'replied', 'closed']);
    expect(state).toBe(ON_SPOT_FINAL_STATE);
  });

  it('is the grid member\'s alone', () => {
    for (const role of ROLE_VALUES.filter((r) => r !== 'grid_member')) {
      expect(canTakeOnSpotAction('accepted', 'dispatch', role), role).toEqual({ ok: false, reason: 'role_forbidden' });
      expect(canTakeOnSpotAction('replied', 'close', role), role).toEqual({ ok: false, reason: 'role_forbidden' });
    }
  });

  it('follows the machine state by state: no act out of order, none outside the sequence', () => {
    expect(canTakeOnSpotAction('accepted', 'close', 'grid_member')).toEqual({ ok: false, reason: 'illegal_transition' });
    expect(canTakeOnSpotAction('accepted', 'sign', 'grid_member')).toEqual({ ok: false, reason: 'illegal_transition' });
    expect(canTakeOnSpotAction('signed', 'close', 'grid_member')).toEqual({ ok: false, reason: 'illegal_transition' });
    expect(canTakeOnSpotAction('closed', 'close', 'grid_member')).toEqual({ ok: false, reason: 'illegal_transition' });
    for (const action of ['start', 'return', 'follow-up', 'reopen', 'merge', 'remind'] as TicketAction[]) {
      expect(canTakeOnSpotAction('signed', action, 'grid_member'), action).toEqual({ ok: false, reason: 'illegal_transition' });
    }
  });

  it('leaves the ordinary machine as it is: a grid member neither dispatches nor closes there', () => {
    expect(canTakeAction('accepted', 'dispatch', 'grid_member')).toEqual({ ok: false, reason: 'role_forbidden' });
    expect(canTakeAction('replied', 'close', 'grid_member')).toEqual({ ok: false, reason: 'role_forbidden' });
  });
});
