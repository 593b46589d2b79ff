import { ROLES, type Role } from '@yixian/domain';
import type { RouteComponent } from 'vue-router';

/** One tab of 系统管理: its child route under /admin, who may open it, and its page. */
export interface AdminSection {
  name: string;
  path: string;
  titleKey: string;
  roles: readonly Role[];
  load: () => Promise<RouteComponent | { default: RouteComponent }>;
}

/** The job queues' dashboard (the API's `/api/admin/queues`, bull-board): a link beside the tabs, administrators only. */
export const QUEUE_DASHBOARD = { href: '/api/admin/queues', roles: [ROLES.admin] as readonly Role[] } as const;

/**
 * The administration pages. Administrators manage structure and accounts; a department liaison
 * (dept_admin) manages only its own unit's accounts, so it sees the accounts tab alone. The API
 * checks the same rules.
 */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { name: 'admin-accounts', path: 'accounts', titleKey: 'admin.sections.accounts', roles: [ROLES.admin, ROLES.dept_admin], load: () => import('#/views/admin/accounts/index.vue') },
  { name: 'admin-units', path: 'units', titleKey: 'admin.sections.units', roles: [ROLES.admin], load: () => import('#/views/admin/units/index.vue') },
  { name: 'admin-areas', path: 'areas', titleKey: 'admin.sections.areas', roles: [ROLES.admin], load: () => import('#/views/admin/areas/index.vue') },
  { name: 'admin-hotlines', path: 'hotlines', titleKey: 'admin.sections.hotlines', roles: [ROLES.admin], load: () => import('#/views/admin/hotlines/index.vue') },
  { name: 'admin-categories', path: 'categories', titleKey: 'admin.sections.categories', roles: [ROLES.admin], load: () => import('#/views/admin/categories/index.vue') },
  { name: 'admin-rules', path: 'rules', titleKey: 'admin.sections.rules', roles: [ROLES.admin], load: () => import('#/views/admin/rules/index.vue') },
  { name: 'admin-calendar', path: 'calendar', titleKey: 'admin.sections.calendar', roles: [ROLES.admin], load: () => import('#/views/admin/calendar/index.vue') },
];
