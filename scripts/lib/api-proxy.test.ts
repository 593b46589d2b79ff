/**
 * The proxy in front of several API copies, against real Fastify copies with a `/ws` route:
 * requests and WebSocket upgrades are shared out, a copy that is gone is skipped, a request in
 * flight to a copy that dies ends at once with 502, and a client cannot choose its address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket, { WebSocketServer } from 'ws';
import { forwardedHeaders, startApiProxy, type ApiProxy } from './api-proxy.js';
import { findFreePort } from './run.js';

let copies: FastifyInstance[] = [];
let proxy: ApiProxy | undefined;

/** A copy that names itself, echoes the client address it believes, holds `/slow` until told, and echoes on `/ws`. */
async function startCopy(name: string, onSlow?: () => void): Promise<{ app: FastifyInstance; port: number; kill(): void }> {
  const app = Fastify({ trustProxy: ['127.0.0.1'] });
  app.get('/who', async (request) => ({ name, ip: request.ip, protocol: request.protocol }));
  app.post('/echo', async (request) => ({ name, body: request.body }));
  app.get('/slow', () => new Promise(() => onSlow?.()));
  const sockets = new WebSocketServer({ server: app.server, path: '/ws' });
  sockets.on('connection', (socket) => {
    socket.send(`hello from ${name}`);
    socket.on('message', (data) => socket.send(`${name}: ${String(data)}`));
  });
  app.addHook('onClose', async () => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  copies.push(app);
  return {
    app,
    port: (app.server.address() as { port: number }).port,
    // As a SIGKILL does: every connection cut without an answer.
    kill() {
      app.server.closeAllConnections();
      for (const client of sockets.clients) client.terminate();
    },
  };
}

function openSocket(port: number): Promise<{ socket: WebSocket; hello: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    socket.once('message', (data) => resolve({ socket, hello: String(data) }));
    socket.once('error', reject);
  });
}

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await Promise.all(copies.map((app) => app.close()));
  copies = [];
});

describe('API proxy', () => {
  it('shares requests and WebSocket upgrades out among the copies', async () => {
    const one = await startCopy('one');
    const two = await startCopy('two');
    proxy = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: [one.port, two.port], trustProxy: [] });
    const names = new Set<string>();
    for (let i = 0; i < 4; i++) names.add(((await (await fetch(`http://127.0.0.1:${proxy.port}/who`)).json()) as { name: string }).name);
    expect(names).toEqual(new Set(['one', 'two']));
    const posted = await fetch(`http://127.0.0.1:${proxy.port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: '工单' }) });
    expect(((await posted.json()) as { body: unknown }).body).toEqual({ a: '工单' });

    const first = await openSocket(proxy.port);
    const second = await openSocket(proxy.port);
    expect(new Set([first.hello, second.hello])).toEqual(new Set(['hello from one', 'hello from two']));
    const echoed = new Promise<string>((resolve) => first.socket.once('message', (data) => resolve(String(data))));
    first.socket.send('ping');
    expect(await echoed).toBe(`${first.hello.slice('hello from '.length)}: ping`);
    first.socket.close();
    second.socket.close();
  });

  it('skips a copy that is gone, and answers 503 when none listens', async () => {
    const one = await startCopy('one');
    const two = await startCopy('two');
    proxy = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: [one.port, two.port], trustProxy: [] });
    await two.app.close();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`http://127.0.0.1:${proxy.port}/who`)).status);
    // At most the first request meets the closed copy (502, then it is marked down).
    expect(statuses.filter((status) => status === 502).length).toBeLessThanOrEqual(1);
    expect(statuses.slice(-4)).toEqual([200, 200, 200, 200]);
    expect(proxy.live()).toEqual([one.port]);
    // An upgrade meeting the closed copy is offered to the next one: never refused while one listens.
    for (let i = 0; i < 2; i++) {
      const { socket, hello } = await openSocket(proxy.port);
      expect(hello).toBe('hello from one');
      socket.close();
    }
    await one.app.close();
    const answers: number[] = [];
    for (let i = 0; i < 3; i++) answers.push((await fetch(`http://127.0.0.1:${proxy.port}/who`)).status);
    expect(answers.at(-1)).toBe(503);
  });

  it('sends a request without a body that a copy refused to the next copy; one with a body gets 502', async () => {
    const one = await startCopy('one');
    const nobody = await findFreePort();
    proxy = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: [nobody, one.port], trustProxy: [] });
    expect((await fetch(`http://127.0.0.1:${proxy.port}/who`)).status).toBe(200);
    expect(proxy.live()).toEqual([one.port]);
    expect(proxy.stats.badGateway).toBe(0);

    const second = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: [nobody, one.port], trustProxy: [] });
    try {
      const posted = await fetch(`http://127.0.0.1:${second.port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      // Its body was already on its way: the proxy does not hold it to send again.
      expect(posted.status).toBe(502);
      expect((await fetch(`http://127.0.0.1:${second.port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('ends a request in flight with 502 when its copy dies, and closes the sockets it held', async () => {
    let reached: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const dying = await startCopy('dying', () => reached());
    proxy = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: [dying.port], trustProxy: [] });
    const { socket } = await openSocket(proxy.port);
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const inFlight = fetch(`http://127.0.0.1:${proxy.port}/slow`);
    await arrived;
    dying.kill();
    const answer = await inFlight;
    expect(answer.status).toBe(502);
    expect(await answer.json()).toMatchObject({ statusCode: 502, code: 'bad_gateway' });
    await socketClosed;
    expect(proxy.stats.badGateway).toBe(1);
  });

  it('passes the client address on, and drops X-Forwarded-* from a peer it does not trust', async () => {
    const one = await startCopy('one');
    proxy = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: [one.port], trustProxy: [] });
    const seen = (await (await fetch(`http://127.0.0.1:${proxy.port}/who`, { headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' } })).json()) as { ip: string; protocol: string };
    expect(seen).toMatchObject({ ip: '127.0.0.1', protocol: 'http' });

    const untrusted = forwardedHeaders({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', connection: 'keep-alive, x-private', 'x-private': '1' }, '198.51.100.7', () => false);
    expect(untrusted).toEqual({ 'x-forwarded-for': '198.51.100.7' });
    const trusted = forwardedHeaders({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' }, '10.0.0.5', () => true);
    expect(trusted).toEqual({ 'x-forwarded-for': '203.0.113.9, 10.0.0.5', 'x-forwarded-proto': 'https' });
  });
});
