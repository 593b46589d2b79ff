import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { watch } from 'vue';
import WebSocket, { WebSocketServer } from 'ws';
import { computeBackoffMs, createLiveSocket, LIVE_STATUS, parseLiveFrame, type LiveSocket, type LiveStatus, type SocketLike } from './use-live-socket';

/** A tiny local server speaking the API's /ws framing: hello on connect, pong to ping. */
async function startServer(onConnection?: (socket: WebSocket) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const sockets: WebSocket[] = [];
  const received: string[] = [];
  let connections = 0;
  server.on('connection', (socket) => {
    connections += 1;
    sockets.push(socket);
    socket.on('message', (data) => {
      received.push(String(data));
      if (String(data) === 'ping') socket.send('pong');
    });
    if (onConnection) onConnection(socket);
    else socket.send(JSON.stringify({ topic: 'hello', payload: { userId: 'u1' } }));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    sockets,
    received,
    connections: () => connections,
    broadcast: (frame: string) => sockets.forEach((s) => s.readyState === WebSocket.OPEN && s.send(frame)),
    close: () => new Promise<void>((resolve) => {
      sockets.forEach((s) => s.terminate());
      server.close(() => resolve());
    }),
  };
}

const createSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

function waitForStatus(live: LiveSocket, wanted: LiveStatus, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (live.status.value === wanted) return resolve();
    const timer = setTimeout(() => reject(new Error(`status stayed ${live.status.value}, wanted ${wanted}`)), timeoutMs);
    const stop = watch(live.status, (value) => {
      if (value !== wanted) return;
      clearTimeout(timer);
      stop();
      resolve();
    }, { flush: 'sync' });
  });
}

function nextPayload<T>(live: LiveSocket, prefix: string, timeoutMs = 3000): Promise<{ payload: T; topic: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${prefix} frame`)), timeoutMs);
    const off = live.subscribe<T>(prefix, (payload, topic) => {
      clearTimeout(timer);
      off();
      resolve({ payload, topic });
    });
  });
}

describe('live socket', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('opens on hello and routes frames by topic prefix', async () => {
    const server = await startServer();
    cleanups.push(server.close);
    const live = createLiveSocket({ url: server.url, createSocket });
    cleanups.push(live.disconnect);
    const seen: string[] = [];
    live.subscribe('queue', (_payload, topic) => seen.push(topic));
    live.connect();
    await waitForStatus(live, LIVE_STATUS.open);

    const pop = nextPayload<{ hotline: string }>(live, 'agent:');
    server.broadcast(JSON.stringify({ topic: 'queue', payload: { type: 'call.offered' } }));
    server.broadcast('pong');
    server.broadcast('{not json');
    server.broadcast(JSON.stringify({ topic: 'agent:Local/8101@agents/n', payload: { type: 'call.ringing', hotline: '12345' } }));
    const got = await pop;
    expect(got.topic).toBe('agent:Local/8101@agents/n');
    expect(got.payload.hotline).toBe('12345');
    expect(seen).toEqual(['queue']);
  });

  it('reconnects with backoff after the server drops it, and says hello again', async () => {
    const server = await startServer();
    cleanups.push(server.close);
    const live = createLiveSocket({ url: server.url, createSocket, minDelayMs: 20, maxDelayMs: 100, random: () => 0.5 });
    cleanups.push(live.disconnect);
    live.connect();
    await waitForStatus(live, LIVE_STATUS.open);
    const hello = nextPayload(live, 'hello');
    server.sockets[0]?.terminate();
    await waitForStatus(live, LIVE_STATUS.reconnecting);
    await hello;
    expect(live.status.value).toBe(LIVE_STATUS.open);
    expect(server.connections()).toBe(2);
  });

  it('stops retrying when the server refuses the session (4401)', async () => {
    const server = await startServer((socket) => socket.close(4401, 'unauthenticated'));
    cleanups.push(server.close);
    const live = createLiveSocket({ url: server.url, createSocket, minDelayMs: 10 });
    cleanups.push(live.disconnect);
    live.connect();
    await waitForStatus(live, LIVE_STATUS.unauthenticated);
    expect(server.connections()).toBe(1);
  });

  it('sends ping to keep the connection alive and closes for good on disconnect', async () => {
    const server = await startServer();
    cleanups.push(server.close);
    const live = createLiveSocket({ url: server.url, createSocket, pingIntervalMs: 20 });
    live.connect();
    await waitForStatus(live, LIVE_STATUS.open);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ping')), 2000);
      server.sockets[0]?.on('message', (data) => {
        if (String(data) !== 'ping') return;
        clearTimeout(timer);
        resolve();
      });
    });
    const closed = new Promise<void>((resolve) => server.sockets[0]?.once('close', () => resolve()));
    live.disconnect();
    await closed;
    expect(live.status.value).toBe(LIVE_STATUS.idle);
    expect(server.connections()).toBe(1);
  });

  it('keeps a failing handler from starving the others', async () => {
    const server = await startServer();
    cleanups.push(server.close);
    const live = createLiveSocket({ url: server.url, createSocket });
    cleanups.push(live.disconnect);
    live.subscribe('calls', () => {
      throw new Error('boom');
    });
    const second = nextPayload<{ linkedid: string }>(live, 'calls');
    live.connect();
    await waitForStatus(live, LIVE_STATUS.open);
    server.broadcast(JSON.stringify({ topic: 'calls', payload: { linkedid: 'l-1' } }));
    expect((await second).payload.linkedid).toBe('l-1');
  });
});

describe('frame parsing and backoff', () => {
  it('accepts only JSON objects with a string topic', () => {
    expect(parseLiveFrame('{"topic":"queue","payload":{"a":1}}')).toEqual({ topic: 'queue', payload: { a: 1 } });
    expect(parseLiveFrame('pong')).toBeNull();
    expect(parseLiveFrame('{"payload":1}')).toBeNull();
    expect(parseLiveFrame('{"topic":5}')).toBeNull();
    expect(parseLiveFrame(new Uint8Array([1]))).toBeNull();
  });

  it('doubles up to the cap with jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((n) => computeBackoffMs(n, 500, 4000, mid))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(computeBackoffMs(0, 1000, 4000, () => 0)).toBe(750);
    expect(computeBackoffMs(0, 1000, 4000, () => 1)).toBe(1250);
  });
});
