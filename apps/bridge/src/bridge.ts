/**
 * The bridge: AMI events → normaliser → durable hand-off to the API (BullMQ `call-events`)
 * and live state for the consoles; API commands → AMI actions. It resyncs on every connect;
 * the AMI client reconnects by itself and never throws.
 */
import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { AmiClient, AmiEventNormaliser, NORMALISED_EVENTS, PbxClock, getField, type AmiClientOptions, type DomainEvent } from '@yixian/ami';
import { alertTargetKey, bullPrefix, calloutTargetKey, createPbxLinkWriter, createRedis, pbxCommandsQueue, startHeartbeat } from '@yixian/runtime';
import type { BridgeConfig } from './config.js';
import { createHandOff } from './hand-off.js';
import { agentRepairFrom, createLiveState } from './live-state.js';
import { resyncFromPbx } from './resync.js';
import { runCommand, type PbxCommand } from './commands.js';
import type { OnMemberRead } from './agent-commands.js';
import { CALLOUT_EVENTS, createCalloutTracker } from './callout.js';
import { ALERT_EVENTS, createAlertCallTracker } from './alert-call.js';
import { createConfigSync } from './config-sync.js';

/** Events handed over per round trip at most. */
const MAX_BATCH = 500;
/**
 * Backpressure: with this many domain events waiting for the hand-off the bridge stops reading
 * the AMI socket (TCP pushes back on the PBX) and reads again below LOW_WATER, so a flood costs a
 * bounded amount of memory. Never during a resync: its list replies must still be read.
 */
const HIGH_WATER = 5_000;
/** A resync whose lists failed is tried again this long after, while the link is up. */
const RESYNC_RETRY_MS = 5_000;
const LOW_WATER = 1_000;

export interface BridgeStats {
  /** Live AMI events read (those the normaliser does not read included). */
  readonly events: number;
  handedOff: number;
  failures: number;
  resyncs: number;
  /** Events a resync rebuilt from the PBX's lists: what the bridge had missed while it could not see the PBX. */
  rebuilt: number;
}

export function createBridge(config: BridgeConfig, log: Logger, clientOptions: Partial<AmiClientOptions> = {}) {
  const redis = createRedis(config.redis, { waitForever: true, name: `bridge-${config.pbxId}` });
  const handOff = createHandOff(redis, config.redisPrefix, config.pbxId);
  const live = createLiveState(redis, config.redisPrefix, config.pbxId);
  const normaliser = new AmiEventNormaliser();
  // Times the bridge makes up (a transfer it ordered, a resync) are on the PBX's clock.
  const clock = new PbxClock();
  // Events the normaliser does not read are counted and dropped before any further work.
  const client = new AmiClient({ url: config.amiUrl, events: [...new Set([...NORMALISED_EVENTS, ...CALLOUT_EVENTS, ...ALERT_EVENTS])], ...clientOptions });
  const stats: BridgeStats = { get events() { return client.eventsRead; }, handedOff: 0, failures: 0, resyncs: 0, rebuilt: 0 };
  let resyncing = false;

  // Events are handled strictly in arrival order: normalised at once, then handed over in
  // batches (one Redis round trip per batch, not per event) on a chain of promises.
  let chain: Promise<void> = Promise.resolve();
  const pending: DomainEvent[] = [];
  let flushQueued = false;

  const flush = async () => {
    flushQueued = false;
    while (pending.length > 0) {
      const batch = pending.splice(0, MAX_BATCH);
      try {
        await live.applyAll(batch);
        const calls = batch.filter((event) => event.kind !== 'agent.state');
        await handOff.sendAll(calls);
        stats.handedOff += calls.length;
      } catch (error) {
        stats.failures += batch.length;
        log.error({ err: (error as Error).message, events: batch.length }, 'hand-off failed');
      }
      if (client.isPaused && pending.length < LOW_WATER) client.resume();
    }
    if (client.isPaused) client.resume();
  };

  const enqueue = (events: readonly DomainEvent[]) => {
    if (events.length === 0) return;
    for (const event of events) pending.push(event);
    if (pending.length > HIGH_WATER && !resyncing && !client.isPaused) client.pause();
    if (!flushQueued) {
      flushQueued = true;
      chain = chain.then(flush);
    }
  };
  const link = createPbxLinkWriter(redis, config.redisPrefix, config.pbxId);
  // Call-outs' outcomes go to the API on the same durable hand-off, in order with the rest.
  const callouts = createCalloutTracker(config.pbxId, (result) => {
    chain = chain.then(() => handOff.sendCalloutResult(result)).catch((error: Error) => {
      stats.failures++;
      log.error({ err: error.message, attemptId: result.attemptId }, 'call-out result hand-off failed');
    });
  });
  // Alert calls' outcomes (activations, red warnings, the linkage conference) likewise.
  const alerts = createAlertCallTracker(config.pbxId, (result) => {
    chain = chain.then(() => handOff.sendAlertResult(result)).catch((error: Error) => {
      stats.failures++;
      log.error({ err: error.message, alertCallId: result.alertCallId }, 'alert result hand-off failed');
    });
  });
  client.on('event', (message) => {
    link.event();
    clock.observe(message);
    callouts.observe(message);
    alerts.observe(message);
    enqueue(normaliser.normalise(message));
  });
  // AstDB is written on a login of its own (write class `system`, no events), never the one that originates.
  const configClient = config.amiConfigUrl && config.amiConfigUrl !== config.amiUrl
    ? new AmiClient({ url: config.amiConfigUrl, events: [], ...clientOptions, actionIdPrefix: 'yxcfg' })
    : client;
  const configSync = createConfigSync(configClient, redis, config.redisPrefix, config.pbxId);
  const takeCalloutTarget = (attemptId: string) => redis.getdel(calloutTargetKey(config.redisPrefix, config.pbxId, attemptId));
  const takeAlertTarget = (alertCallId: string) => redis.getdel(alertTargetKey(config.redisPrefix, config.pbxId, alertCallId));
  // An agent command's QueueStatus reply is read in stream order: what it says lands between the
  // events before and after it, so it can never undo a newer event. The normaliser learns a
  // member's state from it, and the live state is repaired where it disagrees.
  const onMemberRead: OnMemberRead = ({ iface, item, member, lastPause }) => enqueue([
    ...(item ? normaliser.normalise(item) : []),
    agentRepairFrom(member, iface, config.queue, lastPause),
  ]);

  let resyncRetry: NodeJS.Timeout | undefined;
  const resync = async (restarted: boolean) => {
    resyncing = true;
    if (client.isPaused) client.resume();
    try {
      const { rebuilt } = await resyncFromPbx({ client, normaliser, handOff, live, clock, queue: config.queue, restarted, log });
      stats.resyncs++;
      stats.rebuilt += rebuilt;
    } catch (error) {
      // Never left stale while the link stays up: try again shortly (a reconnect also resyncs).
      log.warn({ err: (error as Error).message }, 'resync failed; retrying in 5 s');
      clearTimeout(resyncRetry);
      resyncRetry = setTimeout(() => {
        if (client.isConnected) chain = chain.then(() => resync(restarted));
      }, RESYNC_RETRY_MS);
      resyncRetry.unref();
    } finally {
      resyncing = false;
    }
  };

  client.on('connected', () => {
    link.up();
    log.info({ pbxId: config.pbxId }, 'AMI connected');
  });
  client.on('fullyBooted', (message) => {
    const restarted = getField(message, 'Uptime') === '0';
    if (restarted) normaliser.reset();
    chain = chain.then(() => resync(restarted));
  });
  client.on('disconnected', ({ reason }) => {
    link.down();
    log.warn({ reason }, 'AMI disconnected');
  });
  client.on('reconnecting', ({ attempt, delayMs }) => log.info({ attempt, delayMs }, 'AMI reconnecting'));

  let commands: Worker<PbxCommand> | undefined;
  let stopHeartbeat: (() => Promise<void>) | undefined;

  return {
    client,
    stats,
    /** The bridge's own connection (metrics publish on it); closed by close(). */
    redis,
    /** Resolves once every event received so far has been handed off. */
    drained: () => chain,
    start(): void {
      commands = new Worker<PbxCommand>(pbxCommandsQueue(config.pbxId), (job) => runCommand(client, config.queue, job, { onMemberRead, clock, takeCalloutTarget, takeAlertTarget, onAlertFailed: alerts.failed, configSync, onTransferred: (event) => enqueue([event]) }), {
        connection: createRedis(config.redis, { waitForever: true, name: `bridge-${config.pbxId}-commands` }),
        prefix: bullPrefix(config.redisPrefix),
        concurrency: 8,
      });
      commands.on('error', (error) => log.error({ err: error.message }, 'command worker error'));
      stopHeartbeat = startHeartbeat(redis, config.redisPrefix, 'bridge', config.pbxId);
      client.start();
      if (configClient !== client) configClient.start();
      log.info({ pbxId: config.pbxId, queue: config.queue }, 'bridge started');
    },
    async close(): Promise<void> {
      log.info({ ...stats }, 'closing');
      clearTimeout(resyncRetry);
      await commands?.close();
      // The PBX writes in order: once a Ping is answered, every event sent before it has been read.
      if (client.isConnected) await client.action({ Action: 'Ping' }, { timeoutMs: 2_000 }).catch(() => undefined);
      await client.close();
      if (configClient !== client) await configClient.close();
      await chain;
      await handOff.close();
      await stopHeartbeat?.();
      link.stop();
      link.down();
      await redis.quit();
    },
  };
}

export type Bridge = ReturnType<typeof createBridge>;
