/**
 * Live pushes over `/ws`. Any process publishes on Redis (`<prefix>live:<topic>`); every API
 * copy holds one pattern subscription and forwards each message to its sockets whose actor
 * may see the topic. So API copies scale out without knowing each other.
 *
 * Topics: `queue` (live queue state, centre roles), `wallboard`, `user:<id>` (one user),
 * `unit:<id>` (a unit's handlers: notifications), `agent:<interface>` (the screen pop for the
 * agent whose phone rings), `calls` (call records written).
 */
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { createRedis } from '../lib/redis.js';
import { SESSION_COOKIE } from './security.js';
import { loadActor, type Actor } from '../modules/auth/actor.js';

const CENTRE_ROLES = new Set(['agent', 'shift_lead', 'dispatcher', 'commander']);

declare module 'fastify' {
  interface FastifyInstance {
    /** Publishes to every connected console allowed to see `topic`, across API copies. */
    publishLive(topic: string, payload: unknown): Promise<void>;
  }
}

/** Whether the actor may receive messages on the topic. */
export function canReceive(actor: Actor, topic: string, interfaceTemplate: string): boolean {
  if (topic.startsWith('agent:')) return actor.extension !== null && topic === `agent:${interfaceTemplate.replace('{extension}', actor.extension)}`;
  if (topic === 'queue' || topic === 'wallboard' || topic === 'calls') return actor.roles.some((role) => CENTRE_ROLES.has(role));
  if (topic.startsWith('user:')) return topic === `user:${actor.id}`;
  if (topic.startsWith('unit:')) return actor.scope.all || actor.scope.unitIds.includes(topic.slice(5)) || actor.unitId === topic.slice(5);
  return false;
}

async function realtimePlugin(app: FastifyInstance): Promise<void> {
  const channelPrefix = `${app.config.redisPrefix}live:`;
  const sockets = new Map<WebSocket, Actor>();
  const subscriber = createRedis(app.config.redisUrl, { name: 'api-live', waitForever: true });
  await subscriber.connect();
  await subscriber.psubscribe(`${channelPrefix}*`);
  subscriber.on('pmessage', (_pattern, channel, message) => {
    const topic = channel.slice(channelPrefix.length);
    const frame = `{"topic":${JSON.stringify(topic)},"payload":${message}}`;
    for (const [socket, actor] of sockets) {
      if (socket.readyState === socket.OPEN && canReceive(actor, topic, app.config.agentInterfaceTemplate)) socket.send(frame);
    }
  });

  app.decorate('publishLive', async (topic: string, payload: unknown) => {
    await app.redis.publish(`${channelPrefix}${topic}`, JSON.stringify(payload));
  });

  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.get('/ws', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const sid = request.cookies[SESSION_COOKIE];
    const found = sid ? await app.sessions.touch(sid, app.clock.now()) : { status: 'missing' as const };
    // A sign-in that still owes a second factor is no session here.
    const actor = found.status === 'active' && !found.session.step ? await loadActor(app.prisma, found.session.userId) : null;
    if (!actor || actor.status !== 'active') {
      socket.close(4401, found.status === 'expired' ? 'session_expired' : 'unauthenticated');
      return;
    }
    sockets.set(socket, actor);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      if (String(data) === 'ping') socket.send('pong');
    });
    socket.send(JSON.stringify({ topic: 'hello', payload: { userId: actor.id } }));
  });

  app.addHook('onClose', async () => {
    for (const socket of sockets.keys()) socket.close(1001, 'server shutting down');
    await subscriber.quit().catch(() => subscriber.disconnect());
  });
}

export default fp(realtimePlugin, { name: 'realtime', dependencies: ['infrastructure', 'security'] });
