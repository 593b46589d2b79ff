/**
 * Serves the built console at `/` with history-mode fallback: any GET outside /api and /ws
 * that is not a file gets index.html. The grid workers' phone app is a second page of the same
 * build: `/m` and anything under `/m/` get mobile.html (its service worker, `/sw.js`, is scoped
 * to `/m/` and serves the same page offline).
 */
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The phone app's path prefix and its page in the build. */
export const PHONE_APP_PREFIX = '/m';
const PHONE_APP_PAGE = 'mobile.html';

/** True for `/m`, `/m/` and anything under it (with or without a query). */
export function isPhoneAppPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === PHONE_APP_PREFIX || path.startsWith(`${PHONE_APP_PREFIX}/`);
}

async function consolePlugin(app: FastifyInstance): Promise<void> {
  const root = app.config.consoleDist;
  if (!root || !existsSync(root)) {
    app.log.warn({ root }, 'console build not found; serving the API only');
    return;
  }
  const hasPhoneApp = existsSync(join(root, PHONE_APP_PAGE));
  // The build writes .br and .gz beside each script, style and page (vite.config.ts): sent as the browser accepts.
  await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'], preCompressed: true });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api') || request.url.startsWith('/ws')) {
      return reply.status(404).send({ statusCode: 404, code: 'not_found', message: `No route GET ${request.url.split('?')[0]}` });
    }
    if (hasPhoneApp && isPhoneAppPath(request.url)) {
      // `/m` → `/m/`: the app's router and its service worker's scope both start at `/m/`.
      if (request.url.split('?')[0] === PHONE_APP_PREFIX) return reply.redirect(`${PHONE_APP_PREFIX}/${request.url.slice(PHONE_APP_PREFIX.length)}`);
      return reply.sendFile(PHONE_APP_PAGE);
    }
    return reply.sendFile('index.html');
  });
}

export default fp(consolePlugin, { name: 'console', dependencies: ['infrastructure'] });
