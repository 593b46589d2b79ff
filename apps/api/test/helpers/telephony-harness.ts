/**
 * A PBX for API tests: the simulator (manual clock) behind the real bridge, and a worker
 * consuming `call-events` into call records. Waiting is on processed jobs, never on time.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createPbxSimulator, type PbxSimulator, type PbxSimulatorOptions } from '@yixian/ami/simulator';
import { CALL_EVENTS_QUEUE, alertCallOfChannel, bullPrefix } from '@yixian/runtime';
import { createBridge, type Bridge } from '../../../bridge/src/bridge.js';
import { callEventsQueue } from '../../src/modules/calls/calls.jobs.js';
import type { TestApp } from './test-app.js';

export interface TelephonyHarness {
  sim: PbxSimulator;
  bridge: Bridge;
  /** Resolves when a `call-events` job of this kind (and call, or alert call) has been applied. */
  processed(kind: string, linkedid?: string, timeoutMs?: number): Promise<void>;
  /**
   * Drives the simulator's clock until the alert call's `alert.result` has been applied: first waits
   * until the PBX has the call (its `yxal-` channel in an event) or the bridge reported it without
   * one (refused), then moves virtual time a quarter-second at a time, up to `seconds`.
   */
  alertResult(alertCallId: string, seconds?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTelephony(t: TestApp, options: PbxSimulatorOptions = {}): Promise<TelephonyHarness> {
  const sim = createPbxSimulator({ clock: 'manual', username: 'yixian', secret: 'harness', members: [{ agent: '8009', name: 'Paused 8009', paused: true, pausedReason: 'training' }], dynamicMembers: 'manual', ...options });
  await sim.listen();
  const config = t.app.config;
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null });
  const done: { kind: string; linkedid?: string }[] = [];
  const waiters = new Set<() => void>();
  const worker = new Worker(CALL_EVENTS_QUEUE, (job) => callEventsQueue.process(job, { config, prisma: t.prisma, redis, clock: t.clock, log: pino({ level: 'silent' }) }), {
    connection: new Redis(config.redis.url, { maxRetriesPerRequest: null }),
    prefix: bullPrefix(config.redisPrefix),
  });
  worker.on('completed', (job) => {
    done.push({ kind: job.data.kind, linkedid: job.data.linkedid ?? job.data.alertCallId });
    for (const wake of waiters) wake();
  });
  /** Alert calls the simulator has seen a channel of. */
  const alertCallsOnPbx = new Set<string>();
  sim.onEvent((fields) => {
    const alertCallId = alertCallOfChannel(fields.find(([key]) => key === 'Uniqueid')?.[1]);
    if (alertCallId && !alertCallsOnPbx.has(alertCallId)) {
      alertCallsOnPbx.add(alertCallId);
      for (const wake of waiters) wake();
    }
  });
  const bridge = createBridge(
    { amiUrl: `ami://yixian:harness@127.0.0.1:${sim.port}`, redis: config.redis, redisPrefix: config.redisPrefix, pbxId: config.pbxId, queue: 'hotline', logLevel: 'silent' },
    pino({ level: 'silent' }),
    { reconnectBaseMs: 50, reconnectMaxMs: 200 },
  );
  const until = (met: () => boolean, what: string, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!met()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const processed = (kind: string, linkedid?: string, timeoutMs = 15_000) =>
    until(() => done.some((d) => d.kind === kind && (!linkedid || d.linkedid === linkedid)), `${kind} ${linkedid ?? ''}`, timeoutMs);
  const isApplied = (alertCallId: string) => done.some((d) => d.kind === 'alert.result' && d.linkedid === alertCallId);
  const alertResult = async (alertCallId: string, seconds = 60) => {
    await until(() => alertCallsOnPbx.has(alertCallId) || isApplied(alertCallId), `alert call ${alertCallId} on the PBX`);
    for (let step = 0; step < seconds * 4 && !isApplied(alertCallId); step += 1) {
      sim.tick(250);
      await bridge.drained();
    }
    await processed('alert.result', alertCallId);
  };
  bridge.start();
  await processed('pbx.resync');
  return {
    sim,
    bridge,
    processed,
    alertResult,
    async close() {
      await bridge.close();
      await worker.close();
      await redis.quit();
      await sim.close();
    },
  };
}
