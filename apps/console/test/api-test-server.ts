import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP server speaking the console's API contract (auth, health, hotlines) plus a few
 * probe routes, so the request client and the stores are tested over real HTTP and cookies.
 * It is a stand-in for the Fastify API, not a mock of the console's own code.
 */
export interface TestAccount {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
  lockedUntil?: string;
  /** A sign-in that owes a second factor: every session of this account stays at this step. */
  step?: 'mfa_code' | 'mfa_enrol';
  /** An agent the PBX says is on a call: logout is refused (409, reason agent_in_call) as the API does. */
  onCall?: boolean;
  /** Signed in with a one-time password: the session must change it first (cleared by a change). */
  mustChangePassword?: boolean;
}

export interface ApiTestServer {
  baseUrl: string;
  /** Every request the server saw, for asserting headers and bodies. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  /** Sessions currently valid (logout removes one; expireAll simulates a server-side expiry). */
  expireAllSessions(): void;
  close(): Promise<void>;
}

interface Session {
  username: string;
  csrfToken: string;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Starts the server on a random loopback port. */
export async function startApiTestServer(accounts: TestAccount[]): Promise<ApiTestServer> {
  const sessions = new Map<string, Session>();
  const requests: ApiTestServer['requests'] = [];

  const toUser = (account: TestAccount) => ({
    id: `user-${account.username}`,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    scope: { all: false, areaIds: [], unitIds: [], categoryIds: [] },
    unitId: null,
    areaId: null,
    mustChangePassword: account.mustChangePassword ?? false,
  });
  /** Wrong current passwords in a row per account: the fifth locks, as the API does. */
  const wrongCurrent = new Map<string, number>();

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const sid = readCookie(req, 'sid');
    const session = sid ? sessions.get(sid) : undefined;

    if (url.pathname === '/api/auth/login' && method === 'POST') {
      let input: { username?: unknown; password?: unknown };
      try {
        input = JSON.parse(body) as typeof input;
      } catch {
        return sendJson(res, 400, { statusCode: 400, code: 'validation_failed', message: 'body must be JSON' });
      }
      const account = accounts.find((a) => a.username === input.username);
      if (account?.lockedUntil) {
        return sendJson(res, 423, { statusCode: 423, code: 'account_locked', message: 'Account locked', lockedUntil: account.lockedUntil });
      }
      if (!account || account.password !== input.password) {
        return sendJson(res, 401, { statusCode: 401, code: 'invalid_credentials', message: 'Invalid username or password' });
      }
      const newSid = randomUUID();
      const csrfToken = randomUUID();
      sessions.set(newSid, { username: account.username, csrfToken });
      return sendJson(res, 200, { user: toUser(account), csrfToken, step: account.step ?? null }, { 'set-cookie': `sid=${newSid}; HttpOnly; Path=/; SameSite=Lax` });
    }
    if (url.pathname === '/api/auth/me' && method === 'GET') {
      if (!sid) return sendJson(res, 401, { statusCode: 401, code: 'unauthenticated', message: 'Not logged in' });
      if (!session) return sendJson(res, 401, { statusCode: 401, code: 'session_expired', message: 'Session expired' });
      const account = accounts.find((a) => a.username === session.username);
      return sendJson(res, 200, { user: account && toUser(account), csrfToken: session.csrfToken, step: account?.step ?? null });
    }
    if (url.pathname === '/api/auth/session' && method === 'GET') {
      const account = session && accounts.find((a) => a.username === session.username);
      return sendJson(res, 200, { session: account ? { user: toUser(account), csrfToken: session.csrfToken, step: account.step ?? null } : null });
    }
    if (method !== 'GET' && session && req.headers['x-csrf-token'] !== session.csrfToken) {
      return sendJson(res, 403, { statusCode: 403, code: 'csrf_invalid', message: 'Bad CSRF token' });
    }
    if (url.pathname === '/api/auth/logout' && method === 'POST') {
      if (session && accounts.find((a) => a.username === session.username)?.onCall) {
        return sendJson(res, 409, {
          statusCode: 409, code: 'conflict', message: 'You cannot sign out during a call; end the call first', field: 'state', details: { reason: 'agent_in_call', state: 'busy' },
        });
      }
      if (sid) sessions.delete(sid);
      res.writeHead(204, { 'set-cookie': 'sid=; Path=/; Max-Age=0' });
      return void res.end();
    }
    if (url.pathname === '/api/auth/password' && method === 'POST') {
      const account = session && accounts.find((a) => a.username === session.username);
      if (!account) return sendJson(res, 401, { statusCode: 401, code: 'unauthenticated', message: 'Not logged in' });
      const input = JSON.parse(body) as { currentPassword: string; newPassword: string };
      if (input.currentPassword !== account.password) {
        const failures = (wrongCurrent.get(account.username) ?? 0) + 1;
        wrongCurrent.set(account.username, failures);
        if (failures >= 5) {
          for (const [key, value] of sessions) if (value.username === account.username) sessions.delete(key);
          return sendJson(res, 423, { statusCode: 423, code: 'account_locked', message: 'Locked', details: { lockedUntil: '2026-03-01T06:05:00.000Z' } });
        }
        return sendJson(res, 400, { statusCode: 400, code: 'current_password_wrong', message: 'The current password is wrong', field: 'currentPassword' });
      }
      // The API's policy in brief: length, one common password, the username, the current one reused.
      const next = input.newPassword;
      const reason = next.length < 12 ? 'too_short' : next === 'password1234' ? 'too_common'
        : next.includes(account.username) ? 'contains_username' : next === account.password ? 'reused' : null;
      if (reason) {
        return sendJson(res, 400, { statusCode: 400, code: 'password_rejected', message: `refused: ${reason}`, field: 'newPassword', details: { reason } });
      }
      account.password = next;
      account.mustChangePassword = false;
      return void res.writeHead(204).end();
    }
    if (url.pathname === '/api/health') {
      const status = url.searchParams.get('status') ?? 'ok';
      return sendJson(res, status === 'down' ? 503 : 200, { status, checks: { database: status, redis: 'ok', workers: 'ok', bridges: 'ok' } });
    }
    if (url.pathname === '/api/hotlines' && method === 'GET') {
      if (!session) return sendJson(res, 401, { statusCode: 401, code: 'unauthenticated', message: 'Not logged in' });
      return sendJson(res, 200, [
        { id: 'h-12345', number: '12345', name: '市民服务热线', nameEn: 'Citizen service', isPolice: false },
        { id: 'h-110', number: '110', name: '公安报警', nameEn: 'Police', isPolice: true },
      ]);
    }
    if (url.pathname === '/api/probe/echo') {
      return sendJson(res, 200, { method, query: Object.fromEntries(url.searchParams), body: body ? (JSON.parse(body) as unknown) : null });
    }
    if (url.pathname === '/api/probe/no-content') return void res.writeHead(204).end();
    if (url.pathname === '/api/probe/error') {
      const status = Number(url.searchParams.get('status') ?? 400);
      const code = url.searchParams.get('code') ?? 'validation_failed';
      return sendJson(res, status, { statusCode: status, code, message: `failed with ${code}`, field: url.searchParams.get('field') ?? undefined });
    }
    if (url.pathname === '/api/probe/html-error') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return void res.end('<html><body>Bad gateway</body></html>');
    }
    if (url.pathname === '/api/probe/bad-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"oops":');
    }
    if (url.pathname === '/api/probe/hang') return; // never answers: the client's timeout must fire
    return sendJson(res, 404, { statusCode: 404, code: 'not_found', message: 'Route not found' });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    requests,
    expireAllSessions: () => sessions.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fetch that keeps cookies like a browser does for one origin (Node's fetch keeps none),
 * so the HttpOnly session cookie flows between login, me and logout.
 */
export function createCookieFetch(): typeof globalThis.fetch {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await globalThis.fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = cookie.split(';');
      const [name = '', ...value] = pair.trim().split('=');
      const isExpired = attrs.some((a) => a.trim().toLowerCase() === 'max-age=0');
      if (isExpired || value.join('=') === '') jar.delete(name);
      else jar.set(name, value.join('='));
    }
    return response;
  };
}
