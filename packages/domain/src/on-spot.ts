import { ROLES, type Role } from './roles';
import { TICKET_STATES, type TicketState } from './ticket-enums';
import { TICKET_ACTIONS, nextState, type ActionCheck, type TicketAction } from './ticket-machine';

/**
 * 自处 (handled on the spot): a grid worker finds a matter on patrol, settles it there, and files
 * it already settled. The ticket still walks the ordinary loop, one trail entry per act, so the
 * figures read it like any other: dispatched to the worker's own grid team, signed for, replied
 * with the result, closed. The worker takes all four acts. Two of them are not a unit's in the
 * ordinary machine (dispatch is the centre's, close follows the centre's call-back); here there is
 * no one else to route it and no citizen to call back, so the worker may take them, and only in
 * this sequence, which the machine still checks state by state.
 */
export const ON_SPOT_ACTIONS: readonly TicketAction[] = Object.freeze([
  TICKET_ACTIONS.dispatch,
  TICKET_ACTIONS.sign,
  TICKET_ACTIONS.reply,
  TICKET_ACTIONS.close,
]);

/** Who may handle a matter on the spot. */
export const ON_SPOT_ROLES: readonly Role[] = Object.freeze([ROLES.grid_member]);

/** The state the on-spot sequence ends in. */
export const ON_SPOT_FINAL_STATE: TicketState = TICKET_STATES.closed;

/**
 * Decides one act of the on-spot sequence: the machine's own transition for the state (so an act
 * out of order is `illegal_transition`), taken by an on-spot role. Acts outside the sequence are
 * illegal here whatever the machine allows elsewhere.
 */
export function canTakeOnSpotAction(state: TicketState, action: TicketAction, role: Role): ActionCheck {
  const next = ON_SPOT_ACTIONS.includes(action) ? nextState(state, action) : null;
  if (!next || next === state) return { ok: false, reason: 'illegal_transition' };
  if (!ON_SPOT_ROLES.includes(role)) return { ok: false, reason: 'role_forbidden' };
  return { ok: true, next, side: false };
}
