/**
 * Several API copies (API_PROCESSES > 1) on one database and Redis: what one copy knows of a
 * client, every copy knows — a session signed in on one is valid on the other and signed out
 * there for both; the per-address sign-in limit is one count across copies, not one per copy.
 * (Pushes across copies: socket-session.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';

const LIMIT = 6;
let t: TestApp;
let other: FastifyInstance;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT: String(LIMIT) });
  other = await buildApp({ config: t.app.config, clock: t.clock, logger: false });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

describe('two API copies', () => {
  it('share sessions: signed in on one, valid on the other; signed out on the other, gone on both', async () => {
    const session = await login(t.app, 'demo-agent');
    const me = (app: FastifyInstance) => app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect((await me(other)).statusCode).toBe(200);
    expect((await other.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers })).statusCode).toBe(204);
    expect((await me(t.app)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
  });

  it('count one sign-in limit per address across copies', async () => {
    const statuses: number[] = [];
    // Attempts alternate between the copies, from one address, on different accounts.
    for (let i = 0; i < LIMIT + 4; i++) {
      const app = i % 2 === 0 ? t.app : other;
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.70', payload: { username: `guess-${i}`, password: 'wrong' } })).statusCode);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429, 429]);
  });
});
