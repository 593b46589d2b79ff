/**
 * Who does what with a warning (预警信息, CONTRACT.md "Roles"): the centre's commander, dispatcher
 * and shift lead draft, submit, update and lift; only a commander approves or sends back, and never
 * the person who drafted that revision; the centre reads; units and grid workers acknowledge.
 */
import { ROLES, UNIT_ROLES, type Role } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';

export const WARNING_DRAFTER_ROLES: readonly Role[] = Object.freeze([ROLES.commander, ROLES.dispatcher, ROLES.shift_lead]);
export const WARNING_READER_ROLES: readonly Role[] = Object.freeze([ROLES.commander, ROLES.dispatcher, ROLES.shift_lead, ROLES.agent]);
export const WARNING_RECIPIENT_ROLES: readonly Role[] = UNIT_ROLES;

export const isCommander = (actor: Actor) => actor.roles.includes(ROLES.commander);
export const isDrafter = (actor: Actor) => actor.roles.some((role) => WARNING_DRAFTER_ROLES.includes(role));
