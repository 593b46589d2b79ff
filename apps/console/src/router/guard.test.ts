import { createPinia, type Pinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type Router, type RouteRecordRaw } from 'vue-router';
import { createCookieFetch, startApiTestServer, type ApiTestServer } from '../../test/api-test-server';
import { changePassword } from '#/api/auth';
import { requestClient } from '#/api/client';
import { useSessionStore } from '#/stores/session.store';
import { installAuthGuard } from './guard';
import { NAV_ITEMS } from './nav-items';
import { ROUTES } from './routes';

let server: ApiTestServer;
let pinia: Pinia;

beforeAll(async () => {
  server = await startApiTestServer([
    { username: 'agent-1', password: 'p', displayName: 'Agent', roles: ['agent'] },
    { username: 'auditor-1', password: 'p', displayName: 'Auditor', roles: ['auditor'] },
    { username: 'nobody-1', password: 'p', displayName: 'Nobody', roles: [] },
    { username: 'lead-code', password: 'p', displayName: 'Lead', roles: ['shift_lead'], step: 'mfa_code' },
    { username: 'lead-enrol', password: 'p', displayName: 'Lead', roles: ['shift_lead'], step: 'mfa_enrol' },
    { username: 'agent-reset', password: 'one-time-pass', displayName: 'Agent', roles: ['agent'], mustChangePassword: true },
  ]);
});
afterAll(() => server.close());

beforeEach(() => {
  pinia = createPinia();
  requestClient.configure({ baseUrl: server.baseUrl, fetch: createCookieFetch() });
  requestClient.setCsrfToken(null);
});

/** The app's route table with empty components: the guard, not the pages, is under test. */
function stripComponents(routes: RouteRecordRaw[]): RouteRecordRaw[] {
  return routes.map((route) => {
    const { children, ...rest } = route as RouteRecordRaw & { children?: RouteRecordRaw[] };
    const stripped = { ...rest, component: { render: () => null } } as RouteRecordRaw;
    return children ? ({ ...stripped, children: stripComponents(children) } as RouteRecordRaw) : stripped;
  });
}

async function makeRouter(): Promise<Router> {
  const router = createRouter({ history: createMemoryHistory(), routes: stripComponents(ROUTES) });
  installAuthGuard(router, pinia);
  return router;
}

async function visit(router: Router, path: string): Promise<string> {
  await router.push(path);
  return router.currentRoute.value.fullPath;
}

describe('auth guard', () => {
  it('sends an anonymous user to login, keeping where they were going', async () => {
    const router = await makeRouter();
    expect(await visit(router, '/inbox?page=2')).toBe('/login?redirect=/inbox?page=2');
    expect(await visit(router, '/')).toBe('/login');
  });

  it('lands a signed-in user on the first page their roles allow', async () => {
    await useSessionStore(pinia).login('agent-1', 'p');
    const router = await makeRouter();
    expect(await visit(router, '/')).toBe('/desk');
    expect(await visit(router, '/login')).toBe('/desk');
  });

  it('honours a safe redirect on login and ignores an unsafe one', async () => {
    await useSessionStore(pinia).login('agent-1', 'p');
    const router = await makeRouter();
    expect(await visit(router, '/login?redirect=/health')).toBe('/403');
    expect(await visit(router, '/login?redirect=//evil.example')).toBe('/desk');
  });

  it("shows 403 for a page outside the user's roles", async () => {
    await useSessionStore(pinia).login('auditor-1', 'p');
    const router = await makeRouter();
    expect(await visit(router, '/')).toBe('/audit');
    expect(await visit(router, '/desk')).toBe('/403');
    expect(await visit(router, '/admin')).toBe('/403');
  });

  it('keeps a user without roles on the home page that explains it', async () => {
    await useSessionStore(pinia).login('nobody-1', 'p');
    const router = await makeRouter();
    expect(await visit(router, '/')).toBe('/');
    expect(router.currentRoute.value.name).toBe('home');
  });

  it('restores an existing cookie session on the first navigation', async () => {
    await useSessionStore(pinia).login('agent-1', 'p');
    pinia = createPinia(); // a page reload: the store is empty, the cookie remains
    const router = await makeRouter();
    expect(await visit(router, '/desk')).toBe('/desk');
    expect(useSessionStore(pinia).user?.username).toBe('agent-1');
  });
});

describe('a sign-in that owes a second factor', () => {
  it('keeps a session owing a code on the login page (which asks for it)', async () => {
    await useSessionStore(pinia).login('lead-code', 'p');
    const router = await makeRouter();
    expect(useSessionStore(pinia).isAuthenticated).toBe(false);
    expect(await visit(router, '/wallboard')).toBe('/login');
    expect(await visit(router, '/account/security')).toBe('/login');
    expect(await visit(router, '/login')).toBe('/login');
  });

  it('sends a session owing an enrolment to the set-up page, also after a reload', async () => {
    await useSessionStore(pinia).login('lead-enrol', 'p');
    let router = await makeRouter();
    expect(await visit(router, '/wallboard')).toBe('/mfa-setup');
    expect(await visit(router, '/login')).toBe('/mfa-setup');
    pinia = createPinia();
    router = await makeRouter();
    expect(await visit(router, '/')).toBe('/mfa-setup');
  });

  it('sends a full session from the set-up page to its account page, and nobody there to login', async () => {
    let router = await makeRouter();
    expect(await visit(router, '/mfa-setup')).toBe('/login');
    await useSessionStore(pinia).login('agent-1', 'p');
    router = await makeRouter();
    expect(await visit(router, '/mfa-setup')).toBe('/account/security');
  });
});

describe('a session signed in with a one-time password', () => {
  it('goes nowhere but the change-password page, also after a reload, until the password is changed', async () => {
    await useSessionStore(pinia).login('agent-reset', 'one-time-pass');
    let router = await makeRouter();
    expect(await visit(router, '/desk')).toBe('/password');
    expect(await visit(router, '/login')).toBe('/password');
    expect(await visit(router, '/account/security')).toBe('/password');
    pinia = createPinia(); // a reload: the flag comes back with the session probe
    router = await makeRouter();
    expect(await visit(router, '/')).toBe('/password');

    await changePassword({ currentPassword: 'one-time-pass', newPassword: 'a-new-long-passphrase' });
    await useSessionStore(pinia).fetchMe();
    expect(await visit(router, '/')).toBe('/desk');
  });

  it('lets any signed-in user open the page from the menu and leave it again', async () => {
    await useSessionStore(pinia).login('agent-1', 'p');
    const router = await makeRouter();
    expect(await visit(router, '/password')).toBe('/password');
    expect(await visit(router, '/desk')).toBe('/desk');
  });

  it('sends nobody signed in from the page to login', async () => {
    const router = await makeRouter();
    expect(await visit(router, '/password')).toBe('/login?redirect=/password');
  });
});

describe('route table', () => {
  it('has one route per menu item carrying its roles', () => {
    const children = ROUTES.find((r) => r.path === '/')?.children ?? [];
    for (const item of NAV_ITEMS) {
      const route = children.find((r) => r.name === item.name);
      expect(route, item.name).toBeDefined();
      expect(route?.meta?.roles).toEqual(item.roles);
    }
  });
});
