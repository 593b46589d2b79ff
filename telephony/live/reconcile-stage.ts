/**
 * The stage of the reconciliation test (reconcile.live.test.ts): a real Asterisk 22 with its
 * accounting in PostgreSQL (written and read with least-privilege roles), the API on a fresh database configured with ACCOUNTING_DATABASE_URL,
 * and — only when the test says so, so that it can first make an AMI outage — the real bridge
 * (through a loopback proxy whose link the test can cut) with the worker's call-events and
 * accounting queues (the registry's own processors). Calls are placed
 * and agents scripted with the test's own AMI user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { resolveTestServerUrl } from '@yixian/db/testing';
import { pino } from 'pino';
import { AmiClient } from '@yixian/ami';
import { createBridge, type Bridge } from '../../apps/bridge/src/bridge.js';
import { startWorkers, type RunningWorkers } from '../../apps/api/src/jobs/start-workers.js';
import { producerOf, type WorkerContext } from '../../apps/api/src/jobs/worker-context.js';
import { callEventsQueue } from '../../apps/api/src/modules/calls/calls.jobs.js';
import { ACCOUNTING_JOBS, ACCOUNTING_QUEUE, accountingQueue } from '../../apps/api/src/modules/accounting/accounting.jobs.js';
import { CUTOFF_MS } from '../../apps/api/src/modules/accounting/reconcile-accounting.js';
import { readPbxConfig } from '../../apps/api/src/modules/hotlines/pbx-config-sync.js';
import type { ReconcileSummary } from '../../apps/api/src/modules/accounting/reconciler-status.js';
import { createTestApp, type TestApp } from '../../apps/api/test/helpers/test-app.js';
import { createTcpProxy } from '../../scripts/drills/lib/tcp-proxy.js';
import { createAccountingDb, type TestAccountingDb } from '../pbx/accounting-db.js';
import { startTestPbx, type TestPbx } from '../pbx/test-pbx.js';
import { eventually } from './live-harness.js';
import { agentInterface, createPbxDriver } from './pbx-driver.js';

export { agentInterface };

type Finished = { id: string; kind: string; reason?: string; linkedid?: string; result: unknown; index: number };

export interface ReconcileStage {
  t: TestApp;
  pbx: TestPbx;
  accounting: TestAccountingDb;
  ami: AmiClient;
  context: WorkerContext;
  /** Places a caller (Linkedid chosen here, as the Originate's ChannelId); resolves with it. */
  placeCall(call: { did: string; number: string; name?: string; patience?: number }): Promise<string>;
  scriptAgent(extension: string, script: { ring?: number | 'never'; talk?: number }): Promise<void>;
  addMember(extension: string, name: string): Promise<void>;
  /** Waits until the PBX has written the call's end to queue_log and its caller's CDR. */
  accounted(linkedid: string): Promise<void>;
  /** Starts the bridge and the worker; resolves once the reconcile its first resync asked for ran. */
  connect(): Promise<ReconcileSummary>;
  /** Cuts the bridge's AMI link (a loopback proxy between them). */
  cutLink(): void;
  /** Restores it; resolves with the reconcile run the bridge's resync then asked for. */
  restoreLink(): Promise<ReconcileSummary>;
  /** Enqueues a reconcile run now and resolves with its summary. */
  reconcile(): Promise<ReconcileSummary>;
  /** Resolves when a job of this queue kind (and call) has finished, past or future. */
  finished(match: (job: Finished) => boolean, what: string, timeoutMs?: number): Promise<Finished>;
  close(): Promise<void>;
}

/**
 * The least privileges telephony/README.md ("Accounting") documents, on roles of this run: Asterisk
 * writes as a role that may only INSERT into cdr and queue_log, the reconciler reads as one that may
 * only SELECT them. If either needed more, the PBX would log nothing or the reconciler would fail.
 */
async function createAccountingRoles(accounting: TestAccountingDb) {
  const suffix = randomBytes(4).toString('hex');
  const writer = `yx_asterisk_${suffix}`;
  const reader = `yx_reconciler_${suffix}`;
  const password = randomBytes(12).toString('hex');
  await accounting.pool.query(`CREATE ROLE ${writer} LOGIN PASSWORD '${password}'`);
  await accounting.pool.query(`CREATE ROLE ${reader} LOGIN PASSWORD '${password}'`);
  await accounting.pool.query(`GRANT INSERT ON cdr, queue_log TO ${writer}`);
  await accounting.pool.query(`GRANT USAGE ON SEQUENCE cdr_id_seq, queue_log_id_seq TO ${writer}`);
  await accounting.pool.query(`GRANT SELECT ON cdr, queue_log TO ${reader}`);
  const readerUrl = new URL(accounting.url);
  readerUrl.username = reader;
  readerUrl.password = password;
  return {
    writer: { ...accounting, user: writer, password },
    readerUrl: readerUrl.href,
    /** After the database is dropped (the grants go with it). */
    async drop(admin: TestAccountingDb['pool']) {
      await admin.query(`DROP ROLE IF EXISTS ${writer}`);
      await admin.query(`DROP ROLE IF EXISTS ${reader}`);
    },
  };
}

export async function startReconcileStage(): Promise<ReconcileStage> {
  const root = mkdtempSync(join(tmpdir(), 'yixian-reconcile-'));
  const accounting = await createAccountingDb();
  const roles = await createAccountingRoles(accounting);
  const pbx = await startTestPbx({ root, accounting: roles.writer });
  pbx.cli('dialplan set global OFFICE_TIMES 00:00-23:59');
  pbx.cli('dialplan set global OFFICE_DAYS mon-sun');
  const t = await createTestApp({ AGENT_INTERFACE_TEMPLATE: agentInterface('{extension}'), PBX_ID: 'live', ACCOUNTING_DATABASE_URL: roles.readerUrl });
  // The hotline numbers reach [hotline-inbound] through AstDB, which the bridge's config sync fills.
  // This stage places calls before any bridge runs (an AMI outage), so it writes what the sync would.
  const wanted = await readPbxConfig(t.prisma, t.clock.now());
  for (const [number, value] of Object.entries(wanted.hotlines)) pbx.cli(`database put yixian-hotline ${number} ${value}`);
  const redis = new Redis(t.app.config.redis.url, { maxRetriesPerRequest: null });
  const context: WorkerContext = { config: t.app.config, prisma: t.prisma, redis, clock: t.clock, log: pino({ level: 'silent' }) };

  const ami = new AmiClient({ url: pbx.testAmiUrl });
  const loggedIn = new Promise<void>((resolve) => ami.once('connected', () => resolve()));
  ami.start();
  await loggedIn;

  const proxy = await createTcpProxy(pbx.amiPort);
  const done: Finished[] = [];
  const waiters = new Set<() => void>();
  let workers: RunningWorkers | null = null;
  let bridge: Bridge | null = null;

  const finished: ReconcileStage['finished'] = (match, what, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = done.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  /** The reconciler treats calls that ended CUTOFF_MS before its clock as settled: the clock runs just ahead. */
  const aheadOfTheCalls = () => t.clock.set(new Date(Date.now() + CUTOFF_MS + 1_000));

  return {
    ...createPbxDriver(ami, 'rec'),
    t, pbx, accounting, ami, context, finished,
    async accounted(linkedid) {
      // The PBX writes asynchronously (realtime queue_log, cdr_pgsql's batch): poll with a deadline.
      await eventually(async () => {
        const ended = await accounting.pool.query(
          `SELECT count(*)::int AS n FROM queue_log q JOIN queue_log m ON m.callid = q.callid AND m.event = 'YIXIANCALL' AND m.data1 = $1
            WHERE q.event IN ('COMPLETECALLER','COMPLETEAGENT','ABANDON','EXITWITHTIMEOUT','EXITEMPTY','BLINDTRANSFER','ATTENDEDTRANSFER')`,
          [linkedid],
        );
        const caller = await accounting.pool.query(`SELECT count(*)::int AS n FROM cdr WHERE uniqueid = $1`, [linkedid]);
        return ended.rows[0].n > 0 && caller.rows[0].n > 0;
      }, Boolean, `the PBX's accounting of ${linkedid}`, 60_000);
    },
    async connect() {
      aheadOfTheCalls();
      workers = await startWorkers(context, [callEventsQueue, accountingQueue], { schedules: false, relay: false });
      for (const worker of workers.workers) {
        worker.on('completed', (job: Job, result: unknown) => {
          done.push({
            id: job.id!, kind: worker.name === ACCOUNTING_QUEUE ? job.name : job.data.kind, reason: job.data?.reason, linkedid: job.data?.linkedid, result, index: done.length,
          });
          for (const wake of waiters) wake();
        });
      }
      const viaProxy = new URL(pbx.bridgeAmiUrl);
      viaProxy.port = String(proxy.port);
      bridge = createBridge(
        { amiUrl: viaProxy.href, redis: t.app.config.redis, redisPrefix: t.app.config.redisPrefix, pbxId: t.app.config.pbxId, queue: 'hotline', logLevel: 'silent' },
        pino({ level: process.env.LIVE_LOG_LEVEL ?? 'silent' }),
        { reconnectBaseMs: 100, reconnectMaxMs: 1_000 },
      );
      bridge.start();
      await finished((job) => job.kind === 'pbx.resync', 'the bridge’s first resync');
      const run = await finished((job) => job.kind === ACCOUNTING_JOBS.reconcile && job.reason === 'resync', 'the reconcile the resync asked for');
      return run.result as ReconcileSummary;
    },
    cutLink: () => proxy.cut(),
    async restoreLink() {
      const before = done.length;
      aheadOfTheCalls();
      proxy.restore();
      await finished((job) => job.index >= before && job.kind === 'pbx.resync', 'the resync after the link came back');
      const run = await finished((job) => job.index >= before && job.kind === ACCOUNTING_JOBS.reconcile && job.reason === 'resync', 'the reconcile that resync asked for');
      return run.result as ReconcileSummary;
    },
    async reconcile() {
      aheadOfTheCalls();
      const job = await producerOf(context).get(ACCOUNTING_QUEUE).add(ACCOUNTING_JOBS.reconcile, { reason: 'manual' });
      const run = await finished((candidate) => candidate.id === job.id, `reconcile job ${job.id}`);
      return run.result as ReconcileSummary;
    },
    async close() {
      await ami.close().catch(() => undefined);
      await bridge?.close().catch(() => undefined);
      await workers?.close();
      await redis.quit();
      await proxy.close();
      await pbx.stop();
      await t.close();
      await accounting.drop();
      const admin = new pg.Pool({ connectionString: resolveTestServerUrl(), max: 1 });
      await roles.drop(admin).finally(() => admin.end());
      rmSync(root, { recursive: true, force: true });
    },
  };
}
