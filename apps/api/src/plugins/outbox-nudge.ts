/**
 * After a state-changing request succeeds, its transaction may have left outbox rows (deadline
 * jobs, notifications): wake the workers' dispatchers at once instead of at their next pass.
 * A lost nudge costs only latency; the repeatable pass still delivers. A route whose request
 * surely wrote no row (a plain intake) says so with `markOutboxUntouched`, and no worker is woken
 * for nothing.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { nudgeOutbox } from '../modules/outbox/add-to-outbox.js';

declare module 'fastify' {
  interface FastifyRequest {
    outboxUntouched: boolean;
  }
}

/** This request wrote no outbox row: its success wakes no dispatcher. */
export function markOutboxUntouched(request: FastifyRequest): void {
  request.outboxUntouched = true;
}

async function outboxNudgePlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('outboxUntouched', false);
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 400 && request.url.startsWith('/api/') && !request.outboxUntouched) {
      await nudgeOutbox(app.redis, app.config.redisPrefix);
    }
  });
}

export default fp(outboxNudgePlugin, { name: 'outbox-nudge', dependencies: ['infrastructure'] });
