/**
 * Live pushes over `/ws`. Any process publishes on Redis (`<prefix>live:<topic>`); every API
 * copy holds one pattern subscription and forwards each message to its sockets whose actor
 * may see the topic. So API copies scale out without knowing each other.
 *
 * Topics: `queue` (live queue state, centre roles), `wallboard`, `user:<id>` (one user),
 * `unit:<id>` (a unit's handlers: notifications), `agent:<interface>` (the screen pop for the
 * agent whose phone rings), `calls` (call records written), `config` (an administrator changed
 * reference data: every console reloads what it holds of the named topics).
 *
 * A socket lives no longer than its session: a session that ends (sign-out, idle time, on any
 * API copy) closes its sockets at once (`session-ended` on Redis); before a push, a socket
 * whose session may have idled out is re-checked, and a sweep re-checks quiet ones. Closed with
 * 4401 and the reason (`session_ended`, `session_expired`), on which the console goes to login.
 * A browser's upgrade from another Origin is refused (lib/allowed-origin.ts).
 */
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createRedis } from '@yixian/runtime';
import { isAllowedOrigin } from '../lib/allowed-origin.js';
import { AppError } from '../lib/app-error.js';
import { SESSION_COOKIE } from './security.js';
import type { Actor } from '../modules/auth/actor.js';
import { loadCachedActor } from '../modules/auth/actor-cache.js';
import { AUDIT_ACTIONS } from '../modules/audit/audit.service.js';
import { createSocketSessions } from './socket-sessions.js';

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
  if (topic === 'queue' || topic === 'wallboard' || topic === 'calls' || topic === 'incidents') return actor.roles.some((role) => CENTRE_ROLES.has(role));
  if (topic === 'config') return true;
  if (topic.startsWith('user:')) return topic === `user:${actor.id}`;
  if (topic.startsWith('unit:')) return actor.scope.all || actor.scope.unitIds.includes(topic.slice(5)) || actor.unitId === topic.slice(5);
  return false;
}

async function realtimePlugin(app: FastifyInstance): Promise<void> {
  const channelPrefix = `${app.config.redisPrefix}live:`;
  const sockets = createSocketSessions(app);
  const subscriber = createRedis(app.config.redis, { name: 'api-live', waitForever: true });
  await subscriber.connect();
  await subscriber.psubscribe(`${channelPrefix}*`);
  await sockets.listen(subscriber);
  subscriber.on('pmessage', (_pattern, channel, message) => {
    const topic = channel.slice(channelPrefix.length);
    const frame = `{"topic":${JSON.stringify(topic)},"payload":${message}}`;
    sockets.push(frame, (actor) => canReceive(actor, topic, app.config.agentInterfaceTemplate));
  });

  app.decorate('publishLive', async (topic: string, payload: unknown) => {
    await app.redis.publish(`${channelPrefix}${topic}`, JSON.stringify(payload));
  });

  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const refuseOrigin = async (request: FastifyRequest) => {
    if (isAllowedOrigin(request, app.config.publicOrigin)) return;
    await app.audit(request, { action: AUDIT_ACTIONS.originRejected, outcome: 'denied', resource: 'GET /ws', reason: 'origin_not_allowed' });
    throw new AppError('forbidden', 'This page\'s origin may not open the live connection');
  };
  app.get('/ws', { websocket: true, schema: { hide: true }, preValidation: refuseOrigin }, async (socket, request) => {
    const sid = request.cookies[SESSION_COOKIE];
    const found = sid ? await app.sessions.touch(sid, app.clock.now()) : { status: 'missing' as const };
    // A sign-in that still owes a second factor is no session here.
    const actor = found.status === 'active' && !found.session.step ? await loadCachedActor(app.prisma, found.session.userId) : null;
    if (!sid || found.status !== 'active' || !actor || actor.status !== 'active') {
      socket.close(4401, found.status === 'expired' ? 'session_expired' : 'unauthenticated');
      return;
    }
    if (actor.mustChangePassword) {
      socket.close(4403, 'password_change_required');
      return;
    }
    sockets.add(socket, { actor, sid, lastSeenAt: found.session.lastSeenAt });
    socket.on('message', (data) => {
      if (String(data) === 'ping') socket.send('pong');
    });
    socket.send(JSON.stringify({ topic: 'hello', payload: { userId: actor.id } }));
  });

  app.addHook('onClose', async () => {
    sockets.closeAll(1001, 'server shutting down');
    await subscriber.quit().catch(() => subscriber.disconnect());
  });
}

export default fp(realtimePlugin, { name: 'realtime', dependencies: ['infrastructure', 'security'] });
