/**
 * Serves the built console at `/` with history-mode fallback: any GET outside /api and /ws
 * that is not a file gets index.html.
 */
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

async function consolePlugin(app: FastifyInstance): Promise<void> {
  const root = app.config.consoleDist;
  if (!root || !existsSync(root)) {
    app.log.warn({ root }, 'console build not found; serving the API only');
    return;
  }
  await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api') || request.url.startsWith('/ws')) {
      return reply.status(404).send({ statusCode: 404, code: 'not_found', message: `No route GET ${request.url.split('?')[0]}` });
    }
    return reply.sendFile('index.html');
  });
}

export default fp(consolePlugin, { name: 'console', dependencies: ['infrastructure'] });
