import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type RouteRecordRaw, type Router } from 'vue-router';
import { i18n } from '#/locales';
import { useSessionStore } from '#/stores/session.store';
import { checkPhoneSession } from './offline/phone-session';
import { findPhoneBlock, sanitizePhoneRedirect } from './session-gate';
// 待发送 is in the first load: it must open without signal even before the service worker has the lazy pages.
import OutboxPage from './views/outbox/index.vue';

/** The phone app's pages under `/m/`; each is a lazy chunk (precached by the service worker). */
export const PHONE_ROUTES: RouteRecordRaw[] = [
  { path: '/login', name: 'm-login', component: () => import('./views/login/index.vue'), meta: { public: true } },
  { path: '/', name: 'm-inbox', component: () => import('./views/inbox/index.vue'), meta: { titleKey: 'mobile.inbox.title' } },
  { path: '/tickets/:id', name: 'm-ticket', component: () => import('./views/ticket/index.vue'), props: true, meta: { titleKey: 'ticket.title' } },
  { path: '/map', name: 'm-map', component: () => import('./views/map/index.vue'), meta: { titleKey: 'mobileMap.title' } },
  { path: '/report', name: 'm-report', component: () => import('./views/report/index.vue'), meta: { titleKey: 'mobile.report.title' } },
  { path: '/notifications', name: 'm-notifications', component: () => import('./views/notifications/index.vue'), meta: { titleKey: 'mobile.notifications.title' } },
  { path: '/outbox', name: 'm-outbox', component: OutboxPage, meta: { titleKey: 'mobile.outbox.title' } },
  { path: '/me', name: 'm-me', component: () => import('./views/me/index.vue'), meta: { titleKey: 'mobile.me.title' } },
  { path: '/:rest(.*)*', redirect: { name: 'm-inbox' } },
];

/**
 * The phone router (HTML5 history under `/m/`: the API serves the phone page for any path there).
 * Anyone not fully signed in, or whose account the phone app cannot serve yet, stays on the
 * sign-in page, which says why and what to do.
 */
export function createPhoneRouter(pinia: Pinia): Router {
  const router = createRouter({ history: createWebHistory('/m/'), routes: PHONE_ROUTES });
  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    if (!session.isChecked) await checkPhoneSession(session);
    const isUsable = session.isAuthenticated && findPhoneBlock(session) === null;
    if (to.name === 'm-login') return isUsable ? (sanitizePhoneRedirect(to.query.redirect) ?? { name: 'm-inbox' }) : true;
    if (isUsable) return true;
    return to.fullPath === '/' || session.user ? { name: 'm-login' } : { name: 'm-login', query: { redirect: to.fullPath } };
  });
  router.afterEach((to) => {
    const { t } = i18n.global;
    const key = to.meta.titleKey;
    document.title = key ? `${t(key)} · ${t('mobile.appName')}` : t('mobile.appName');
  });
  return router;
}
