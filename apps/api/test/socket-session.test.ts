/**
 * A `/ws` socket lives no longer than its session: sign-out (on this or another API copy) and
 * idle expiry close it with 4401 and a reason, and no push reaches it after. A browser page from
 * another origin cannot open one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

const UNIT = 'dept-urban-management';
const PUBLIC_ORIGIN = 'https://12345.example.gov.cn';
let t: TestApp;
let other: FastifyInstance;
let baseUrl: string;
let otherUrl: string;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_ORIGIN });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // A second API copy on the same database and Redis, as in a deployment with several processes.
  other = await buildApp({ config: t.app.config, clock: t.clock, logger: false });
  otherUrl = await other.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

interface OpenSocket {
  socket: WebSocket;
  topics: string[];
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens /ws and resolves after its `hello`; records every topic received. */
function openSocket(url: string, session: Session, headers: Record<string, string> = {}): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`, { headers: { cookie: session.cookie, ...headers } });
    const topics: string[] = [];
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      socket.on('close', (code, reason) => done({ code, reason: String(reason) }));
    });
    const timer = setTimeout(() => reject(new Error('no hello')), 10_000);
    socket.on('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    socket.on('error', reject);
    socket.on('message', (data) => {
      const { topic } = JSON.parse(String(data)) as { topic: string };
      topics.push(topic);
      if (topic === 'hello') {
        clearTimeout(timer);
        resolve({ socket, topics, closed });
      }
    });
  });
}

function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

/** Publishes to the unit, then proves delivery order by a second frame to a topic only the witness gets. */
async function pushToUnit(witness: OpenSocket): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    witness.socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { topic: string }).topic === `unit:${UNIT}`) resolve();
    });
  });
  await t.app.publishLive(`unit:${UNIT}`, { type: 'notification', title: 'after sign-out' });
  await within(seen, 'the witness got the push');
}

describe('/ws and the session', () => {
  it('closes the socket with 4401 when its session signs out, on this API copy and on another', async () => {
    const witness = await openSocket(baseUrl, await login(t.app, 'demo-dept'));
    const session = await login(t.app, 'demo-dept');
    const here = await openSocket(baseUrl, session);
    const there = await openSocket(otherUrl, session);

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect(await within(here.closed, 'close on this copy')).toEqual({ code: 4401, reason: 'session_ended' });
    expect(await within(there.closed, 'close on the other copy')).toEqual({ code: 4401, reason: 'session_ended' });

    await pushToUnit(witness);
    expect(here.topics).toEqual(['hello']);
    expect(there.topics).toEqual(['hello']);
    witness.socket.close();
  });

  it('stops pushing once the session idled out, and closes with session_expired', async () => {
    const idle = await openSocket(baseUrl, await login(t.app, 'demo-dept'));
    const inUse = await login(t.app, 'demo-dept');
    const witness = await openSocket(baseUrl, inUse);

    t.clock.advance(29 * 60_000);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: inUse.cookie } })).statusCode).toBe(200);
    t.clock.advance(2 * 60_000);

    await pushToUnit(witness);
    expect(await within(idle.closed, 'close after idle time')).toEqual({ code: 4401, reason: 'session_expired' });
    expect(idle.topics).toEqual(['hello']);
    expect(await t.prisma.auditLog.count({ where: { action: 'auth.session_expired', resource: 'GET /ws' } })).toBe(1);
    witness.socket.close();
  });

  it('pushes what one API copy publishes to a socket held by another', async () => {
    const there = await openSocket(otherUrl, await login(t.app, 'demo-dept'));
    // pushToUnit publishes on this copy (t.app); the socket is on the other one.
    await pushToUnit(there);
    expect(there.topics).toEqual(['hello', `unit:${UNIT}`]);
    there.socket.close();
  });

  it('keeps pushing to a socket whose session is in use', async () => {
    const session = await login(t.app, 'demo-dept');
    const live = await openSocket(baseUrl, session);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(20 * 60_000);
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    }
    await pushToUnit(live);
    expect(live.topics).toEqual(['hello', `unit:${UNIT}`]);
    live.socket.close();
  });
});

describe('/ws and the Origin', () => {
  it('refuses an upgrade from another origin with 403, and audits it', async () => {
    const session = await login(t.app, 'demo-dept');
    const refused = await openSocket(baseUrl, session, { origin: 'https://evil.example' }).catch((error: Error) => error.message);
    expect(refused).toBe('upgrade refused: 403');
    expect(await t.prisma.auditLog.count({ where: { action: 'access.origin_rejected', outcome: 'denied' } })).toBe(1);
  });

  it('lets in the page\'s own host and the configured public origin', async () => {
    const session = await login(t.app, 'demo-dept');
    const sameHost = await openSocket(baseUrl, session, { origin: baseUrl });
    const publicOrigin = await openSocket(baseUrl, session, { origin: PUBLIC_ORIGIN });
    expect(sameHost.topics).toEqual(['hello']);
    expect(publicOrigin.topics).toEqual(['hello']);
    sameHost.socket.close();
    publicOrigin.socket.close();
  });
});
