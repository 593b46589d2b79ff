/**
 * After a state-changing request succeeds, its transaction may have left outbox rows (deadline
 * jobs, notifications): wake the workers' dispatchers at once instead of at their next pass.
 * A lost nudge costs only latency; the repeatable pass still delivers.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { nudgeOutbox } from '../modules/outbox/add-to-outbox.js';

async function outboxNudgePlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 400 && request.url.startsWith('/api/')) {
      await nudgeOutbox(app.redis, app.config.redisPrefix);
    }
  });
}

export default fp(outboxNudgePlugin, { name: 'outbox-nudge', dependencies: ['infrastructure'] });
