import type { Role } from '@yixian/domain';
import 'vue-router';

export {};

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login). */
    public?: boolean;
    /** Any one of these roles may open the page. */
    roles?: readonly Role[];
    /** vue-i18n key of the page title. */
    titleKey?: string;
  }
}
