import { ROLES, type Role } from '@yixian/domain';

/** One page of the side menu; `roles` lists who may open it (any one suffices). */
export interface NavItem {
  name: string;
  path: string;
  titleKey: string;
  roles: readonly Role[];
}

/**
 * Every menu page and who may open it. Separation of duties: `admin` manages the system but
 * never reads the audit log; `auditor` reads the audit log and nothing else. The server checks
 * the same rules; this list only decides what the console offers.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { name: 'desk', path: '/desk', titleKey: 'menu.desk', roles: [ROLES.agent, ROLES.shift_lead] },
  { name: 'worklists', path: '/worklists', titleKey: 'menu.worklists', roles: [ROLES.agent, ROLES.shift_lead] },
  { name: 'inbox', path: '/inbox', titleKey: 'menu.inbox', roles: [ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member] },
  { name: 'dispatch', path: '/dispatch', titleKey: 'menu.dispatch', roles: [ROLES.dispatcher, ROLES.shift_lead] },
  {
    name: 'tickets',
    path: '/tickets',
    titleKey: 'ticketSearch.menu',
    roles: [ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member, ROLES.commander],
  },
  // Emergencies (issue 16): incidents for the centre and the units that report them; rosters and resources.
  {
    name: 'incidents',
    path: '/incidents',
    titleKey: 'incident.menu',
    roles: [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead, ROLES.agent, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member],
  },
  { name: 'wallboard', path: '/wallboard', titleKey: 'menu.wallboard', roles: [ROLES.shift_lead, ROLES.commander] },
  { name: 'command-hall', path: '/command-hall', titleKey: 'commandHall.menu', roles: [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead] },
  {
    name: 'stats',
    path: '/stats',
    titleKey: 'menu.stats',
    roles: [ROLES.shift_lead, ROLES.dept_admin, ROLES.commander],
  },
  // Before 一键考核: an administrator's first page is 系统管理 (a new district is set up there).
  { name: 'admin', path: '/admin', titleKey: 'menu.admin', roles: [ROLES.admin, ROLES.dept_admin] },
  // After 系统管理, which stays an administrator's first page.
  { name: 'duty', path: '/duty', titleKey: 'duty.menu', roles: [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead, ROLES.admin, ROLES.dept_admin] },
  { name: 'resources', path: '/resources', titleKey: 'duty.resourcesMenu', roles: [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead, ROLES.admin, ROLES.dept_admin] },
  { name: 'response-plans', path: '/incidents/plans', titleKey: 'incident.plansMenu', roles: [ROLES.commander, ROLES.admin] },
  { name: 'warnings', path: '/warnings', titleKey: 'menu.warnings', roles: [ROLES.commander, ROLES.dispatcher, ROLES.shift_lead, ROLES.agent] },
  { name: 'assessment', path: '/assessment', titleKey: 'menu.assessment', roles: [ROLES.commander, ROLES.shift_lead, ROLES.admin] },
  {
    name: 'knowledge',
    path: '/knowledge',
    titleKey: 'menu.knowledge',
    roles: [ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member, ROLES.commander, ROLES.kb_editor],
  },
  { name: 'audit', path: '/audit', titleKey: 'menu.audit', roles: [ROLES.auditor] },
  { name: 'report', path: '/report', titleKey: 'report.title', roles: [ROLES.commander, ROLES.shift_lead] },
  { name: 'health', path: '/health', titleKey: 'menu.health', roles: [ROLES.admin, ROLES.shift_lead, ROLES.commander] },
];

/** True when the user holds one of the required roles; no requirement means any signed-in user. */
export function canAccess(required: readonly Role[] | undefined, userRoles: readonly Role[]): boolean {
  if (!required || required.length === 0) return true;
  return required.some((role) => userRoles.includes(role));
}
