/**
 * Runs the real bridge (`createBridge`) against an AMI port for a while, then cuts the AMI link
 * and waits until everything received has been handed off: events/s is counted to that point,
 * so a hand-off that lags behind parsing shows up as a lower rate and a drain time, not hidden.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CALL_EVENTS_QUEUE, bullPrefix, createLogger } from '@yixian/runtime';
import { createBridge } from '../../../apps/bridge/src/bridge.js';
import { sampleRss, withTimeout } from './child-process.js';
import { round } from './stats.js';

export interface BridgeRun {
  seconds: number;
  rawEvents: number;
  handedOff: number;
  failures: number;
  calls: number;
  /** Raw events per second from connect until the last hand-off finished. */
  eventsPerS: number;
  /** Raw events per second while the link was up (parse + normalise, hand-off may lag). */
  receivedPerS: number;
  handedOffPerS: number;
  callsPerS: number;
  /** Seconds the hand-off needed after the link was cut to catch up. */
  drainS: number;
  series: Array<{ atS: number; rawEvents: number; handedOff: number }>;
  rss: Array<{ atS: number; rssMiB: number }>;
}

export interface BridgeRunOptions {
  port: number;
  seconds: number;
  redisUrl: string;
  redisPrefix: string;
  pbxId: string;
}

export async function runBridge(options: BridgeRunOptions): Promise<BridgeRun> {
  const { port, seconds, redisUrl, redisPrefix, pbxId } = options;
  const bridge = createBridge(
    { amiUrl: `ami://admin:secret@127.0.0.1:${port}`, redis: { url: redisUrl }, redisPrefix, pbxId, queue: 'hotline', logLevel: 'warn' },
    createLogger('error', 'bench-bridge'),
  );
  // Nothing consumes call-events here: empty it now and then so Redis memory stays bounded.
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(CALL_EVENTS_QUEUE, { connection, prefix: bullPrefix(redisPrefix) });
  let calls = 0;
  bridge.client.on('event', (message) => {
    if (message.event === 'QueueCallerJoin') calls++;
  });
  const series: BridgeRun['series'] = [];
  const start = performance.now();
  const atS = () => round((performance.now() - start) / 1000, 1);
  const rss = sampleRss(process.pid, 1000);
  const sampler = setInterval(() => series.push({ atS: atS(), rawEvents: bridge.stats.events, handedOff: bridge.stats.handedOff }), 1000);
  let trimming = false;
  const trimmer = setInterval(() => {
    if (trimming) return;
    trimming = true;
    void queue.drain(true).catch(() => undefined).finally(() => {
      trimming = false;
    });
  }, 5000);
  try {
    bridge.start();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const cutAt = performance.now();
    const received = bridge.stats.events;
    await bridge.client.close();
    await withTimeout(bridge.drained(), Math.max(120_000, seconds * 4000), 'the bridge to hand off its backlog');
    const end = performance.now();
    const total = (end - start) / 1000;
    const up = (cutAt - start) / 1000;
    return {
      seconds: round(total, 1),
      rawEvents: bridge.stats.events,
      handedOff: bridge.stats.handedOff,
      failures: bridge.stats.failures,
      calls,
      eventsPerS: Math.round(bridge.stats.events / total),
      receivedPerS: Math.round(received / up),
      handedOffPerS: Math.round(bridge.stats.handedOff / total),
      callsPerS: round(calls / total, 1),
      drainS: round((end - cutAt) / 1000, 2),
      series,
      rss: rss.stop(),
    };
  } finally {
    clearInterval(sampler);
    clearInterval(trimmer);
    await bridge.close().catch(() => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}
