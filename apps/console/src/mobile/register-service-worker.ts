/**
 * Registers the phone app's service worker (scope `/m/`, precaching the app shell; built by
 * vite-plugin-pwa, see `build/phone-pwa.plugin.ts`). Loaded lazily after the first render; a
 * browser without service workers, or a failed registration, leaves the app working online.
 * A new version takes over at once (`autoUpdate`) and the page reloads into it.
 */
export function registerPhoneServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register')
    .then(({ registerSW }) => registerSW({ immediate: true }))
    .catch(() => undefined);
}
