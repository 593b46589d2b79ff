import { describe, expect, it } from 'vitest';
import { ROLE_VALUES, type Role } from './roles';
import { TICKET_STATE_VALUES, type TicketState } from './ticket-enums';
import {
  TICKET_ACTION_VALUES,
  allowedActions,
  canTakeAction,
  isTerminalState,
  changesTicket,
  nextState,
  stateAfterReply,
  stateAfterVerification,
  type TicketAction,
} from './ticket-machine';

/**
 * The expected lifecycle written out by hand, state by state, as
 * `action -> next : roles` ('=' means the state stays). Anything not listed
 * must be an illegal transition. Abbreviations: A agent, L shift_lead,
 * D dispatcher, C commander, H dept_handler, U dept_admin, G grid_member.
 */
const EXPECTED = `
accepted
  close-at-intake -> closed_at_intake : A L
  dispatch -> dispatched : A D L C
  merge -> merged : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
  divert -> = : A D L C
  mark-complex -> = : D L C
dispatched
  dispatch -> dispatched : D L C
  sign -> signed : H U G
  return -> returned : H U G
  merge -> merged : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
  mark-complex -> = : D L C
signed
  return -> returned : H U G
  start -> in_progress : H U G
  reply -> replied : H U G
  request-extension -> = : H U G
  approve-extension -> = : D L C
  merge -> merged : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
  mark-complex -> = : D L C
returned
  dispatch -> dispatched : D L C
  merge -> merged : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
  divert -> = : A D L C
  mark-complex -> = : D L C
in_progress
  reply -> replied : H U G
  request-extension -> = : H U G
  approve-extension -> = : D L C
  merge -> merged : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
  mark-complex -> = : D L C
reply_review
  approve-reply -> replied : D L
  reject-reply -> in_progress : D L
verifying
  verify -> replied : G
replied
  follow-up -> follow_up : A D L C
  reopen -> reopened : A D L C
  close -> closed : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
follow_up
  reopen -> reopened : A D L C
  close -> closed : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
reopened
  dispatch -> dispatched : D L C
  sign -> signed : H U G
  start -> in_progress : H U G
  reply -> replied : H U G
  request-extension -> = : H U G
  approve-extension -> = : D L C
  merge -> merged : A D L C
  remind -> = : A D L C
  supervise -> = : D L C
  mark-complex -> = : D L C
closed_at_intake
closed
merged
`;

const ABBREVIATIONS: Record<string, Role> = {
  A: 'agent', L: 'shift_lead', D: 'dispatcher', C: 'commander',
  H: 'dept_handler', U: 'dept_admin', G: 'grid_member',
};

interface Expectation { next: TicketState; side: boolean; roles: Set<Role> }

function parseExpected(text: string): Map<string, Expectation> {
  const table = new Map<string, Expectation>();
  let state = '';
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) { state = line.trim(); continue; }
    const match = /^\s+(\S+) -> (\S+) : (.+)$/.exec(line);
    if (!match) throw new Error(`bad expected line: ${line}`);
    const [, action, target, roles] = match as unknown as [string, string, string, string];
    const next = (target === '=' ? state : target) as TicketState;
    const roleSet = new Set(roles.trim().split(/\s+/).map((abbr) => {
      const role = ABBREVIATIONS[abbr];
      if (!role) throw new Error(`bad role ${abbr}`);
      return role;
    }));
    table.set(`${state}|${action}`, { next, side: target === '=', roles: roleSet });
  }
  return table;
}

const TABLE = parseExpected(EXPECTED);

describe('ticket machine', () => {
  it('the expected table names only real states, actions and targets', () => {
    for (const [key, { next }] of TABLE) {
      const [state, action] = key.split('|') as [TicketState, TicketAction];
      expect(TICKET_STATE_VALUES).toContain(state);
      expect(TICKET_ACTION_VALUES).toContain(action);
      expect(TICKET_STATE_VALUES).toContain(next);
    }
  });

  const cases = TICKET_STATE_VALUES.flatMap((state) =>
    TICKET_ACTION_VALUES.map((action) => [state, action] as const));

  it.each(cases)('%s × %s matches the table for every role', (state, action) => {
    const expected = TABLE.get(`${state}|${action}`);
    expect(nextState(state, action)).toBe(expected ? expected.next : null);
    for (const role of ROLE_VALUES) {
      const result = canTakeAction(state, action, role);
      if (!expected) expect(result).toEqual({ ok: false, reason: 'illegal_transition' });
      else if (!expected.roles.has(role)) expect(result).toEqual({ ok: false, reason: 'role_forbidden' });
      else expect(result).toEqual({ ok: true, next: expected.next, side: expected.side });
      expect(allowedActions(state, role).includes(action)).toBe(result.ok);
    }
  });

  it('terminal states allow nothing to anyone', () => {
    for (const state of TICKET_STATE_VALUES.filter(isTerminalState)) {
      for (const role of ROLE_VALUES) expect(allowedActions(state, role)).toEqual([]);
    }
    expect(TICKET_STATE_VALUES.filter(isTerminalState)).toEqual(['closed_at_intake', 'closed', 'merged']);
  });

  it('admin and auditor take no ticket action anywhere', () => {
    for (const state of TICKET_STATE_VALUES) {
      expect(allowedActions(state, 'admin')).toEqual([]);
      expect(allowedActions(state, 'auditor')).toEqual([]);
    }
  });

  it('walks the full closed loop', () => {
    const path: [TicketAction, Role][] = [
      ['dispatch', 'agent'], ['sign', 'dept_handler'], ['start', 'dept_handler'],
      ['request-extension', 'dept_handler'], ['approve-extension', 'dispatcher'],
      ['reply', 'dept_handler'], ['follow-up', 'agent'], ['reopen', 'agent'],
      ['start', 'grid_member'], ['reply', 'grid_member'], ['follow-up', 'shift_lead'], ['close', 'shift_lead'],
    ];
    let state: TicketState = 'accepted';
    for (const [action, role] of path) {
      const result = canTakeAction(state, action, role);
      if (!result.ok) throw new Error(`${action} by ${role} refused in ${state}: ${result.reason}`);
      state = result.next;
    }
    expect(state).toBe('closed');
  });

  it('walks a reviewed reply: sent back with a reason, replied again, approved', () => {
    let state: TicketState = 'in_progress';
    const reply = canTakeAction(state, 'reply', 'dept_handler');
    expect(reply.ok).toBe(true);
    // The service decides by the channel's setting: a reviewed reply waits for the centre.
    state = stateAfterReply(true);
    expect(state).toBe('reply_review');
    expect(allowedActions(state, 'dept_handler')).toEqual([]);
    expect(allowedActions(state, 'agent')).toEqual([]);
    expect(allowedActions(state, 'dispatcher')).toEqual(['approve-reply', 'reject-reply']);
    expect(allowedActions(state, 'shift_lead')).toEqual(['approve-reply', 'reject-reply']);
    expect(canTakeAction(state, 'approve-reply', 'commander')).toEqual({ ok: false, reason: 'role_forbidden' });
    const back = canTakeAction(state, 'reject-reply', 'dispatcher');
    expect(back).toEqual({ ok: true, next: 'in_progress', side: false });
    state = 'in_progress';
    expect(canTakeAction(state, 'reply', 'dept_handler').ok).toBe(true);
    state = stateAfterReply(true);
    const approved = canTakeAction(state, 'approve-reply', 'shift_lead');
    expect(approved).toEqual({ ok: true, next: 'replied', side: false });
    expect(stateAfterReply(false)).toBe('replied');
    expect(canTakeAction('replied', 'approve-reply', 'dispatcher')).toEqual({ ok: false, reason: 'illegal_transition' });
  });

  it('walks an on-site verification: only the grid worker acts, and nobody reminds the unit meanwhile', () => {
    expect(stateAfterReply(false, true)).toBe('verifying');
    // Verification comes before the centre's review on a reviewed channel.
    expect(stateAfterReply(true, true)).toBe('verifying');
    expect(allowedActions('verifying', 'grid_member')).toEqual(['verify']);
    expect(allowedActions('verifying', 'dept_handler')).toEqual([]);
    expect(allowedActions('verifying', 'dispatcher')).toEqual([]);
    expect(canTakeAction('verifying', 'verify', 'agent')).toEqual({ ok: false, reason: 'role_forbidden' });
    expect(canTakeAction('replied', 'verify', 'grid_member')).toEqual({ ok: false, reason: 'illegal_transition' });
    expect(stateAfterVerification(true)).toBe('reply_review');
    expect(stateAfterVerification(false)).toBe('replied');
  });

  it('tells trail entries that change a ticket from those that leave it as its handler saw it', () => {
    for (const action of ['remind', 'supervise', 'request-extension', 'approve-extension', 'notice', 'mark-complex', 'divert']) {
      expect(changesTicket(action), action).toBe(false);
    }
    for (const action of ['return', 'dispatch', 'escalate', 'reply', 'reopen', 'verify', 'merge', 'close']) {
      expect(changesTicket(action), action).toBe(true);
    }
  });

  it('lists allowed actions in TICKET_ACTIONS order', () => {
    expect(allowedActions('accepted', 'agent')).toEqual(['close-at-intake', 'dispatch', 'merge', 'remind', 'divert']);
    expect(allowedActions('dispatched', 'agent')).toEqual(['merge', 'remind']);
  });
});
