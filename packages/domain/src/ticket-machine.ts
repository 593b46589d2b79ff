import { isEnumValue, listEnumValues } from './enum-helpers';
import { ROLES, type Role } from './roles';
import { TICKET_STATES, type TicketState } from './ticket-enums';

/**
 * What a user (or the worker) can do to a ticket. Values are kebab-case because
 * they appear in URLs (`POST /tickets/:id/request-extension`) and in the trail.
 */
export const TICKET_ACTIONS = {
  close_at_intake: 'close-at-intake',
  dispatch: 'dispatch',
  sign: 'sign',
  return: 'return',
  start: 'start',
  reply: 'reply',
  request_extension: 'request-extension',
  approve_extension: 'approve-extension',
  follow_up: 'follow-up',
  reopen: 'reopen',
  close: 'close',
  merge: 'merge',
  remind: 'remind',
  supervise: 'supervise',
  divert: 'divert',
  mark_complex: 'mark-complex',
  approve_reply: 'approve-reply',
  reject_reply: 'reject-reply',
  verify: 'verify',
} as const;
export type TicketAction = (typeof TICKET_ACTIONS)[keyof typeof TICKET_ACTIONS];
export const TICKET_ACTION_VALUES = listEnumValues(TICKET_ACTIONS);
export function isTicketAction(value: unknown): value is TicketAction {
  return isEnumValue(TICKET_ACTIONS, value);
}

/** Every ticket starts here; `close-at-intake` is taken from it in the same act. */
export const INITIAL_TICKET_STATE: TicketState = TICKET_STATES.accepted;

/** States from which no action leads anywhere. */
export const TERMINAL_TICKET_STATES: readonly TicketState[] = Object.freeze([
  TICKET_STATES.closed_at_intake,
  TICKET_STATES.closed,
  TICKET_STATES.merged,
]);

/** True for closed_at_intake, closed and merged. */
export function isTerminalState(state: TicketState): boolean {
  return TERMINAL_TICKET_STATES.includes(state);
}

/** Actions that leave the state unchanged (they only add to the trail or deadlines). */
export const SIDE_ACTIONS: readonly TicketAction[] = Object.freeze([
  TICKET_ACTIONS.request_extension,
  TICKET_ACTIONS.approve_extension,
  TICKET_ACTIONS.remind,
  TICKET_ACTIONS.supervise,
  TICKET_ACTIONS.divert,
  TICKET_ACTIONS.mark_complex,
]);

const S = TICKET_STATES;
const R = ROLES;
// A reply under the centre's review is with the centre, and one waiting for the grid's on-site
// check is with the grid, not the unit: nobody reminds or supervises the unit for either (their
// deadline jobs are paused too, see plan-deadlines.ts).
const OPEN_STATES = Object.values(S).filter((state) => !isTerminalState(state) && state !== S.reply_review && state !== S.verifying);
const UNIT = [R.dept_handler, R.dept_admin, R.grid_member] as const;
const DESK = [R.dispatcher, R.shift_lead, R.commander] as const;
/** Who calls the citizen back and closes: the floor, and the centre's dispatchers (待回访 on the dispatch desk). */
const FOLLOW_UP = [R.agent, R.dispatcher, R.shift_lead, R.commander] as const;
/** The centre desk that reviews a unit's reply before it goes public. */
const REVIEWERS = [R.dispatcher, R.shift_lead] as const;
/** States where a unit holds the ticket and may ask for more time. */
const HANDLING = [S.signed, S.in_progress, S.reopened] as const;

interface Rule {
  readonly from: readonly TicketState[];
  /** `null` = side action: the state stays as it is. */
  readonly to: TicketState | null;
  readonly roles: readonly Role[];
}

/**
 * The lifecycle, one row per (action, group of source states). An action may
 * have several rows when the roles differ by state (an agent dispatches only
 * on intake; re-dispatch after a return is the dispatch desk's ruling).
 */
const RULES: Readonly<Record<TicketAction, readonly Rule[]>> = {
  'close-at-intake': [{ from: [S.accepted], to: S.closed_at_intake, roles: [R.agent, R.shift_lead] }],
  dispatch: [
    { from: [S.accepted], to: S.dispatched, roles: [R.agent, ...DESK] },
    { from: [S.dispatched, S.returned, S.reopened], to: S.dispatched, roles: DESK },
  ],
  sign: [{ from: [S.dispatched, S.reopened], to: S.signed, roles: UNIT }],
  return: [{ from: [S.dispatched, S.signed], to: S.returned, roles: UNIT }],
  start: [{ from: [S.signed, S.reopened], to: S.in_progress, roles: UNIT }],
  reply: [{ from: HANDLING, to: S.replied, roles: UNIT }],
  'request-extension': [{ from: HANDLING, to: null, roles: UNIT }],
  'approve-extension': [{ from: HANDLING, to: null, roles: DESK }],
  'follow-up': [{ from: [S.replied], to: S.follow_up, roles: FOLLOW_UP }],
  reopen: [{ from: [S.replied, S.follow_up], to: S.reopened, roles: [R.agent, ...DESK] }],
  close: [{ from: [S.replied, S.follow_up], to: S.closed, roles: FOLLOW_UP }],
  merge: [
    {
      from: [S.accepted, S.dispatched, S.signed, S.returned, S.in_progress, S.reopened],
      to: S.merged,
      roles: [R.agent, ...DESK],
    },
  ],
  remind: [{ from: OPEN_STATES, to: null, roles: [R.agent, ...DESK] }],
  supervise: [{ from: OPEN_STATES, to: null, roles: DESK }],
  divert: [{ from: [S.accepted, S.returned], to: null, roles: [R.agent, ...DESK] }],
  // 复杂件: the desk gives a mailbox letter the longer reply limit while it is still unanswered
  // (the service refuses other channels; the machine knows no channels).
  'mark-complex': [{ from: [S.accepted, S.dispatched, S.signed, S.returned, S.in_progress, S.reopened], to: null, roles: DESK }],
  // 回复审核: the centre desk publishes the unit's reply, or sends it back to the unit's handling
  // with a reason. `reply` itself leads to `replied`; see `stateAfterReply` for reviewed channels.
  'approve-reply': [{ from: [S.reply_review], to: S.replied, roles: REVIEWERS }],
  'reject-reply': [{ from: [S.reply_review], to: S.in_progress, roles: REVIEWERS }],
  // 核查: the grid's worker checks the unit's work on site. Passed leads on as a reply does
  // (`replied`, or `reply_review` on a reviewed channel: see `stateAfterVerification`); failed is
  // recorded, then the ticket is reopened to the same unit with the reason (the service does both).
  verify: [{ from: [S.verifying], to: S.replied, roles: [R.grid_member] }],
};

/**
 * Where a unit's `reply` leads: to `verifying` when the grid must check it on site first; else to
 * `reply_review` when the ticket's channel has reply review on (the mailbox, by default), else
 * straight to `replied`. The machine knows no channels or categories; the tickets service reads
 * the settings and calls this.
 */
export function stateAfterReply(isReviewed: boolean, needsVerification = false): TicketState {
  if (needsVerification) return S.verifying;
  return isReviewed ? S.reply_review : S.replied;
}

/** Where a passed verification leads: the reply goes on as if it had just been made, unchecked. */
export function stateAfterVerification(isReviewed: boolean): TicketState {
  return stateAfterReply(isReviewed, false);
}

/** Trail entries that leave the ticket as it was: the side actions, the deadline ladder's 通报, and an escalation into an incident (突发事件). */
export const UNCHANGING_TRAIL_ACTIONS: readonly string[] = Object.freeze([...SIDE_ACTIONS, 'notice', 'escalate_incident']);

/**
 * Whether a trail entry changed what the ticket is (its state, its unit, its content: a return, a
 * re-dispatch, an escalation one level up), as opposed to a reminder, an extension or a 通报 that
 * leave it as its handler saw it. An act written offline against an older view of the ticket is
 * refused only when such an entry came in between.
 */
export function changesTicket(trailAction: string): boolean {
  return !UNCHANGING_TRAIL_ACTIONS.includes(trailAction);
}

function findRule(state: TicketState, action: TicketAction): Rule | undefined {
  return RULES[action]?.find((rule) => rule.from.includes(state));
}

/**
 * The state a ticket moves to, or `null` when the action is illegal in that
 * state. Side actions return the same state. The worker uses this directly for
 * system acts (automatic reminders) that no role takes.
 */
export function nextState(state: TicketState, action: TicketAction): TicketState | null {
  const rule = findRule(state, action);
  if (!rule) return null;
  return rule.to ?? state;
}

/** Actions a role may take on a ticket in `state`, in TICKET_ACTIONS order (drives the console's buttons). */
export function allowedActions(state: TicketState, role: Role): TicketAction[] {
  return TICKET_ACTION_VALUES.filter((action) => findRule(state, action)?.roles.includes(role));
}

export type ActionCheck =
  | { readonly ok: true; readonly next: TicketState; readonly side: boolean }
  | { readonly ok: false; readonly reason: 'illegal_transition' | 'role_forbidden' };

/**
 * Decides one act before the service writes it. `illegal_transition` wins over
 * `role_forbidden`, so a caller can tell "never possible here" (409) from
 * "possible, but not for you" (403).
 */
export function canTakeAction(state: TicketState, action: TicketAction, role: Role): ActionCheck {
  const rule = findRule(state, action);
  if (!rule) return { ok: false, reason: 'illegal_transition' };
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role_forbidden' };
  return { ok: true, next: rule.to ?? state, side: rule.to === null };
}
