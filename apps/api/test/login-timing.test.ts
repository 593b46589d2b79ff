/**
 * A locked account must not be told from an unknown name (issue 13 item 13): the same answer,
 * after the same work. Medians of alternating attempts, with a wide margin: a locked account once
 * answered in ~5 ms (no argon2) and a locked unknown name in ~16 ms (a dummy verification). Since
 * the lockout is kept per (name, client address) for both (login-lockout.ts), the two take one path.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const attempt = async (username: string) => {
  const started = performance.now();
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password' } });
  return { ms: performance.now() - started, status: response.statusCode, body: response.json() as Record<string, unknown> };
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('a locked account and an unknown name', () => {
  it('answer alike and take alike', async () => {
    for (let i = 0; i < 5; i++) {
      await attempt('demo-lead');
      await attempt('no-such-account');
    }
    const locked: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 9; i++) {
      const a = await attempt('demo-lead');
      const b = await attempt('no-such-account');
      expect([a.status, b.status]).toEqual([423, 423]);
      expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
      expect({ ...a.body, details: null }).toEqual({ ...b.body, details: null });
      locked.push(a.ms);
      unknown.push(b.ms);
    }
    expect(median(locked), `locked ${locked.map(Math.round)} vs unknown ${unknown.map(Math.round)}`).toBeGreaterThan(median(unknown) * 0.6);
  });
});
