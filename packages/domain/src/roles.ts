import { isEnumValue, listEnumValues } from './enum-helpers';

/**
 * The nine account roles of DOMAIN.md, and `kb_editor` (知识库编辑): the centre's knowledge editors,
 * who approve and publish the articles that units propose (issue 14). A kb_editor reads no tickets
 * unless it also holds a ticket role. Chinese/English labels belong to the console's locale files;
 * only the code names live here.
 */
export const ROLES = {
  agent: 'agent',
  shift_lead: 'shift_lead',
  dispatcher: 'dispatcher',
  dept_handler: 'dept_handler',
  dept_admin: 'dept_admin',
  grid_member: 'grid_member',
  commander: 'commander',
  admin: 'admin',
  auditor: 'auditor',
  kb_editor: 'kb_editor',
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

/** Every role in declaration order (for schemas and seeds). */
export const ROLE_VALUES = listEnumValues(ROLES);

/** Guards role strings coming from tokens, request bodies or the database. */
export function isRole(value: unknown): value is Role {
  return isEnumValue(ROLES, value);
}

/** Roles that work in the centre (call floor and dispatch desk) rather than in a unit. */
export const CENTRE_ROLES: readonly Role[] = Object.freeze([
  ROLES.agent,
  ROLES.shift_lead,
  ROLES.dispatcher,
  ROLES.commander,
]);

/**
 * Roles that read the knowledge base's published articles: the centre's floor and desks, the
 * knowledge editors, and the units (which also propose articles). Not admin nor auditor.
 */
export const KNOWLEDGE_READER_ROLES: readonly Role[] = Object.freeze([
  ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.commander, ROLES.kb_editor,
  ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member,
]);

/** Unit roles that draft and submit their unit's articles for review (the centre's kb_editor approves). */
export const KNOWLEDGE_PROPOSER_ROLES: readonly Role[] = Object.freeze([ROLES.dept_handler, ROLES.dept_admin]);

/** Roles that belong to a handling unit (department, street office, grid team). */
export const UNIT_ROLES: readonly Role[] = Object.freeze([
  ROLES.dept_handler,
  ROLES.dept_admin,
  ROLES.grid_member,
]);
