/**
 * A PBX for API tests: the simulator (manual clock) behind the real bridge, and a worker
 * consuming `call-events` into call records. Waiting is on processed jobs, never on time.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createPbxSimulator, type PbxSimulator, type PbxSimulatorOptions } from '@yixian/ami/simulator';
import { CALL_EVENTS_QUEUE, bullPrefix } from '@yixian/runtime';
import { createBridge, type Bridge } from '../../../bridge/src/bridge.js';
import { callEventsQueue } from '../../src/modules/calls/calls.jobs.js';
import type { TestApp } from './test-app.js';

export interface TelephonyHarness {
  sim: PbxSimulator;
  bridge: Bridge;
  /** Resolves when a `call-events` job of this kind (and call) has been applied. */
  processed(kind: string, linkedid?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTelephony(t: TestApp, options: PbxSimulatorOptions = {}): Promise<TelephonyHarness> {
  const sim = createPbxSimulator({ clock: 'manual', username: 'yixian', secret: 'harness', members: [{ agent: '8009', name: 'Paused 8009', paused: true, pausedReason: 'training' }], dynamicMembers: 'manual', ...options });
  await sim.listen();
  const config = t.app.config;
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const done: { kind: string; linkedid?: string }[] = [];
  const waiters = new Set<() => void>();
  const worker = new Worker(CALL_EVENTS_QUEUE, (job) => callEventsQueue.process(job, { config, prisma: t.prisma, redis, clock: t.clock, log: pino({ level: 'silent' }) }), {
    connection: new Redis(config.redisUrl, { maxRetriesPerRequest: null }),
    prefix: bullPrefix(config.redisPrefix),
  });
  worker.on('completed', (job) => {
    done.push({ kind: job.data.kind, linkedid: job.data.linkedid });
    for (const wake of waiters) wake();
  });
  const bridge = createBridge(
    { amiUrl: `ami://yixian:harness@127.0.0.1:${sim.port}`, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix, pbxId: config.pbxId, queue: 'hotline', logLevel: 'silent' },
    pino({ level: 'silent' }),
    { reconnectBaseMs: 50, reconnectMaxMs: 200 },
  );
  const processed = (kind: string, linkedid?: string, timeoutMs = 15_000) =>
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
  bridge.start();
  await processed('pbx.resync');
  return {
    sim,
    bridge,
    processed,
    async close() {
      await bridge.close();
      await worker.close();
      await redis.quit();
      await sim.close();
    },
  };
}
