import { ROLES } from '@yixian/domain';
import type { RouteComponent, RouteRecordRaw } from 'vue-router';
import { NAV_ITEMS } from './nav-items';
import { ADMIN_SECTIONS } from './admin-sections';

type Loader = () => Promise<RouteComponent | { default: RouteComponent }>;

/** Each menu page is its own lazy chunk, so the first load carries only login and the layout. */
const PAGE_LOADERS: Record<string, Loader> = {
  desk: () => import('#/views/agent/desk/index.vue'),
  worklists: () => import('#/views/agent/worklists/index.vue'),
  inbox: () => import('#/views/inbox/index.vue'),
  dispatch: () => import('#/views/dispatch/index.vue'),
  tickets: () => import('#/views/tickets/search/index.vue'),
  wallboard: () => import('#/views/shift-lead/wallboard/index.vue'),
  'command-hall': () => import('#/views/command-hall/index.vue'),
  stats: () => import('#/views/stats/overview/index.vue'),
  assessment: () => import('#/views/assessment/overview/index.vue'),
  admin: () => import('#/views/admin/index.vue'),
  knowledge: () => import('#/views/knowledge/index.vue'),
  audit: () => import('#/views/auditor/audit-log/index.vue'),
  health: () => import('#/views/system/health/index.vue'),
  report: () => import('#/views/report/monthly/index.vue'),
  incidents: () => import('#/views/incidents/list/index.vue'),
  duty: () => import('#/views/duty/index.vue'),
  resources: () => import('#/views/resources/index.vue'),
  'response-plans': () => import('#/views/incidents/plans/index.vue'),
  warnings: () => import('#/views/warnings/index.vue'),
};

const adminChildren: RouteRecordRaw[] = [
  { path: '', name: 'admin-home', component: () => import('#/views/admin/admin-home.vue'), meta: { roles: NAV_ITEMS.find((item) => item.name === 'admin')?.roles, titleKey: 'menu.admin' } },
  ...ADMIN_SECTIONS.map((section) => ({
    path: section.path, name: section.name, component: section.load, meta: { roles: section.roles, titleKey: section.titleKey },
  })),
];

const menuRoutes: RouteRecordRaw[] = NAV_ITEMS.map((item) => {
  const loader = PAGE_LOADERS[item.name];
  if (!loader) throw new Error(`No page component for menu item "${item.name}"`);
  return {
    path: item.path.slice(1),
    name: item.name,
    component: loader,
    meta: { roles: item.roles, titleKey: item.titleKey },
    // 系统管理's sections are its child routes; /admin opens the first one the user may see.
    ...(item.name === 'admin' ? { children: adminChildren } : {}),
  };
});

/** Everyone who reads tickets (the API's TICKET_READERS): admin and auditor do not. */
const TICKET_READER_ROLES = [
  ROLES.agent, ROLES.shift_lead, ROLES.dispatcher, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member, ROLES.commander,
];

export const ROUTES: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('#/views/login/index.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  // A role that requires a second factor sets it up here before anything else (the guard sends it).
  { path: '/mfa-setup', name: 'mfa-setup', component: () => import('#/views/account/mfa-setup/index.vue'), meta: { public: true, titleKey: 'mfa.setupTitle' } },
  // Changing one's password (the user menu's entry; a one-time password's only page, see the guard).
  { path: '/password', name: 'change-password', component: () => import('#/views/account/password/index.vue'), meta: { titleKey: 'password.title' } },
  // The citizens' mailbox: public, outside the staff layout.
  { path: '/mailbox', name: 'mailbox', component: () => import('#/views/mailbox/write/index.vue'), meta: { public: true, titleKey: 'mailbox.title' } },
  { path: '/mailbox/lookup', name: 'mailbox-lookup', component: () => import('#/views/mailbox/lookup/index.vue'), meta: { public: true, titleKey: 'mailbox.lookupTab' } },
  // The printable routing slip (流转单): a page of its own, without the console's frame.
  {
    path: '/tickets/:id/print',
    name: 'ticket-print',
    component: () => import('#/views/tickets/print/index.vue'),
    meta: { roles: TICKET_READER_ROLES, titleKey: 'ticketSearch.print.title' },
  },
  {
    path: '/',
    component: () => import('#/layouts/basic-layout/index.vue'),
    children: [
      // `home` resolves to the first page the user's roles allow (see the guard).
      { path: '', name: 'home', component: () => import('#/views/system/no-access/index.vue') },
      ...menuRoutes,
      // Not in the menu: opened from the inbox, the dispatch view, notifications and the desk.
      {
        path: 'tickets/:id',
        name: 'ticket-detail',
        component: () => import('#/views/tickets/index.vue'),
        meta: { roles: TICKET_READER_ROLES, titleKey: 'ticket.title' },
      },
      // Incidents (issue 16): the report form and the detail, opened from the list, the inbox and notifications.
      { path: 'incidents/new', name: 'incident-new', component: () => import('#/views/incidents/new/index.vue'), meta: { roles: NAV_ITEMS.find((item) => item.name === 'incidents')?.roles, titleKey: 'incident.form.title' } },
      { path: 'incidents/:id', name: 'incident-detail', component: () => import('#/views/incidents/detail/index.vue'), meta: { roles: NAV_ITEMS.find((item) => item.name === 'incidents')?.roles, titleKey: 'incident.detail.title' } },
      // Every signed-in user's own second factor (from the user menu).
      {
        path: 'account/security',
        name: 'account-security',
        component: () => import('#/views/account/security/index.vue'),
        meta: { titleKey: 'mfa.title' },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('#/views/system/forbidden/index.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('#/views/system/not-found/index.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
];
