/**
 * The bridge's metrics, published to Redis for the API's `/metrics` (runtime/metrics-snapshots.ts)
 * under the process name `bridge:<pbxId>`: its AMI link as it sees it, events read from the PBX
 * and handed off to the API, hand-off failures, reconnects, resyncs and the events a resync
 * rebuilt. The counters are read from the bridge's own figures at each snapshot, so counting
 * costs the event path nothing.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { createProcessRegistry, metricsProcessName, startMetricsPublisher, type MetricsPublisher } from '@yixian/runtime';
import type { Bridge } from './bridge.js';
import type { BridgeConfig } from './config.js';

/** A counter whose value is read from `read()` when the registry is collected. */
function mirroredCounter(registry: Registry, name: string, help: string, pbx: string, read: () => number) {
  return new Counter({
    name, help, labelNames: ['pbx'] as const, registers: [registry],
    collect() {
      this.reset();
      this.inc({ pbx }, read());
    },
  });
}

export interface BridgeMetrics {
  registry: Registry;
  publisher: MetricsPublisher;
}

/** Starts counting and publishing; call before `bridge.start()` so the first connect is seen. */
export function startBridgeMetrics(bridge: Bridge, config: Pick<BridgeConfig, 'pbxId' | 'redisPrefix'>): BridgeMetrics {
  const pbx = config.pbxId;
  const processName = metricsProcessName('bridge', pbx);
  const registry = createProcessRegistry(processName);
  let reconnects = 0;
  let lost = false;
  bridge.client.on('disconnected', () => { lost = true; });
  bridge.client.on('connected', () => {
    if (lost) reconnects++;
    lost = false;
  });
  new Gauge({
    name: 'yixian_ami_link_up', help: 'The bridge\'s AMI link to its PBX: 1 connected, 0 not', labelNames: ['pbx'] as const, registers: [registry],
    collect() { this.set({ pbx }, bridge.client.isConnected ? 1 : 0); },
  });
  mirroredCounter(registry, 'yixian_ami_events_read_total', 'AMI events read from the PBX (those no handler reads included)', pbx, () => bridge.stats.events);
  mirroredCounter(registry, 'yixian_ami_events_handed_off_total', 'Call events handed off to the API (jobs on call-events)', pbx, () => bridge.stats.handedOff);
  mirroredCounter(registry, 'yixian_ami_hand_off_failures_total', 'Events whose hand-off to Redis failed', pbx, () => bridge.stats.failures);
  mirroredCounter(registry, 'yixian_ami_reconnects_total', 'Times the AMI link came back after it was lost', pbx, () => reconnects);
  mirroredCounter(registry, 'yixian_ami_resyncs_total', 'Resyncs from the PBX\'s lists done (on every connect)', pbx, () => bridge.stats.resyncs);
  mirroredCounter(registry, 'yixian_ami_resync_rebuilt_events_total', 'Events a resync rebuilt from the PBX\'s lists (calls the bridge had not seen)', pbx, () => bridge.stats.rebuilt);
  return { registry, publisher: startMetricsPublisher(bridge.redis, config.redisPrefix, registry, processName) };
}
