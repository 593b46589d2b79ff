/**
 * Configuration changes across processes (modules/config-changes/config-bus.ts): this API copy
 * listens, clears its caches, and relays each change to the consoles as `/ws` topic `config`.
 * Routes announce a committed change with `await app.configChanged(['units'])`.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { listenConfigChanges, publishConfigChange, type ConfigTopic } from '../modules/config-changes/config-bus.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Announces committed configuration changes to every process and console. */
    configChanged(topics: readonly ConfigTopic[]): Promise<void>;
  }
}

async function configBusPlugin(app: FastifyInstance): Promise<void> {
  const subscription = await listenConfigChanges(app.config.redis, app.config.redisPrefix, (topics) => {
    void app.publishLive('config', { topics }).catch(() => undefined);
  });
  app.decorate('configChanged', async (topics: readonly ConfigTopic[]) => {
    await publishConfigChange(app.redis, app.config.redisPrefix, topics);
  });
  app.addHook('onClose', async () => subscription.close());
}

export default fp(configBusPlugin, { name: 'config-bus', dependencies: ['realtime'] });
