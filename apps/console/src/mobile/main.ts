/**
 * The grid workers' phone app (`/m/`, issue 15): a second page of the console's build sharing its
 * request client, session store and locales, with its own thumb-sized pages and no Element Plus
 * or desk layout, so the first load stays small. The service worker is registered once the
 * worker is past the sign-in page (register-service-worker.ts).
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { getLocale, i18n, setLocale } from '#/locales';
import App from './app.vue';
import { setupPhoneRequestClient } from './setup-request-client';
import { registerPhoneServiceWorker } from './register-service-worker';
import { createPhoneRouter } from './router';
import './styles/mobile.css';

const app = createApp(App);
const pinia = createPinia();
const router = createPhoneRouter(pinia);
setupPhoneRequestClient(router, pinia);
setLocale(getLocale());

app.use(pinia).use(i18n).use(router);
void router.isReady().then(() => {
  app.mount('#app');
  registerPhoneServiceWorker(router);
});
