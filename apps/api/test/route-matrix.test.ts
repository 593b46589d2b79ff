/**
 * The route × role matrix, built from the routes the app actually registered: every /api
 * route declares its roles; each role outside the list gets 403, each inside gets past the
 * access check; without a session every non-public route answers 401.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_VALUES, type Role } from '@yixian/domain';
import infrastructure from '../src/plugins/infrastructure.js';
import security from '../src/plugins/security.js';
import { createManualClock } from '../src/lib/clock.js';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';

const USER_OF_ROLE: Record<Role, string> = {
  agent: 'demo-agent',
  shift_lead: 'demo-lead',
  dispatcher: 'demo-dispatcher',
  dept_handler: 'demo-dept',
  dept_admin: 'demo-dept-admin',
  grid_member: 'demo-grid',
  commander: 'demo-commander',
  admin: 'demo-admin',
  auditor: 'demo-auditor',
  kb_editor: 'demo-kb',
};

let t: TestApp;
beforeAll(async () => {
  // Routes that wait for the PBX answer quickly here: no bridge runs in this test.
  t = await createTestApp({ PBX_COMMAND_TIMEOUT_MS: '300' });
  // No demo account is a plain dept_admin: make one for the matrix.
  const dept = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  await t.prisma.user.create({
    data: { ...dept, id: randomUUID(), username: 'demo-dept-admin', roles: ['dept_admin'], createdAt: undefined, updatedAt: undefined },
  });
});
afterAll(async () => t?.close());

const concreteUrl = (url: string) => url.replace(/:[A-Za-z]+/g, randomUUID());

describe('route × role matrix', () => {
  it('has routes, and every one declares roles', () => {
    expect(t.app.routeRegistry.length).toBeGreaterThan(5);
    for (const route of t.app.routeRegistry) expect(route.roles === 'public' || route.roles.length > 0).toBe(true);
  });

  it('refuses a route that declares no roles at boot', async () => {
    const app = Fastify({ logger: false });
    await app.register(infrastructure, { config: t.app.config, clock: createManualClock() });
    await app.register(security);
    const boot = async () => {
      await app.register(async (scope) => {
        scope.get('/api/forgotten', async () => 'oops');
      });
      await app.ready();
    };
    await expect(boot()).rejects.toThrow(/GET \/api\/forgotten declares no roles/);
    await app.close().catch(() => undefined);
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const route of t.app.routeRegistry.filter((r) => r.roles !== 'public')) {
      const response = await t.app.inject({ method: route.method as 'GET', url: concreteUrl(route.url), payload: route.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('lets exactly the declared roles past the access check', { timeout: 120_000 }, async () => {
    const checked: string[] = [];
    for (const role of ROLE_VALUES) {
      let session = await login(t.app, USER_OF_ROLE[role]);
      for (const route of t.app.routeRegistry.filter((r) => r.roles !== 'public')) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: session.headers,
          payload: route.method === 'GET' ? undefined : {},
        });
        // Logging out ends the session the next routes need.
        if (route.url === '/api/auth/logout') session = await login(t.app, USER_OF_ROLE[role]);
        const allowed = (route.roles as readonly string[]).includes(role);
        const label = `${role} ${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 120)}`;
        if (allowed) expect(response.statusCode, label).not.toBe(403);
        else expect(response.statusCode, label).toBe(403);
        checked.push(label);
      }
    }
    expect(checked.length).toBe(ROLE_VALUES.length * t.app.routeRegistry.filter((r) => r.roles !== 'public').length);
    const refusals = checked.filter((label) => / → 403 /.test(label)).length;
    expect(await t.prisma.auditLog.count({ where: { action: 'access.denied', outcome: 'denied' } })).toBe(refusals);
  });
});
