import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AmiActionError, AmiClient, AmiDisconnectedError, AmiEventNormaliser, AmiNotConnectedError, AmiTimeoutError,
  AmiUrlError, frameAll, parseAmiUrl, type AmiClientEvents, type AmiClientOptions, type AmiMessage, type DomainEvent,
} from '../src/index';
import { FakeAmiServer, recordedEvents, waitFor } from './fake-ami-server';
import { readRecording } from './recordings';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function startServer(port = 0): Promise<FakeAmiServer> {
  const server = new FakeAmiServer();
  await server.listen(port);
  cleanups.push(() => server.kill());
  return server;
}

function makeClient(port: number, options: Partial<AmiClientOptions> = {}): AmiClient {
  const client = new AmiClient({ url: `ami://admin:secret@127.0.0.1:${port}`, actionTimeoutMs: 2000, reconnectBaseMs: 20, ...options });
  cleanups.push(() => client.close());
  return client;
}

function next<K extends keyof AmiClientEvents>(client: AmiClient, name: K, predicate: (...args: AmiClientEvents[K]) => boolean = () => true, ms = 5000) {
  return waitFor<AmiClientEvents[K]>((listener) => {
    const l = (...args: AmiClientEvents[K]) => listener(args);
    client.on(name, l);
    return () => client.off(name, l);
  }, (args) => predicate(...args), ms, name);
}

describe('parseAmiUrl', () => {
  it('reads user, secret, host, port and names what is wrong', () => {
    expect(parseAmiUrl('ami://admin:s%40cret@pbx.local:5039')).toEqual({ host: 'pbx.local', port: 5039, username: 'admin', secret: 's@cret' });
    expect(parseAmiUrl('ami://a:b@10.0.0.1').port).toBe(5038);
    expect(() => parseAmiUrl('http://a:b@h')).toThrow(/scheme must be ami:/);
    expect(() => parseAmiUrl('ami://a@h')).toThrow(/no secret/);
    expect(() => parseAmiUrl('nonsense')).toThrow(AmiUrlError);
  });
});

describe('AmiClient over TCP', () => {
  it('logs in and delivers a replayed recording with Asterisk spelling; the normaliser sees the call', async () => {
    const server = await startServer();
    server.afterLogin = recordedEvents('a_answered');
    const client = makeClient(server.port);
    const events: AmiMessage[] = [];
    client.on('event', (e) => events.push(e));
    const normaliser = new AmiEventNormaliser();
    const domain: DomainEvent[] = [];
    client.on('event', (e) => domain.push(...normaliser.normalise(e)));
    const booted = next(client, 'fullyBooted');
    const completed = waitFor<AmiMessage>((l) => { client.on('event', l); return () => client.off('event', l); }, (e) => e.event === 'AgentComplete');
    client.start();
    await next(client, 'connected');
    expect(client.isConnected).toBe(true);
    await booted;
    await completed;
    expect(events).toHaveLength(server.afterLogin.length);
    const join = events.find((e) => e.event === 'QueueCallerJoin')!;
    expect(join.fields).toMatchObject({ Uniqueid: '1795965236.1', Linkedid: '1795965236.0', ChanVariable: 'HOTLINE=12345', CallerIDNum: '0901000001' });
    const called = events.find((e) => e.event === 'AgentCalled')!;
    expect(called.fields).toMatchObject({ DestChanVariable: 'HOTLINE=12345', DestUniqueid: '1795965236.2', MemberName: 'Agent 8001' });
    const originate = events.find((e) => e.event === 'OriginateResponse')!;
    // asterisk-manager lower-cases the channel inside the key; the value survives.
    expect(originate.fields).toHaveProperty(['ChanVariable(local/12345@hotline-in-00000000;1)'], 'HOTLINE=');
    expect(domain.find((e) => e.kind === 'call.completed')).toMatchObject({ linkedid: '1795965236.0', hotline: '12345', talkTime: 9, reason: 'agent' });
    expect(server.received[0]?.fields).toMatchObject({ Action: 'login', Username: 'admin', Secret: 'secret' });
  });

  it('with an event list, restores and emits only those events (and FullyBooted), counting every event read', async () => {
    const server = await startServer();
    server.afterLogin = recordedEvents('a_answered');
    const client = makeClient(server.port, { events: ['AgentConnect', 'AgentComplete'] });
    const names: string[] = [];
    client.on('event', (e) => names.push(e.event ?? '?'));
    const completed = waitFor<AmiMessage>((l) => { client.on('event', l); return () => client.off('event', l); }, (e) => e.event === 'AgentComplete');
    client.start();
    await completed;
    expect([...new Set(names)].sort()).toEqual(['AgentComplete', 'AgentConnect', 'FullyBooted']);
    expect(client.eventsRead).toBeGreaterThanOrEqual(server.afterLogin.length);
  });

  it('after pause() and resume(), every event written while paused arrives, none lost or doubled', async () => {
    const server = await startServer();
    const client = makeClient(server.port, { events: ['QueueCallerJoin'] });
    let joins = 0;
    client.on('event', (e) => { if (e.event === 'QueueCallerJoin') joins++; });
    const connected = next(client, 'connected');
    client.start();
    await connected;
    client.pause();
    expect(client.isPaused).toBe(true);
    const socket = [...server.sockets][0]!;
    const frame = 'Event: QueueCallerJoin\r\nQueue: hotline\r\nLinkedid: 1795965236.7\r\nChannel: PJSIP/trunk-00000001\r\n\r\n';
    let written = 0;
    // Past the server's write buffer, so the link is still busy when the client reads again.
    while (socket.write(frame)) written++;
    written++;
    const drained = once(socket, 'drain');
    const all = waitFor<AmiMessage>((l) => { client.on('event', l); return () => client.off('event', l); }, () => joins === written, 20_000, 'every event written while paused');
    client.resume();
    await drained;
    await all;
    expect(joins).toBe(written);
  });

  it('returns a list action as one result with its items, and rejects Response: Error with the message', async () => {
    const server = await startServer();
    const recorded = frameAll(readRecording('e_status_lists')).messages.filter((m) => m.actionId === 'qs-idle');
    server.onAction = (action, reply, socket) => {
      if (action.fields.Action === 'QueueStatus') {
        // The list and an event after it in ONE write: the client must mark the list's end before emitting that event.
        socket.write(recorded.map((m) => Object.entries({ ...m.fields, ActionID: action.actionId }).map(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}\r\n`).join('')).join('') + '\r\n').join('')
          + 'Event: QueueCallerJoin\r\nQueue: hotline\r\nLinkedid: after-the-list\r\n\r\n');
      } else if (action.fields.Action === 'QueuePause') reply({ Response: 'Error', Message: 'Interface not found' });
      else reply({ Response: 'Error', Message: 'Invalid/unknown command' });
    };
    const client = makeClient(server.port);
    const connected = next(client, 'connected');
    client.start();
    await connected;
    const order: string[] = [];
    const after = new Promise<void>((resolve) => client.on('event', (message) => {
      order.push(message.event ?? '?');
      if (message.event === 'QueueCallerJoin') resolve();
    }));
    const result = await client.action({ Action: 'QueueStatus', Queue: 'hotline' }, { onSettled: () => order.push('settled') });
    await after;
    expect(order.slice(-2)).toEqual(['settled', 'QueueCallerJoin']);
    expect(result.response.fields.EventList).toBe('start');
    expect(result.items.map((i) => i.event)).toEqual(recorded.slice(1, -1).map((m) => m.event));
    expect(result.items.length).toBeGreaterThan(3);
    expect(result.items.filter((i) => i.event === 'QueueMember')[0]?.fields).toHaveProperty('Location');
    expect(result.complete?.event).toBe('QueueStatusComplete');
    expect(result.complete?.fields.ListItems).toBe(String(result.items.length));
    await expect(client.action({ Action: 'QueuePause', Interface: 'Local/9999@agents/n', Paused: 'true' }))
      .rejects.toThrow(new AmiActionError('QueuePause', frameAll('Response: Error\r\nMessage: Interface not found\r\n\r\n').messages[0]!).message);
    await expect(client.action({ Action: 'Nope' })).rejects.toBeInstanceOf(AmiActionError);
    const sent = server.received.find((m) => m.fields.Action === 'QueueStatus');
    expect(sent?.actionId).toMatch(/^yx-\d+$/);
  });

  it('queues an action while disconnected and sends it after login; fails fast when queuing is off', async () => {
    const server = await startServer();
    server.onAction = (action, reply) => reply({ Response: 'Success', Message: `did ${action.fields.Action}` });
    const client = makeClient(server.port);
    const early = client.action({ Action: 'CoreStatus' });
    client.start();
    await expect(early).resolves.toMatchObject({ response: { fields: { Message: 'did CoreStatus' } } });

    const strict = makeClient(server.port, { queueWhileDisconnected: false });
    await expect(strict.action({ Action: 'CoreStatus' })).rejects.toBeInstanceOf(AmiNotConnectedError);
    const full = makeClient(server.port, { maxQueued: 1 });
    const first = full.action({ Action: 'CoreStatus' }, { timeoutMs: 100 });
    await expect(full.action({ Action: 'CoreStatus' })).rejects.toThrow(/queue is full/);
    await expect(first).rejects.toBeInstanceOf(AmiTimeoutError);
  });

  it('a queued action never hangs when no PBX ever answers', async () => {
    const server = await startServer();
    const port = server.port;
    await server.kill();
    const client = makeClient(port);
    client.start();
    const started = Date.now();
    await expect(client.action({ Action: 'CoreStatus' }, { timeoutMs: 300 })).rejects.toThrow(/still queued, not connected within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects bad actions with a clear error', async () => {
    const client = makeClient(1);
    await expect(client.action({ Action: '' })).rejects.toThrow(/non-empty Action/);
    await expect(client.action({ Action: 'Login' })).rejects.toThrow(/managed by AmiClient/);
    await expect(client.action({ Action: 'Ping', Channel: 'x\r\nAction: Hangup' })).rejects.toThrow(/line break/);
  });

  it('reconnects with growing backoff after the server is killed, and fails the in-flight action', async () => {
    const server = await startServer();
    server.onAction = () => { /* never answers */ };
    const client = makeClient(server.port, { reconnectBaseMs: 40 });
    const delays: number[] = [];
    client.on('reconnecting', ({ delayMs }) => delays.push(delayMs));
    const connected = next(client, 'connected');
    client.start();
    await connected;
    const inFlight = client.action({ Action: 'QueueStatus' });
    await waitFor<number>((l) => { const t = setInterval(() => l(server.received.length), 5); return () => clearInterval(t); }, (n) => n >= 2, 2000, 'QueueStatus to reach the server');
    const port = server.port;
    const gone = next(client, 'disconnected');
    await server.kill();
    await expect(inFlight).rejects.toBeInstanceOf(AmiDisconnectedError);
    await gone;
    expect(client.isConnected).toBe(false);
    await next(client, 'reconnecting', ({ attempt }) => attempt >= 3);
    expect(delays.slice(0, 3)).toEqual([40, 80, 160]);
    const revived = await startServer(port);
    revived.afterLogin = [{ Event: 'FullyBooted', Privilege: 'system,all', Uptime: '0', LastReload: '0', Status: 'Fully Booted' }];
    const booted = next(client, 'fullyBooted');
    await next(client, 'connected', () => true, 5000);
    expect((await booted)[0].fields.Uptime).toBe('0');
    await expect(client.action({ Action: 'Ping' })).resolves.toMatchObject({ response: { fields: { Ping: 'Pong' } } });
  });

  it('detects a dead link with the Ping heartbeat', async () => {
    const server = await startServer();
    const client = makeClient(server.port, { pingIntervalMs: 50, pingTimeoutMs: 100 });
    const connected = next(client, 'connected');
    client.start();
    await connected;
    server.answerPing = false;
    const [{ reason }] = await next(client, 'disconnected', () => true, 2000);
    expect(reason).toMatch(/heartbeat/);
    server.answerPing = true;
    await next(client, 'connected');
  });

  it('keeps retrying when the login is refused', async () => {
    const server = await startServer();
    const client = new AmiClient({ url: `ami://admin:wrong@127.0.0.1:${server.port}`, reconnectBaseMs: 20 });
    cleanups.push(() => client.close());
    const lost = next(client, 'disconnected');
    client.start();
    expect((await lost)[0].reason).toMatch(/login refused: Authentication failed/);
    await next(client, 'reconnecting', ({ attempt }) => attempt >= 2);
    expect(client.isConnected).toBe(false);
  });
});
