/**
 * The live telephony suite's stage: a real Asterisk 22 (telephony/pbx) with its accounting in
 * PostgreSQL, the whole API on a fresh database, the real bridge (through a loopback proxy whose
 * link a test can cut) and a call-events worker. Callers are placed and agents scripted with the
 * test's own AMI user; the product is judged against the PBX's own queue_log and CDR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { AmiClient } from '@yixian/ami';
import { CALL_EVENTS_QUEUE, bullPrefix, readPbxConfigStatus } from '@yixian/runtime';
import type { Call } from '@yixian/db';
import { createBridge, type Bridge } from '../../apps/bridge/src/bridge.js';
import { callEventsQueue } from '../../apps/api/src/modules/calls/calls.jobs.js';
import { PBX_CONFIG_QUEUE, listenForPbxConfig, pbxConfigQueue, readPbxConfig } from '../../apps/api/src/modules/hotlines/pbx-config-sync.js';
import { CUTOFF_MS, reconcileAccounting } from '../../apps/api/src/modules/accounting/reconcile-accounting.js';
import type { WorkerContext } from '../../apps/api/src/jobs/worker-context.js';
import type { ReconcileSummary } from '../../apps/api/src/modules/accounting/reconciler-status.js';
import { createTestApp, login, type Session, type TestApp } from '../../apps/api/test/helpers/test-app.js';
import { createTcpProxy, type TcpProxy } from '../../scripts/drills/lib/tcp-proxy.js';
import { createAccountingDb, type TestAccountingDb } from '../pbx/accounting-db.js';
import { startTestPbx, type TestPbx } from '../pbx/test-pbx.js';
import { AGENT_CONTEXT, createPbxDriver, type PbxDriver } from './pbx-driver.js';

export { AGENT_CONTEXT, agentInterface, type PlaceCall } from './pbx-driver.js';

export interface Live extends PbxDriver {
  t: TestApp;
  pbx: TestPbx;
  accounting: TestAccountingDb;
  bridge: Bridge;
  proxy: TcpProxy;
  /** The test's own AMI session (full rights): callers, AstDB, members. */
  ami: AmiClient;
  login(username: string): Promise<Session>;
  /** Resolves when a call-events job of this kind (and call) has been applied. */
  processed(kind: string, linkedid?: string, timeoutMs?: number): Promise<void>;
  /** The call's record once `done(call)` holds (waits for the worker; throws after the timeout). */
  callWhen(linkedid: string, done: (call: Call) => boolean, what: string, timeoutMs?: number): Promise<Call>;
  /**
   * Runs the accounting reconciler now, over calls that ended up to now (its usual 10 s margin
   * for calls still being written is moved out of the way, not skipped: the caller waits for the
   * PBX's accounting first).
   */
  reconcile(): Promise<ReconcileSummary>;
  /** Resolves once the bridge has put the database's hotlines and calendar, as they are now, into AstDB. */
  pbxConfigSynced(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Polls until `read()` gives a value `ok` accepts; for state another process writes (PBX, worker). */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 600)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startLive(options: { env?: Record<string, string> } = {}): Promise<Live> {
  const root = mkdtempSync(join(tmpdir(), 'yixian-pbx-'));
  const accounting = await createAccountingDb();
  const pbx = await startTestPbx({ root, accounting });
  // Every line open around the clock unless a test closes it (the shipped hours are 08:30-17:30, Mon-Fri).
  pbx.cli('dialplan set global OFFICE_TIMES 00:00-23:59');
  pbx.cli('dialplan set global OFFICE_DAYS mon-sun');
  const t = await createTestApp({
    AGENT_INTERFACE_TEMPLATE: `Local/{extension}@${AGENT_CONTEXT}/n`, PBX_ID: 'live', RECORDINGS_DIR: pbx.recordingsDir,
    ACCOUNTING_DATABASE_URL: accounting.url, ...options.env,
  }, { realTime: true });
  const config = t.app.config;
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null });

  const done: { kind: string; linkedid?: string }[] = [];
  const waiters = new Set<() => void>();
  const context: WorkerContext = { config, prisma: t.prisma, redis, clock: t.clock, log: pino({ level: 'silent' }) };
  const worker = new Worker(CALL_EVENTS_QUEUE, (job) => callEventsQueue.process(job, context), {
    connection: new Redis(config.redis.url, { maxRetriesPerRequest: null }),
    prefix: bullPrefix(config.redisPrefix),
  });
  // The worker's PBX configuration sync: after a bridge resync, after a hotline or calendar change.
  const configWorker = new Worker(PBX_CONFIG_QUEUE, (job) => pbxConfigQueue.process(job, context), {
    connection: new Redis(config.redis.url, { maxRetriesPerRequest: null }),
    prefix: bullPrefix(config.redisPrefix),
  });
  const stopConfigListener = listenForPbxConfig(context);
  const pbxConfigSynced = async (timeoutMs = 20_000) => {
    const wanted = (await readPbxConfig(t.prisma, t.clock.now())).digest;
    await eventually(() => readPbxConfigStatus(redis, config.redisPrefix, config.pbxId), (status) => status.digest === wanted, `the PBX to hold configuration ${wanted}`, timeoutMs);
  };
  worker.on('completed', (job) => {
    done.push({ kind: job.data.kind, linkedid: job.data.linkedid });
    for (const wake of waiters) wake();
  });
  const processed = (kind: string, linkedid?: string, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (done.some((d) => d.kind === kind && (!linkedid || d.linkedid === linkedid))) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${kind} ${linkedid ?? ''}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const proxy = await createTcpProxy(pbx.amiPort);
  const bridgeUrl = new URL(pbx.bridgeAmiUrl);
  bridgeUrl.port = String(proxy.port);
  const bridge = createBridge(
    { amiUrl: bridgeUrl.href, amiConfigUrl: pbx.bridgeConfigAmiUrl, redis: config.redis, redisPrefix: config.redisPrefix, pbxId: config.pbxId, queue: 'hotline', logLevel: 'silent' },
    pino({ level: process.env.LIVE_LOG_LEVEL ?? 'silent' }),
    { reconnectBaseMs: 100, reconnectMaxMs: 1_000 },
  );
  bridge.start();
  await processed('pbx.resync', undefined, 30_000);
  // The hotlines reach the PBX through AstDB only: no call before they are there.
  await pbxConfigSynced(30_000);

  const ami = new AmiClient({ url: pbx.testAmiUrl });
  const connected = new Promise<void>((resolve) => ami.on('connected', () => resolve()));
  ami.start();
  await connected;

  const live: Live = {
    ...createPbxDriver(ami, 'live'),
    t, pbx, accounting, bridge, proxy, ami,
    login: (username) => login(t.app, username),
    processed,
    async callWhen(linkedid, isDone, what, timeoutMs = 30_000) {
      const call = await eventually(() => t.prisma.call.findUnique({ where: { linkedid } }), (c) => c !== null && isDone(c), `call ${linkedid}: ${what}`, timeoutMs);
      return call!;
    },
    pbxConfigSynced,
    reconcile: () => reconcileAccounting({ ...context, clock: { now: () => new Date(t.clock.now().getTime() + CUTOFF_MS + 1_000) } } as Parameters<typeof reconcileAccounting>[0], accounting.url),
    async close() {
      await ami.close().catch(() => undefined);
      await bridge.close().catch(() => undefined);
      await worker.close();
      stopConfigListener();
      await configWorker.close();
      await context.producer?.close();
      await redis.quit();
      await proxy.close();
      await pbx.stop();
      await t.close();
      await accounting.drop();
      if (!process.env.LIVE_KEEP_PBX) rmSync(root, { recursive: true, force: true });
    },
  };
  return live;
}
