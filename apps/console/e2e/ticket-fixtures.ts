import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';

/** The demo accounts' password in a started stack. */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'yixian-demo';

/**
 * Nothing: the session probe (`/api/auth/session`) answers 200 without a session, so no page
 * makes a failing request at start-up. Kept for the tests that spread it into their own list;
 * a test that expects a 4xx names it there, with the reason.
 */
export const EXPECTED_AUTH_ERRORS: RegExp[] = [];

/** A signed-in API caller for test set-up (the browser signs in on its own). */
export interface ApiSession {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
}

/** Signs a demo account in over HTTP and keeps its cookie and CSRF token. */
export async function loginApi(baseUrl: string, username: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  const cookie = (response.headers.getSetCookie?.() ?? [])
    .map((line) => line.split(';')[0])
    .join('; ');
  const body = (await response.json()) as { csrfToken: string };
  return { baseUrl, cookie, csrfToken: body.csrfToken };
}

/** One API call as `session`; throws with the server's answer on any non-2xx. */
export async function callApi<T>(session: ApiSession, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${session.baseUrl}/api${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      accept: 'application/json',
      ...(method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface CreatedTicket {
  id: string;
  code: string;
  state: string;
  leadUnitId: string | null;
}

/**
 * As demo-agent, files a web-form ticket about rubbish in grid s01g01 and dispatches it at
 * once; routing sends a grid-level category to the grid team `gt-s01g01` (demo-grid's unit).
 */
export async function createGridTicket(baseUrl: string, label: string): Promise<CreatedTicket> {
  const agent = await loginApi(baseUrl, 'demo-agent');
  const suffix = randomBytes(3).toString('hex');
  const created = await callApi<{ ticket: CreatedTicket }>(agent, 'POST', '/tickets', {
    channel: 'web',
    categoryId: 'city.garbage',
    areaId: 's01g01',
    title: `${label} ${suffix}`,
    description: `E2E ${label}: 一村东门垃圾堆放三天未清运 (${suffix})`,
    dispatch: true,
  });
  if (created.ticket.leadUnitId !== 'gt-s01g01') throw new Error(`expected routing to gt-s01g01, got ${created.ticket.leadUnitId}`);
  return created.ticket;
}

/** Fills the login form (the page must be on /login) and waits to leave it. */
export async function loginInBrowser(page: Page, username: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Opens an action's dialog on the detail page, lets `fill` complete the form, submits, and waits for the new state. */
export async function takeAction(page: Page, action: string, expectedState: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const submit = page.getByTestId('action-submit');
  await submit.waitFor();
  if (fill) await fill();
  await submit.click();
  await page.locator(`[data-testid="ticket-state"][data-state="${expectedState}"]`).waitFor();
  await submit.waitFor({ state: 'hidden' });
}
