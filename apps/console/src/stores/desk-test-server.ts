import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flushPromises } from '@vue/test-utils';

/**
 * A small HTTP server answering the calls / agents / wallboard routes the desk uses, with the
 * API's shapes and error bodies. Tests set the answers; it records what the console sent.
 */
export interface DeskTestServer {
  baseUrl: string;
  /** Each request as received; `headers` are lower-cased, as Node gives them. */
  requests: { method: string; path: string; body: unknown; headers: Record<string, string | string[] | undefined> }[];
  /** `METHOD /path` → [status, body]; a function runs per request. */
  routes: Map<string, [number, unknown] | (() => [number, unknown])>;
  close(): Promise<void>;
}

export async function startDeskTestServer(): Promise<DeskTestServer> {
  const requests: DeskTestServer['requests'] = [];
  const routes: DeskTestServer['routes'] = new Map();
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    // Component tests run in happy-dom, whose fetch is a browser's: answer its CORS checks.
    if (req.headers.origin) {
      res.setHeader('access-control-allow-origin', req.headers.origin);
      res.setHeader('access-control-allow-credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE', 'access-control-allow-headers': 'accept,content-type,x-csrf-token,idempotency-key' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api/, '') + url.search;
    const key = `${req.method ?? 'GET'} ${path}`;
    requests.push({ method: req.method ?? 'GET', path, body: raw ? (JSON.parse(raw) as unknown) : undefined, headers: req.headers });
    const route = routes.get(key);
    const [status, body] = typeof route === 'function' ? route() : (route ?? [404, { statusCode: 404, code: 'not_found', message: `No route ${key}` }]);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    requests,
    routes,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Waits until `check()` holds — the console has had the test server's answer and rendered it —
 * yielding to the event loop in between; fails after `timeoutMs`. Pending promises are flushed
 * before it returns, so what follows sees the settled component.
 */
export async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
  await flushPromises();
}
