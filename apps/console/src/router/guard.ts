import type { Pinia } from 'pinia';
import type { Router } from 'vue-router';
import { i18n } from '#/locales';
import { filterMenuByRoles } from '#/layouts/basic-layout/data';
import { useSessionStore } from '#/stores/session.store';
import { canAccess, NAV_ITEMS } from './nav-items';
import { sanitizeRedirect } from './redirect';

/** The first page this user may open, or `home` (which then explains there is none). */
export function findHomePath(roles: Parameters<typeof filterMenuByRoles>[1]): string {
  return filterMenuByRoles(NAV_ITEMS, roles)[0]?.path ?? '/';
}

/**
 * Sends anonymous users to login (keeping where they were going), signed-in users away from
 * login, and users without the page's role to 403. The session is probed once per page load.
 */
export function installAuthGuard(router: Router, pinia: Pinia): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    if (!session.isChecked) {
      // A network failure is toasted by the client; the user lands on login and can retry.
      await session.fetchMe().catch(() => null);
    }
    // A sign-in that owes a second factor goes nowhere else: the code (on the login page) or the enrolment.
    if (session.step === 'mfa_code') return to.name === 'login' ? true : { name: 'login' };
    if (session.step === 'mfa_enrol') return to.name === 'mfa-setup' ? true : { name: 'mfa-setup' };
    // A one-time password (an administrator's reset) is changed before anything else: the API refuses the rest.
    if (session.isAuthenticated && session.user?.mustChangePassword) {
      return to.name === 'change-password' ? true : { name: 'change-password' };
    }
    if (to.name === 'mfa-setup') return session.isAuthenticated ? { name: 'account-security' } : { name: 'login' };
    if (to.meta.public) {
      if (to.name === 'login' && session.isAuthenticated) {
        return sanitizeRedirect(to.query.redirect) ?? findHomePath(session.roles);
      }
      return true;
    }
    if (!session.isAuthenticated) {
      return to.fullPath === '/' ? { name: 'login' } : { name: 'login', query: { redirect: to.fullPath } };
    }
    if (to.name === 'home') {
      const home = findHomePath(session.roles);
      return home === '/' ? true : home;
    }
    if (!canAccess(to.meta.roles, session.roles)) return { name: 'forbidden' };
    return true;
  });

  router.afterEach((to) => {
    if (typeof document === 'undefined') return;
    const { t } = i18n.global;
    const page = to.meta.titleKey ? t(to.meta.titleKey) : '';
    document.title = page ? `${page} · ${t('app.name')}` : t('app.fullName');
  });
}
