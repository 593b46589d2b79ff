import { isEnumValue, listEnumValues } from './enum-helpers';
import { ROLES, type Role } from './roles';
import { INCIDENT_STATES, type IncidentState } from './incident-enums';

/**
 * What a user can do to an incident (突发事件), as data: one row per action with the states it
 * leaves from, the state it leads to (`null`: the state stays) and the roles that may take it.
 * The incidents module (apps/api/src/modules/incidents) decides every act with `canTakeIncidentAction`.
 */
export const INCIDENT_ACTIONS = {
  verify: 'verify',
  file: 'file',
  dismiss: 'dismiss',
  respond: 'respond',
  relevel: 'relevel',
  handle: 'handle',
  close: 'close',
} as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[keyof typeof INCIDENT_ACTIONS];
export const INCIDENT_ACTION_VALUES = listEnumValues(INCIDENT_ACTIONS);
export function isIncidentAction(value: unknown): value is IncidentAction {
  return isEnumValue(INCIDENT_ACTIONS, value);
}

/** States from which no action leads anywhere. */
export const TERMINAL_INCIDENT_STATES: readonly IncidentState[] = Object.freeze([INCIDENT_STATES.dismissed, INCIDENT_STATES.closed]);

/** States in which a response plan is applied (filing, and a level change after it). */
export const PLAN_APPLIED_STATES: readonly IncidentState[] = Object.freeze([INCIDENT_STATES.filed, INCIDENT_STATES.responding]);

const S = INCIDENT_STATES;
const R = ROLES;
/** The centre's desk: report, verify, file, and carry the incident to its close. The commander does everything. */
const DESK: readonly Role[] = [R.dispatcher, R.shift_lead, R.commander];

interface IncidentRule {
  readonly from: readonly IncidentState[];
  readonly to: IncidentState | null;
  readonly roles: readonly Role[];
}

const RULES: Readonly<Record<IncidentAction, IncidentRule>> = {
  verify: { from: [S.reported], to: S.verified, roles: DESK },
  file: { from: [S.reported, S.verified], to: S.filed, roles: DESK },
  dismiss: { from: [S.reported, S.verified], to: S.dismissed, roles: DESK },
  respond: { from: [S.filed], to: S.responding, roles: DESK },
  relevel: { from: [S.reported, S.verified, S.filed, S.responding, S.handled], to: null, roles: DESK },
  handle: { from: [S.responding], to: S.handled, roles: DESK },
  close: { from: [S.handled], to: S.closed, roles: DESK },
};

/** The state after `action`, or null when it is illegal in `state` (a side action keeps the state). */
export function nextIncidentState(state: IncidentState, action: IncidentAction): IncidentState | null {
  const rule = RULES[action];
  if (!rule.from.includes(state)) return null;
  return rule.to ?? state;
}

/** Actions a role may take on an incident in `state`, in INCIDENT_ACTIONS order (the console's buttons). */
export function allowedIncidentActions(state: IncidentState, role: Role): IncidentAction[] {
  return INCIDENT_ACTION_VALUES.filter((action) => RULES[action].from.includes(state) && RULES[action].roles.includes(role));
}

export type IncidentActionCheck =
  | { readonly ok: true; readonly next: IncidentState }
  | { readonly ok: false; readonly reason: 'illegal_transition' | 'role_forbidden' };

/** `illegal_transition` (409) wins over `role_forbidden` (403), as for tickets. */
export function canTakeIncidentAction(state: IncidentState, action: IncidentAction, role: Role): IncidentActionCheck {
  const rule = RULES[action];
  if (!rule.from.includes(state)) return { ok: false, reason: 'illegal_transition' };
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role_forbidden' };
  return { ok: true, next: rule.to ?? state };
}
