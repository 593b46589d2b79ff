import type { Pinia } from 'pinia';
import type { Router } from 'vue-router';
import type { ApiError } from '#/api/api-error';
import { requestClient } from '#/api/client';
import { describeApiError } from '#/api/error-message';
import { i18n } from '#/locales';
import { useSessionStore } from '#/stores/session.store';
import { showToast } from './composables/use-toast';

/**
 * Connects the shared request client to the phone app: a failed request the page did not handle
 * is said in words in a toast; a session that ended sends the worker to the sign-in page and back.
 */
export function setupPhoneRequestClient(router: Router, pinia: Pinia): void {
  const translator = { t: (key: string) => i18n.global.t(key), te: (key: string) => i18n.global.te(key) };
  let isRedirecting = false;
  requestClient.configure({
    onError(error: ApiError) {
      showToast(describeApiError(error, translator), 'error');
    },
    onUnauthenticated(error: ApiError) {
      const session = useSessionStore(pinia);
      session.clearSession();
      const current = router.currentRoute.value;
      if (isRedirecting || current.name === 'm-login') return;
      isRedirecting = true;
      showToast(describeApiError(error, translator), 'error');
      void router.push({ name: 'm-login', query: { redirect: current.fullPath } }).finally(() => {
        isRedirecting = false;
      });
    },
  });
}
