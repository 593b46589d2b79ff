/**
 * Per-client request limits (@fastify/rate-limit), counted in Redis so every API copy shares
 * them. Off by default; a route opts in with `config.rateLimit` (sign-in, the public mailbox).
 * The client is `request.ip`: the peer's address, or what a trusted proxy (TRUST_PROXY) says.
 * A refusal answers 429 `rate_limited` with Retry-After, and is audited once per client, route
 * and minute (a flood does not become a flood of audit rows).
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.js';
import { AUDIT_ACTIONS } from '../modules/audit/audit.service.js';

const AUDIT_ONCE_MS = 60_000;

/** A limit per client address and route: `max` requests per `timeWindow` ms. */
export function perClientLimit(rule: { max: number; timeWindow: number }) {
  return {
    max: rule.max,
    timeWindow: rule.timeWindow,
    keyGenerator: (request: FastifyRequest) => `${request.routeOptions.url}|${request.ip}`,
  };
}

async function rateLimitsPlugin(app: FastifyInstance): Promise<void> {
  const auditOnce = async (request: FastifyRequest, key: string) => {
    const first = await app.redis.set(`${app.config.redisPrefix}rate-audited:${key}`, '1', 'PX', AUDIT_ONCE_MS, 'NX');
    if (first !== 'OK') return;
    await app.audit(request, {
      action: AUDIT_ACTIONS.rateLimited, outcome: 'denied', resource: `${request.method} ${request.routeOptions.url ?? request.url}`, reason: 'rate_limited',
    });
  };
  await app.register(rateLimit, {
    global: false,
    redis: app.redis,
    nameSpace: `${app.config.redisPrefix}rate:`,
    onExceeded: (request, key) => {
      auditOnce(request, key).catch((error: unknown) => request.log.warn({ err: error }, 'could not audit a rate-limit refusal'));
    },
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests from this address; try again in ${context.after}`, {
        details: { retryAfter: context.after, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      }),
  });
}

export default fp(rateLimitsPlugin, { name: 'rate-limits', dependencies: ['infrastructure', 'security'] });
