/**
 * The telephony path of a drill, in this process: the PBX simulator (manual clock) behind a
 * cuttable TCP proxy, the real bridge, and the real `call-events` processor on BullMQ. It keeps
 * which events were applied, so a drill can wait on them instead of on time.
 */
import { createLogger, createRedis } from '@yixian/runtime';
import { createPbxSimulator, type PbxSimulator } from '../../../packages/ami/src/simulator/index.js';
import { createBridge, type Bridge } from '../../../apps/bridge/src/bridge.js';
import { callEventsQueue } from '../../../apps/api/src/modules/calls/calls.jobs.js';
import { startWorkers, type RunningWorkers } from '../../../apps/api/src/jobs/start-workers.js';
import { systemClock } from '../../../apps/api/src/lib/clock.js';
import type { DrillData } from './drill-services.js';
import { createTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { withTimeout } from './wait-for.js';

export interface AppliedEvent {
  kind: string;
  linkedid?: string;
  atMs: number;
}

export interface CallEventsHarness {
  sim: PbxSimulator;
  proxy: TcpProxy;
  bridge: Bridge;
  applied: AppliedEvent[];
  /** Resolves with the first applied event matching, counting those already applied after `sinceMs`. */
  waitApplied(test: (event: AppliedEvent) => boolean, label: string, timeoutMs: number): Promise<AppliedEvent>;
  close(): Promise<void>;
}

export async function startCallEventsHarness(data: DrillData, options: { withWorker?: boolean } = {}): Promise<CallEventsHarness> {
  const sim = createPbxSimulator({ clock: 'manual', username: 'drill', secret: 'drill-secret' });
  await sim.listen();
  const proxy = await createTcpProxy(sim.port);
  const applied: AppliedEvent[] = [];
  const waiters = new Set<() => void>();
  let workers: RunningWorkers | null = null;
  let redis: ReturnType<typeof createRedis> | null = null;
  if (options.withWorker ?? true) {
    redis = createRedis(data.config.redis, { waitForever: true, name: 'drill-calls' });
    await redis.connect();
    const context = { config: data.config, prisma: data.prisma, redis, clock: systemClock, log: createLogger('silent', 'drill-worker') };
    workers = await startWorkers(context, [callEventsQueue], { schedules: false, relay: false });
    workers.workers[0]!.on('completed', (job) => {
      applied.push({ kind: String(job.data.kind), linkedid: job.data.linkedid as string | undefined, atMs: performance.now() });
      for (const wake of [...waiters]) wake();
    });
  }
  const bridge = createBridge(
    { amiUrl: `ami://drill:drill-secret@127.0.0.1:${proxy.port}`, redis: data.config.redis, redisPrefix: data.redisPrefix, pbxId: 'drill', queue: 'hotline', logLevel: 'silent' },
    createLogger('silent', 'drill-bridge'),
  );
  const waitApplied = (test: (event: AppliedEvent) => boolean, label: string, timeoutMs: number) =>
    withTimeout(
      new Promise<AppliedEvent>((resolve) => {
        const check = () => {
          const found = applied.find(test);
          if (found) {
            waiters.delete(check);
            resolve(found);
          }
        };
        waiters.add(check);
        check();
      }),
      label,
      timeoutMs,
    );
  bridge.start();
  return {
    sim,
    proxy,
    bridge,
    applied,
    waitApplied,
    async close() {
      await bridge.close().catch(() => undefined);
      await workers?.close().catch(() => undefined);
      await redis?.quit().catch(() => undefined);
      await proxy.close();
      await sim.close();
    },
  };
}
