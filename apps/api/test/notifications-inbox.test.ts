/**
 * The inbox over HTTP and the live push over /ws: a user sees their own and their unit's entries
 * (newest first, unread count), marks them read, and gets the push once the outbox relay is
 * nudged after the commit. notifyUnit is idempotent by dedupe key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRedis } from '@yixian/runtime';
import { createQueueProducer } from '../src/jobs/queue-producer.js';
import { nudgeOutbox } from '../src/modules/outbox/add-to-outbox.js';
import { startOutboxRelay, type OutboxRelay } from '../src/modules/outbox/outbox-relay.js';
import { notifyUnit, notifyUser } from '../src/modules/notifications/notify.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

const UNIT = 'dept-urban-management';
let t: TestApp;
let baseUrl: string;
let dept: Session;
let relay: OutboxRelay;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  dept = await login(t.app, 'demo-dept');
  const redis = createRedis(t.app.config.redis, { waitForever: true });
  const subscriber = createRedis(t.app.config.redis, { waitForever: true });
  await Promise.all([redis.connect(), subscriber.connect()]);
  const producer = createQueueProducer(redis, t.redisPrefix);
  relay = await startOutboxRelay({ prisma: t.prisma, redis, redisPrefix: t.redisPrefix, clock: t.clock, producer }, subscriber);
  cleanups.push(() => relay.stop(), () => producer.close(), () => redis.quit(), () => subscriber.quit());
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await t?.close();
});

function nextMessage(socket: WebSocket, topic: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${topic} message`)), timeoutMs);
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { topic: string; payload: Record<string, unknown> };
      if (frame.topic !== topic) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(frame.payload);
    };
    socket.on('message', onMessage);
  });
}

const get = (url: string, session = dept) => t.app.inject({ url, headers: { cookie: session.cookie } });

describe('notifications', () => {
  it('pushes to the unit over /ws after commit, and the inbox lists own + unit entries', async () => {
    const user = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
    const ticket = await createTicket(t.prisma, { leadUnitId: UNIT });
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws`, { headers: { cookie: dept.cookie } });
    cleanups.push(async () => socket.close());
    await nextMessage(socket, 'hello');

    const pushed = nextMessage(socket, `unit:${UNIT}`);
    await t.prisma.$transaction(async (tx) => {
      await notifyUnit(tx, { unitId: UNIT, ticketId: ticket.id, kind: 'dispatch', dedupeKey: `dispatch-${ticket.id}`, title: `新工单 ${ticket.code}` });
      await notifyUnit(tx, { unitId: 'dept-environment', ticketId: ticket.id, kind: 'dispatch', dedupeKey: `dispatch-env-${ticket.id}`, title: `新工单 ${ticket.code}` });
    });
    await nudgeOutbox(t.app.redis, t.redisPrefix);
    // The text names the ticket's category and lead unit, never their ids.
    const [category, unit] = await Promise.all([
      t.prisma.category.findUniqueOrThrow({ where: { id: ticket.categoryId } }), t.prisma.unit.findUniqueOrThrow({ where: { id: UNIT } }),
    ]);
    const named = `新工单 ${ticket.code}（${category.name} · ${unit.name}）`;
    expect(await pushed).toMatchObject({ type: 'notification', kind: 'dispatch', ticketId: ticket.id, title: named });

    t.clock.advance(60_000);
    await t.prisma.$transaction((tx) => notifyUser(tx, { userId: user.id, ticketId: ticket.id, kind: 'follow_up', dedupeKey: `own-${ticket.id}`, title: '回访到期' }));
    // Redoing the same notification writes nothing.
    await t.prisma.$transaction((tx) => notifyUnit(tx, { unitId: UNIT, ticketId: ticket.id, kind: 'dispatch', dedupeKey: `dispatch-${ticket.id}`, title: 'again' }));
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(3);
    expect(await t.prisma.outbox.count({ where: { dedupeKey: { endsWith: `dispatch-${ticket.id}` } } })).toBe(2); // one push, one SMS

    const inbox = await get('/api/notifications');
    expect(inbox.statusCode).toBe(200);
    const body = inbox.json<{ total: number; unread: number; items: { id: string; title: string; unitId: string | null }[] }>();
    expect(body.total).toBe(2);
    expect(body.unread).toBe(2);
    expect(body.items.map((n) => n.title)).toEqual([`回访到期（${category.name} · ${unit.name}）`, named]);
    expect(body.items.map((n) => n.title).join()).not.toMatch(/env\.noise|dept-urban-management/);
    expect(body.items.every((n) => n.unitId !== 'dept-environment')).toBe(true);
  });

  it('marks an entry read once; another unit’s entry is a 404; bad ids and queries are 400', async () => {
    const mine = await t.prisma.notification.findFirstOrThrow({ where: { unitId: UNIT } });
    const theirs = await t.prisma.notification.findFirstOrThrow({ where: { unitId: 'dept-environment' } });
    const readAt = t.clock.now().toISOString();
    const read = await t.app.inject({ method: 'POST', url: `/api/notifications/${mine.id}/read`, headers: dept.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: mine.id, readAt });
    t.clock.advance(60_000);
    const again = await t.app.inject({ method: 'POST', url: `/api/notifications/${mine.id}/read`, headers: dept.headers });
    expect(again.json()).toMatchObject({ readAt });
    const foreign = await t.app.inject({ method: 'POST', url: `/api/notifications/${theirs.id}/read`, headers: dept.headers });
    expect(foreign.statusCode).toBe(404);
    expect((await t.prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    const unread = (await get('/api/notifications?unreadOnly=true')).json<{ total: number; unread: number }>();
    expect(unread).toMatchObject({ total: 1, unread: 1 });
    expect((await get('/api/notifications?pageSize=0')).statusCode).toBe(400);
    expect((await get('/api/notifications?colour=red')).statusCode).toBe(400);
  });

  it('refuses a notification without a unit or title before writing', async () => {
    await expect(t.prisma.$transaction((tx) => notifyUnit(tx, { unitId: '', ticketId: 'x', kind: 'dispatch', dedupeKey: 'k1', title: 't' }))).rejects.toThrow(/unitId/);
    await expect(t.prisma.$transaction((tx) => notifyUnit(tx, { unitId: UNIT, ticketId: 'x', kind: 'dispatch', dedupeKey: 'k2', title: '' }))).rejects.toThrow(/title/);
    expect(await t.prisma.notification.count({ where: { dedupeKey: { in: ['k1', 'k2'] } } })).toBe(0);
  });
});
