/**
 * The AMI fuzz: a fake AMI server logs the real bridge in (answers Login, Ping and the resync
 * lists), then writes good and bad frames in random-sized chunks, and now and then a frame cut
 * off by a dropped connection. Checks: nothing throws out of the process, the bridge stays up
 * and reconnects, every good event arrives intact, and a product framer (`AmiFramer`) fed the
 * same bytes counts every bad frame. (The client itself parses with asterisk-manager, which
 * counts nothing; the framer is the product's counting parser.)
 */
import { createServer, type Socket } from 'node:net';
import { createLogger } from '@yixian/runtime';
import { AmiFramer, NORMALISED_EVENTS, serializeMessage, getField } from '../../../packages/ami/src/index.js';
import { createBridge } from '../../../apps/bridge/src/bridge.js';
import type { DrillData } from './drill-services.js';
import { createFrameMaker, createRandom } from './fuzz-frames.js';
import { waitUntil } from './wait-for.js';

interface FuzzResult {
  failures: string[];
  figures: Record<string, number>;
}

function answer(socket: Socket, action: Record<string, unknown>): void {
  const name = String(action.Action ?? '').toLowerCase();
  const id = String(action.ActionID ?? '');
  const write = (fields: Record<string, string>) => socket.write(serializeMessage(fields));
  if (name === 'login') {
    write({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' });
    write({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: '100', LastReload: '100', Status: 'Fully Booted' });
  } else if (name === 'ping') write({ Response: 'Success', ActionID: id, Ping: 'Pong', Timestamp: '1.0' });
  else if (name === 'coreshowchannels' || name === 'queuestatus') {
    write({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'will follow' });
    write({ Event: name === 'coreshowchannels' ? 'CoreShowChannelsComplete' : 'QueueStatusComplete', ActionID: id, EventList: 'Complete', ListItems: '0' });
  } else write({ Response: 'Error', ActionID: id, Message: `Invalid/unknown command: ${String(action.Action)}` });
}

export async function runAmiFuzz(options: { data: DrillData; frames: number; seed?: number; log: (line: string) => void }): Promise<FuzzResult> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = createRandom(seed);
  const maker = createFrameMaker(random);
  const counting = new AmiFramer();
  const failures: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket)).on('error', () => undefined);
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    const framer = new AmiFramer();
    socket.on('data', (chunk) => {
      for (const message of framer.push(chunk)) answer(socket, message.fields);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(error instanceof Error ? error.message : String(error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const bridge = createBridge(
    { amiUrl: `ami://fuzz:fuzz@127.0.0.1:${port}`, redis: options.data.config.redis, redisPrefix: options.data.redisPrefix, pbxId: 'fuzz', queue: 'hotline', logLevel: 'silent' },
    createLogger(process.env.FUZZ_LOG ?? 'silent', 'fuzz-bridge'),
    // The bridge reads only the normaliser's events; the drill's own markers and bad frames go the whole way too.
    { reconnectBaseMs: 50, reconnectMaxMs: 200, events: [...NORMALISED_EVENTS, 'UserEvent', 'DrillBadBytes', 'DrillHuge', 'DrillTruncated'] },
  );
  const goodSeen = new Set<number>();
  bridge.client.on('event', (message) => {
    if (getField(message, 'UserEvent') === 'DrillGood') goodSeen.add(Number(getField(message, 'Seq')));
  });
  bridge.start();
  const connected = () => [...sockets].find((socket) => !socket.destroyed && socket.writable);
  let truncations = 0;
  try {
    await waitUntil(() => bridge.stats.resyncs >= 1, 'the bridge to log in and resync', { timeoutMs: 20_000 });
    let seq = 0;
    for (let i = 0; i < options.frames; i++) {
      const socket = connected();
      if (!socket) {
        await waitUntil(() => Boolean(connected()) && bridge.stats.resyncs >= truncations + 1, 'the bridge to reconnect', { timeoutMs: 20_000 });
        i -= 1;
        continue;
      }
      const kind = Math.floor(random() * 5);
      const frame = kind === 0 ? maker.good(seq++) : kind === 1 ? maker.garbage() : kind === 2 ? maker.invalidUtf8() : kind === 3 ? maker.oversized() : maker.nonsense();
      counting.push(frame);
      for (let at = 0; at < frame.length;) {
        const size = 1 + Math.floor(random() * 4096);
        socket.write(frame.subarray(at, at + size));
        at += size;
      }
      if (i > 0 && i % 100 === 0) {
        // A frame cut off by the link going down: the next connection must not inherit it.
        // end() (not destroy()) so that everything written before arrives first.
        socket.end('Event: DrillTruncated\r\nLinkedid: 17000');
        truncations += 1;
        counting.end();
      }
    }
    const last = seq;
    const finalSocket = connected();
    if (finalSocket) finalSocket.write(maker.good(seq++));
    await waitUntil(() => goodSeen.has(last), 'the last good event', { timeoutMs: 20_000 }).catch((error: Error) => failures.push(`AMI fuzz: ${error.message}`));
    await bridge.drained();
  } finally {
    await bridge.close().catch((error: Error) => failures.push(`AMI fuzz: bridge close failed: ${error.message}`));
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  counting.end();
  const expected = maker.expectation;
  const stats = counting.stats;
  if (crashes.length > 0) failures.push(`AMI fuzz: ${crashes.length} uncaught errors, first: ${crashes[0]}`);
  // Every connection is ended after its bytes are flushed, so every good event must arrive intact.
  const goodLost = expected.good - goodSeen.size;
  if (goodLost > 0) failures.push(`AMI fuzz: ${goodLost} good events never arrived (${truncations} connections cut)`);
  if (stats.malformedMessages !== expected.garbage) failures.push(`AMI fuzz: framer counted ${stats.malformedMessages} malformed messages, ${expected.garbage} sent`);
  if (stats.invalidUtf8 !== expected.invalidUtf8Bytes) failures.push(`AMI fuzz: framer counted ${stats.invalidUtf8} invalid UTF-8 bytes, ${expected.invalidUtf8Bytes} sent`);
  if (stats.oversizedLines !== expected.oversized) failures.push(`AMI fuzz: framer counted ${stats.oversizedLines} oversized lines, ${expected.oversized} sent`);
  options.log(`AMI fuzz seed ${seed}: ${options.frames} frames over ${connections} connections; ${goodSeen.size}/${expected.good} good events arrived`);
  return {
    failures,
    figures: {
      fuzzSeed: seed,
      fuzzFrames: options.frames,
      fuzzGoodSent: expected.good,
      fuzzGoodArrived: goodSeen.size,
      fuzzGarbageFrames: expected.garbage,
      fuzzInvalidUtf8Bytes: expected.invalidUtf8Bytes,
      fuzzOversizedFrames: expected.oversized,
      fuzzNonsenseFrames: expected.nonsense,
      fuzzTruncatedFrames: truncations,
      fuzzConnections: connections,
      fuzzBridgeEvents: bridge.stats.events,
      fuzzBridgeHandOffFailures: bridge.stats.failures,
      fuzzUncaught: crashes.length,
    },
  };
}
