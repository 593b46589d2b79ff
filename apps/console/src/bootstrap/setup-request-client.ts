import { ElMessage } from 'element-plus';
import type { Pinia } from 'pinia';
import type { Router } from 'vue-router';
import { watch } from 'vue';
import { ApiError } from '#/api/api-error';
import { requestClient } from '#/api/client';
import { describeApiError } from '#/api/error-message';
import { saveFormDrafts } from '#/composables/use-form-draft';
import { getLiveSocket, LIVE_STATUS } from '#/composables/use-live-socket';
import { i18n } from '#/locales';
import { useSessionStore } from '#/stores/session.store';

/**
 * Connects the request client to the UI: one toast per failed request, and on an expired
 * session the open forms are saved and the user goes to login, to come back to the same page.
 * The live socket closing because the session ended (signed out in another tab, idle time)
 * does the same; this tab's own sign-out does not.
 */
export function setupRequestClient(router: Router, pinia: Pinia): void {
  const translator = {
    t: (key: string) => i18n.global.t(key),
    te: (key: string) => i18n.global.te(key),
  };
  let isRedirecting = false;

  function sendToLogin(error: ApiError): void {
    if (isRedirecting) return;
    const current = router.currentRoute.value;
    const session = useSessionStore(pinia);
    // The drafts are kept for this user only: another user signing in here never gets them.
    const owner = session.user?.id;
    session.clearSession();
    if (current.name === 'login') return;
    isRedirecting = true;
    saveFormDrafts(owner);
    ElMessage({ type: 'warning', message: describeApiError(error, translator), grouping: true });
    void router.push({ name: 'login', query: { redirect: current.fullPath } }).finally(() => {
      isRedirecting = false;
    });
  }

  requestClient.configure({
    onError(error: ApiError) {
      ElMessage({ type: 'error', message: describeApiError(error, translator), grouping: true });
    },
    onUnauthenticated: sendToLogin,
  });

  const live = getLiveSocket();
  watch(live.status, (status) => {
    const session = useSessionStore(pinia);
    if (status !== LIVE_STATUS.unauthenticated || session.isSigningOut || !session.isAuthenticated) return;
    const code = live.closeReason.value === 'session_expired' ? 'session_expired' : 'session_ended';
    sendToLogin(new ApiError({ status: 401, code, message: code }));
  });
}
