/**
 * The per-process copy of the accounts behind requests (auth/actor-cache.ts): served from memory
 * for ACTOR_CACHE_MS, dropped at once by an announced change to accounts or areas, and re-read
 * after its time without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_CACHE_MS, forgetActors, loadCachedActor } from '../src/modules/auth/actor-cache.js';
import { editableAccount } from './helpers/account-edit.js';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let agentId: string;
beforeAll(async () => {
  t = await createTestApp();
  agentId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } })).id;
});
afterAll(async () => t?.close());

const setName = (displayName: string) => t.prisma.user.update({ where: { id: agentId }, data: { displayName } });

describe('the accounts behind requests, per process', () => {
  it('keeps an account for its time, then reads it again; an announced change drops it at once', async () => {
    forgetActors();
    await setName('话务员甲');
    const first = await loadCachedActor(t.prisma, agentId, 1_000);
    expect(first?.displayName).toBe('话务员甲');

    await setName('话务员乙');
    expect((await loadCachedActor(t.prisma, agentId, 1_000 + ACTOR_CACHE_MS - 1))?.displayName).toBe('话务员甲');
    expect((await loadCachedActor(t.prisma, agentId, 1_000 + ACTOR_CACHE_MS))?.displayName).toBe('话务员乙');

    const cachedAt = 1_000 + ACTOR_CACHE_MS;
    for (const [topic, name] of [['accounts', '话务员丙'], ['areas', '话务员丁']] as const) {
      await setName(name);
      await t.app.configChanged([topic]);
      // Within the cached read's time: only the announcement explains the new name.
      expect((await loadCachedActor(t.prisma, agentId, cachedAt + 1))?.displayName).toBe(name);
    }
  });

  it('does not keep a read that was running when a change was announced', async () => {
    forgetActors();
    await setName('读取前');
    const reading = loadCachedActor(t.prisma, agentId, 10_000);
    forgetActors();
    expect((await reading)?.displayName).toBe('读取前');
    await setName('读取后');
    expect((await loadCachedActor(t.prisma, agentId, 10_001))?.displayName).toBe('读取后');
  });

  it('shares one frozen actor between requests', async () => {
    forgetActors();
    const actor = await loadCachedActor(t.prisma, agentId, 20_000);
    expect(Object.isFrozen(actor)).toBe(true);
    expect(Object.isFrozen(actor?.scope.areaIds)).toBe(true);
    expect(() => (actor!.roles as string[]).push('admin')).toThrow(TypeError);
  });

  it('an administrator’s edit of roles takes effect at the account’s next request', async () => {
    const agent = await login(t.app, 'demo-agent');
    const admin = await login(t.app, 'demo-admin');
    expect((await t.app.inject({ url: '/api/auth/me', headers: agent.headers })).json()).toMatchObject({ user: { roles: ['agent'] } });
    const account = (await t.app.inject({ url: `/api/users/${agentId}`, headers: admin.headers })).json<Record<string, unknown>>();
    const edited = await t.app.inject({
      method: 'PUT', url: `/api/users/${agentId}`, headers: admin.headers,
      payload: { ...editableAccount(account), roles: ['agent', 'kb_editor'] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: agent.headers })).json()).toMatchObject({ user: { roles: ['agent', 'kb_editor'] } });
  });
});

