import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import type { NotificationView } from '#/api/notifications';
import { isNotificationPush, useNotificationsStore } from './notifications.store';

/** A stand-in for the API's two notification routes, over real HTTP, with its own state per test. */
let server: Server;
let entries: NotificationView[] = [];
const seen: string[] = [];

const entry = (id: string, readAt: string | null = null): NotificationView => ({
  id, kind: 'dispatch', title: `工单 YX-${id} 已派至本单位`, body: '', ticketId: `t-${id}`, unitId: 'gt-s01g01', userId: null,
  createdAt: '2025-03-10T08:00:00.000Z', readAt,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/api/notifications') {
      return send(200, { total: entries.length, unread: entries.filter((e) => !e.readAt).length, items: entries });
    }
    const read = /^\/api\/notifications\/([^/]+)\/read$/.exec(url.pathname);
    if (req.method === 'POST' && read) {
      const found = entries.find((e) => e.id === read[1]);
      if (!found) return send(404, { statusCode: 404, code: 'not_found', message: 'No such notification' });
      found.readAt = '2025-03-10T09:00:00.000Z';
      return send(200, found);
    }
    return send(500, { statusCode: 500, code: 'internal_error', message: 'boom' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  setActivePinia(createPinia());
  const { port } = server.address() as AddressInfo;
  requestClient.configure({ baseUrl: `http://127.0.0.1:${port}/api`, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
  entries = [entry('a'), entry('b', '2025-03-10T08:30:00.000Z')];
  seen.length = 0;
});

describe('notifications store', () => {
  it('loads the newest entries with the unread count', async () => {
    const store = useNotificationsStore();
    await store.fetchNotifications();
    expect(store.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(store.unread).toBe(1);
    expect(store.hasUnread).toBe(true);
    expect(seen).toEqual(['GET /api/notifications?pageSize=20']);
  });

  it('marks an entry read once and lowers the badge', async () => {
    const store = useNotificationsStore();
    await store.fetchNotifications();
    await store.markRead('a');
    await store.markRead('a');
    await store.markRead('b');
    expect(store.unread).toBe(0);
    expect(store.items[0]?.readAt).not.toBeNull();
    expect(seen.filter((s) => s.startsWith('POST'))).toEqual(['POST /api/notifications/a/read']);
  });

  it('applies a live push at once, once, and ignores other payloads', async () => {
    const store = useNotificationsStore();
    await store.fetchNotifications();
    const push = { type: 'notification', id: 'c', kind: 'reminder', ticketId: 't-c', title: '工单 YX-c 催办' };
    expect(store.applyLivePush(push)).toBe(true);
    expect(store.applyLivePush(push)).toBe(true);
    expect(store.applyLivePush({ type: 'call.ringing', linkedid: 'x' })).toBe(false);
    expect(store.applyLivePush(null)).toBe(false);
    expect(store.items.map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(store.unread).toBe(2);
    expect(store.pushCount).toBe(1);
  });

  it('records a failed load and keeps what it had', async () => {
    const store = useNotificationsStore();
    await store.fetchNotifications();
    requestClient.configure({ baseUrl: 'http://127.0.0.1:1/api' });
    await expect(store.fetchNotifications()).rejects.toMatchObject({ code: 'network_error' });
    expect(store.hasFailed).toBe(true);
    expect(store.items).toHaveLength(2);
  });
});

describe('isNotificationPush', () => {
  it('accepts only well-formed notification pushes', () => {
    expect(isNotificationPush({ type: 'notification', id: '1', kind: 'dispatch', ticketId: null, title: 't' })).toBe(true);
    expect(isNotificationPush({ type: 'notification', id: '', kind: 'dispatch', ticketId: null, title: 't' })).toBe(false);
    expect(isNotificationPush({ type: 'notification', id: '1', kind: 'dispatch', ticketId: 5, title: 't' })).toBe(false);
    expect(isNotificationPush('notification')).toBe(false);
  });
});
