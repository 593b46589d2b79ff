/**
 * The live telephony suite's stage: a real Asterisk 22 (telephony/pbx) with its accounting in
 * PostgreSQL, the whole API on a fresh database, the real bridge (through a loopback proxy whose
 * link a test can cut) and a call-events worker. Callers are placed and agents scripted with the
 * test's own AMI user; the product is judged against the PBX's own queue_log and CDR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { AmiClient, getField } from '@yixian/ami';
import { CALL_EVENTS_QUEUE, bullPrefix } from '@yixian/runtime';
import type { Call } from '@yixian/db';
import { createBridge, type Bridge } from '../../apps/bridge/src/bridge.js';
import { callEventsQueue } from '../../apps/api/src/modules/calls/calls.jobs.js';
import { CUTOFF_MS, reconcileAccounting } from '../../apps/api/src/modules/accounting/reconcile-accounting.js';
import type { ReconcileSummary } from '../../apps/api/src/modules/accounting/reconciler-status.js';
import { createTestApp, login, type Session, type TestApp } from '../../apps/api/test/helpers/test-app.js';
import { createTcpProxy, type TcpProxy } from '../../scripts/drills/lib/tcp-proxy.js';
import { createAccountingDb, type TestAccountingDb } from '../pbx/accounting-db.js';
import { startTestPbx, type TestPbx } from '../pbx/test-pbx.js';

export const AGENT_CONTEXT = 'yixian-test-agents';
export const agentInterface = (extension: string) => `Local/${extension}@${AGENT_CONTEXT}/n`;

export interface PlaceCall {
  did: string;
  number: string;
  name?: string;
  /** Seconds the caller waits on the line before hanging up (default 120). */
  patience?: number;
}

export interface Live {
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
  /** Places a caller on a hotline number; resolves with the call's Linkedid. */
  placeCall(call: PlaceCall): Promise<string>;
  /** Scripts an agent's phone: seconds it rings before answering (`never`), seconds of talk. */
  scriptAgent(extension: string, script: { ring?: number | 'never'; talk?: number }): Promise<void>;
  /** Adds a member straight on the PBX (agents not driven through the API). */
  addMember(extension: string, name: string): Promise<void>;
  /** The call's record once `done(call)` holds (waits for the worker; throws after the timeout). */
  callWhen(linkedid: string, done: (call: Call) => boolean, what: string, timeoutMs?: number): Promise<Call>;
  /**
   * Runs the accounting reconciler now, over calls that ended up to now (its usual 10 s margin
   * for calls still being written is moved out of the way, not skipped: the caller waits for the
   * PBX's accounting first).
   */
  reconcile(): Promise<ReconcileSummary>;
  /** Hangs up every channel of a call on the PBX (the test's own hand, not the product's). */
  hangupCall(linkedid: string): Promise<void>;
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
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });

  const done: { kind: string; linkedid?: string }[] = [];
  const waiters = new Set<() => void>();
  const context = { config, prisma: t.prisma, redis, clock: t.clock, log: pino({ level: 'silent' }) };
  const worker = new Worker(CALL_EVENTS_QUEUE, (job) => callEventsQueue.process(job, context), {
    connection: new Redis(config.redisUrl, { maxRetriesPerRequest: null }),
    prefix: bullPrefix(config.redisPrefix),
  });
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
    { amiUrl: bridgeUrl.href, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, pbxId: config.pbxId, queue: 'hotline', logLevel: 'silent' },
    pino({ level: process.env.LIVE_LOG_LEVEL ?? 'silent' }),
    { reconnectBaseMs: 100, reconnectMaxMs: 1_000 },
  );
  bridge.start();
  await processed('pbx.resync', undefined, 30_000);

  const ami = new AmiClient({ url: pbx.testAmiUrl });
  const connected = new Promise<void>((resolve) => ami.on('connected', () => resolve()));
  ami.start();
  await connected;
  let sequence = 0;

  const live: Live = {
    t, pbx, accounting, bridge, proxy, ami,
    login: (username) => login(t.app, username),
    processed,
    async placeCall(call) {
      const linkedid = `live-${randomBytes(3).toString('hex')}-${++sequence}`;
      const callerId = call.name ? `"${call.name}" <${call.number}>` : call.number;
      await ami.action({
        Action: 'Originate', Channel: `Local/${call.did}@hotline-inbound`, Application: 'Wait', Data: String(call.patience ?? 120),
        CallerID: callerId, Async: 'true', ChannelId: linkedid, OtherChannelId: `${linkedid}-in`,
      });
      return linkedid;
    },
    async scriptAgent(extension, script) {
      if (script.ring !== undefined) await ami.action({ Action: 'DBPut', Family: 'yxtest', Key: `ring/${extension}`, Val: String(script.ring) });
      if (script.talk !== undefined) await ami.action({ Action: 'DBPut', Family: 'yxtest', Key: `talk/${extension}`, Val: String(script.talk) });
    },
    async addMember(extension, name) {
      await ami.action({ Action: 'QueueAdd', Queue: 'hotline', Interface: agentInterface(extension), MemberName: name });
    },
    async callWhen(linkedid, isDone, what, timeoutMs = 30_000) {
      const call = await eventually(() => t.prisma.call.findUnique({ where: { linkedid } }), (c) => c !== null && isDone(c), `call ${linkedid}: ${what}`, timeoutMs);
      return call!;
    },
    reconcile: () => reconcileAccounting({ ...context, clock: { now: () => new Date(t.clock.now().getTime() + CUTOFF_MS + 1_000) } } as Parameters<typeof reconcileAccounting>[0], accounting.url),
    async hangupCall(linkedid) {
      const result = await ami.action({ Action: 'CoreShowChannels' });
      for (const item of result.items) {
        const channel = getField(item, 'Channel');
        if (getField(item, 'Linkedid') === linkedid && channel) await ami.action({ Action: 'Hangup', Channel: channel }).catch(() => undefined);
      }
    },
    async close() {
      await ami.close().catch(() => undefined);
      await bridge.close().catch(() => undefined);
      await worker.close();
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
