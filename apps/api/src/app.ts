/**
 * Builds the API. Plugins load in stages (fastify/demo): infrastructure (config, database,
 * Redis), then cross-cutting services (errors, security, docs, realtime), then the domain
 * modules' routes, then the console. Tests build the whole app and call `inject`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { loggerOptions } from '@yixian/runtime';
import type { AppConfig } from './config/config.js';
import { systemClock, type Clock } from './lib/clock.js';
import infrastructure from './plugins/infrastructure.js';
import errors from './plugins/errors.js';
import headers from './plugins/headers.js';
import compression from './plugins/compression.js';
import inputGuard from './plugins/input-guard.js';
import { pickRequestId } from './lib/request-id.js';
import { createValidatorCompiler } from './lib/validator.js';
import security from './plugins/security.js';
import metrics from './plugins/metrics.js';
import queueDashboard from './plugins/queue-dashboard.js';
import rateLimits from './plugins/rate-limits.js';
import docs from './plugins/docs.js';
import realtime from './plugins/realtime.js';
import configBus from './plugins/config-bus.js';
import consoleSite from './plugins/console.js';
import pbxCommands from './modules/pbx/pbx-commands.js';
import outboxNudge from './plugins/outbox-nudge.js';
import { registerModules } from './modules/index.js';

/** How often Node looks for requests past their time limits (its default, 30 s, would let a slow body live that much longer). */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

export interface BuildAppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: boolean;
}

export async function buildApp({ config, clock = systemClock, logger = true }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? loggerOptions(config.logLevel, 'api') : false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // The id is read by genReqId, which refuses a forged one (the header would be taken verbatim).
    requestIdHeader: false,
    genReqId: pickRequestId,
    // Slow or unfinished bodies: the whole request must arrive in time, idle sockets are cut.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    forceCloseConnections: true,
  });
  app.setValidatorCompiler(createValidatorCompiler());

  await app.register(infrastructure, { config, clock });
  await app.register(errors);
  await app.register(headers);
  await app.register(compression);
  await app.register(inputGuard);
  await app.register(security);
  await app.register(metrics);
  await app.register(rateLimits);
  await app.register(docs);
  await app.register(realtime);
  await app.register(configBus);
  await app.register(pbxCommands);
  await app.register(outboxNudge);
  await registerModules(app);
  await app.register(queueDashboard);
  await app.register(consoleSite);
  return app;
}
