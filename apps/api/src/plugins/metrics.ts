/**
 * `GET /metrics`: the Prometheus exposition of the whole deployment, for the configured scraper
 * only (METRICS_TOKEN and/or METRICS_ALLOW, config/read-metrics.ts). Unconfigured, it answers 404
 * like any unknown path: nothing tells a stranger it exists. A refused scrape answers 401 (no or
 * wrong token) or 403 (an address not allowed) and is audited like any refused access.
 *
 * What it serves (runtime/metrics-snapshots.ts): this API copy's registry (HTTP latency and
 * errors per route, Node's health), every other process's snapshot from Redis (API copies,
 * workers, bridges), and the deployment's state read at scrape time (modules/metrics/
 * cluster-metrics.ts). Every copy serves the same whole, so a scraper reads one target: the
 * proxy or any one copy. Route labels are route patterns (`/api/tickets/:id`), never the URL.
 */
import { hostname } from 'node:os';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { METRICS_CONTENT_TYPE, createProcessRegistry, metricsProcessName, readMetricsSnapshots, renderMetrics, startMetricsPublisher } from '@yixian/runtime';
import { AppError } from '../lib/app-error.js';
import { AUDIT_ACTIONS } from '../modules/audit/audit.service.js';
import { collectClusterMetrics } from '../modules/metrics/cluster-metrics.js';
import { createScraperCheck } from '../modules/metrics/scraper-access.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This API copy's metrics: its `process` label, and a publish now (else every 5 s). */
    metrics: { processName: string; publish(): Promise<void> };
  }
}

export const METRICS_PATH = '/metrics';
/** API instances built in this process so far: a second one (tests, one process) gets a name of its own. */
let instances = 0;
/** The label of requests no route matched (their URL is never a label). */
const UNMATCHED_ROUTE = 'unmatched';

async function metricsPlugin(app: FastifyInstance): Promise<void> {
  instances += 1;
  const processName = metricsProcessName('api', `${hostname()}-${process.pid}${instances > 1 ? `-${instances}` : ''}`);
  const registry = createProcessRegistry(processName);
  const labelNames = ['method', 'route', 'status_code'] as const;
  const duration = new Histogram({
    name: 'yixian_http_request_duration_seconds', help: 'Time from request to answer, per route pattern, method and status',
    labelNames, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const errors = new Counter({ name: 'yixian_http_request_errors_total', help: 'Answers with a 5xx status, per route pattern, method and status', labelNames, registers: [registry] });
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_code: String(reply.statusCode) };
    duration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc(labels);
  });

  // Published for the other API copies; every copy serves its own registry live.
  const publisher = startMetricsPublisher(app.redis, app.config.redisPrefix, registry, processName);
  app.addHook('onClose', async () => publisher.stop());
  app.decorate('metrics', { processName, publish: publisher.publish });

  const access = app.config.metrics;
  const check = createScraperCheck(access);
  app.get(METRICS_PATH, { schema: { hide: true } }, async (request, reply) => {
    if (!access.enabled) throw new AppError('not_found', `No route GET ${METRICS_PATH}`);
    const refusal = check(request.ip, request.headers.authorization);
    if (refusal !== null) {
      const isAddress = refusal === 'address_not_allowed';
      const error = isAddress
        ? new AppError('forbidden', 'This address may not read the metrics (METRICS_ALLOW)')
        : new AppError('unauthenticated', 'Send the metrics token as Authorization: Bearer <token>');
      await app.audit(request, {
        action: isAddress ? AUDIT_ACTIONS.accessDenied : AUDIT_ACTIONS.unauthenticated,
        outcome: 'denied', resource: `GET ${METRICS_PATH}`, reason: error.code, details: { refusal },
      });
      if (!isAddress) reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw error;
    }
    const [own, others, cluster] = await Promise.all([
      registry.getMetricsAsJSON(),
      readMetricsSnapshots(app.redis, app.config.redisPrefix, { except: processName }),
      collectClusterMetrics({ redis: app.redis, redisPrefix: app.config.redisPrefix, prisma: app.prisma, pbxId: app.config.pbxId }),
    ]);
    return reply.type(METRICS_CONTENT_TYPE).send(await renderMetrics([own, ...others, cluster]));
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['infrastructure', 'security'] });
