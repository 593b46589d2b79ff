/**
 * The queue dashboard (bull-board) at `/api/admin/queues`, for administrators only: every queue of
 * the job registry and this PBX's command queue, with their jobs (ids only in payloads) and
 * failures. Its routes sit under /api, so the one access check (security.ts) guards them like any
 * administration route: no session 401, another role 403, both audited; a second factor where the
 * role needs one.
 *
 * Read-only: the dashboard's own page sends its requests without the CSRF header every
 * state-changing request must carry, so retrying, promoting or removing jobs from it could only
 * work by weakening that check; an operator retries through the worker (jobs are idempotent).
 *
 * The page needs one relaxation of the Content-Security-Policy, on its own answers only: inline
 * styles (its loading placeholder carries a <style> block). The link to its Google font is taken
 * out of the page: an administrator's browser asks no server but ours (and the CSP would refuse it).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { ROLES } from '@yixian/domain';
import { bullPrefix, pbxCommandsQueue } from '@yixian/runtime';
import { AppError } from '../lib/app-error.js';
import { QUEUES } from '../jobs/registry.js';
import { CONTENT_SECURITY_POLICY } from './headers.js';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';
/** The page's <link> to a stylesheet on another origin (its font). */
const FOREIGN_STYLESHEET = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>/g;
/** BullMQ job ids here: counters, or the project's own ids (`ticket-…-v2`, `pbx1-1718…-call.offered…`). */
const JOB_ID = /^[\w.-]{1,200}$/;

const DASHBOARD_CSP = Object.entries({ ...CONTENT_SECURITY_POLICY, 'style-src': [...CONTENT_SECURITY_POLICY['style-src'], "'unsafe-inline'"] })
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

async function queueDashboardPlugin(app: FastifyInstance): Promise<void> {
  const names = [...QUEUES.map((queue) => queue.name), pbxCommandsQueue(app.config.pbxId)];
  // On the API's own connection: the dashboard only reads.
  const queues = names.map((name) => new Queue(name, { connection: app.redis, prefix: bullPrefix(app.config.redisPrefix) }));
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: '一线 · 队列' } },
  });
  // Errors (the access check's refusals included) go on to the app's one error handler, so they
  // keep its shape and hide internals; Fastify hands what an error handler throws to its parent's.
  serverAdapter.setErrorHandler((error) => {
    throw error;
  });
  app.guardRoutesUnder(QUEUE_DASHBOARD_PATH, [ROLES.admin]);
  await app.register(async (scope) => {
    // The dashboard's page answers any `/queue/:queueName/:jobId` with itself: a queue it does not
    // show, or an id no job can have, is a 404 here (its API already refuses an unknown queue).
    scope.addHook('preHandler', async (request) => {
      const { queueName, jobId } = (request.params ?? {}) as { queueName?: string; jobId?: string };
      if (queueName !== undefined && !names.includes(queueName)) throw new AppError('not_found', 'No such queue', { field: 'queueName' });
      if (jobId !== undefined && !JOB_ID.test(jobId)) throw new AppError('not_found', 'No such job', { field: 'jobId' });
    });
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', DASHBOARD_CSP);
      const isPage = typeof payload === 'string' && String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      return isPage ? payload.replace(FOREIGN_STYLESHEET, '') : payload;
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });
}

export default fp(queueDashboardPlugin, { name: 'queue-dashboard', dependencies: ['infrastructure', 'security', 'headers'] });
