import type { Pinia } from 'pinia';
import { createRouter, createWebHistory, type Router } from 'vue-router';
import { installAuthGuard } from './guard';
import { ROUTES } from './routes';

/** Builds the console router (HTML5 history: the API serves index.html for unknown paths). */
export function createAppRouter(pinia: Pinia): Router {
  const router = createRouter({ history: createWebHistory('/'), routes: ROUTES });
  installAuthGuard(router, pinia);
  return router;
}
