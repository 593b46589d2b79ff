/**
 * The bridge: one process per PBX. AMI events → normaliser → durable hand-off to the API
 * (BullMQ `call-events`) and live state for the consoles; API commands → AMI actions.
 * It resyncs on every connect; the AMI client reconnects by itself and never throws.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AmiClient, AmiEventNormaliser, getField } from '@yixian/ami';
import { bullPrefix, createLogger, pbxCommandsQueue, startHeartbeat } from '@yixian/runtime';
import { loadBridgeConfig } from './config.js';
import { createHandOff } from './hand-off.js';
import { createLiveState } from './live-state.js';
import { resyncFromPbx } from './resync.js';
import { runCommand, type PbxCommand } from './commands.js';

const config = loadBridgeConfig();
const log = createLogger(config.logLevel, 'bridge');
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, connectionName: `bridge-${config.pbxId}` });
const handOff = createHandOff(redis, config.redisPrefix, config.pbxId);
const live = createLiveState(redis, config.redisPrefix, config.pbxId);
const normaliser = new AmiEventNormaliser();
const client = new AmiClient({ url: config.amiUrl });

// Events are handled strictly in arrival order: a chain of promises, one link per event.
let chain: Promise<void> = Promise.resolve();
const stats = { events: 0, handedOff: 0, failures: 0 };

client.on('event', (message) => {
  stats.events++;
  const events = normaliser.normalise(message);
  if (events.length === 0) return;
  chain = chain.then(async () => {
    for (const event of events) {
      try {
        await live.apply(event);
        if (event.kind !== 'agent.state') {
          await handOff.send(event);
          stats.handedOff++;
        }
      } catch (error) {
        stats.failures++;
        log.error({ err: (error as Error).message, kind: event.kind }, 'hand-off failed');
      }
    }
  });
});

async function resync(restarted: boolean): Promise<void> {
  try {
    await resyncFromPbx({ client, normaliser, handOff, live, queue: config.queue, restarted, log });
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'resync failed; retrying on the next connect');
  }
}

client.on('connected', () => log.info({ pbxId: config.pbxId }, 'AMI connected'));
client.on('fullyBooted', (message) => {
  const restarted = getField(message, 'Uptime') === '0';
  if (restarted) normaliser.reset();
  chain = chain.then(() => resync(restarted));
});
client.on('disconnected', ({ reason }) => log.warn({ reason }, 'AMI disconnected'));
client.on('reconnecting', ({ attempt, delayMs }) => log.info({ attempt, delayMs }, 'AMI reconnecting'));

const commands = new Worker<PbxCommand>(pbxCommandsQueue(config.pbxId), (job) => runCommand(client, config.queue, job), {
  connection: new Redis(config.redisUrl, { maxRetriesPerRequest: null }),
  prefix: bullPrefix(config.redisPrefix),
  concurrency: 8,
});
commands.on('error', (error) => log.error({ err: error.message }, 'command worker error'));

const stopHeartbeat = startHeartbeat(redis, config.redisPrefix, 'bridge', config.pbxId);
client.start();
log.info({ pbxId: config.pbxId, queue: config.queue }, 'bridge started');

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal, ...stats }, 'closing');
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  await commands.close();
  await client.close();
  await chain;
  await handOff.close();
  await stopHeartbeat();
  await redis.quit();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
