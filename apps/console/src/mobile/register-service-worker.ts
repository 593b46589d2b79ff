/**
 * Registers the phone app's service worker (scope `/m/`, precaching the app shell; built by
 * vite-plugin-pwa, see `build/phone-pwa.plugin.ts`), from a lazy chunk. A browser without service
 * workers, or a failed registration, leaves the app working online. A new version takes over at
 * once (`autoUpdate`) and the page reloads into it.
 *
 * Not on the sign-in page: the precache (~190 kB compressed) would share a slow line with the
 * sign-in and the first lists. It is registered once the worker is past the sign-in and the page
 * is idle, so the first online visit still leaves the app ready offline.
 */
import type { Router } from 'vue-router';

/** The sign-in page's route name (router.ts). */
const SIGN_IN_ROUTE = 'm-login';
/** The longest wait for an idle moment before registering anyway. */
const IDLE_TIMEOUT_MS = 3000;

function register(): void {
  void import('virtual:pwa-register')
    .then(({ registerSW }) => registerSW({ immediate: true }))
    .catch(() => undefined);
}

function whenIdle(task: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(task, IDLE_TIMEOUT_MS);
}

export function registerPhoneServiceWorker(router: Router): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (router.currentRoute.value.name !== SIGN_IN_ROUTE) {
    whenIdle(register);
    return;
  }
  const stop = router.afterEach((to) => {
    if (to.name === SIGN_IN_ROUTE) return;
    stop();
    whenIdle(register);
  });
}
