import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import './bootstrap/service-styles';
import { setupRequestClient } from './bootstrap/setup-request-client';
import { getLocale, i18n, setLocale } from './locales';
import { createAppRouter } from './router';
import './styles/global.css';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter(pinia);
setupRequestClient(router, pinia);
setLocale(getLocale());

app.use(pinia).use(i18n).use(router);
void router.isReady().then(() => app.mount('#app'));
