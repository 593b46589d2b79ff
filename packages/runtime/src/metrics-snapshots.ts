/**
 * Prometheus metrics across processes. Every process (each API copy, worker and bridge) keeps
 * its own prom-client registry, with Node's default metrics and a `process` label
 * (`api:<host>-<pid>`, `worker:<host>-<pid>`, `bridge:<pbxId>`), and publishes it as JSON into
 * one Redis hash every few seconds. An API copy's `/metrics` serves its own registry, live,
 * merged with every other process's fresh snapshot, so one scrape (of the proxy or of any one
 * copy) sees the whole deployment. Redis already joins every process; a Pushgateway or a
 * scrape port per process would be one more thing to run and to secure.
 *
 * The merge keeps each process's series apart by its `process` label (prom-client's
 * `AggregatorRegistry.aggregate` would sum them, and drops `process_start_time_seconds`). A
 * process that stops is forgotten once its snapshot is older than METRICS_SNAPSHOT_MAX_AGE_MS.
 */
import { hostname } from 'node:os';
import { Registry, collectDefaultMetrics, type Metric, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Redis } from 'ioredis';
import type { ProcessKind } from './heartbeat.js';

export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** How often a process publishes its snapshot. */
export const METRICS_PUBLISH_MS = 5_000;
/** A snapshot older than this is a process that stopped: left out and removed. */
export const METRICS_SNAPSHOT_MAX_AGE_MS = 15_000;

const snapshotsKey = (redisPrefix: string) => `${redisPrefix}metrics:snapshots`;

/** The `process` label of this process: `<kind>:<id>`, the id the host and pid unless given (a bridge gives its PBX). */
export function metricsProcessName(kind: ProcessKind, id = `${hostname()}-${process.pid}`): string {
  return `${kind}:${id}`;
}

/** A registry of this process's own metrics, Node's default metrics included, every series labelled with `process`. */
export function createProcessRegistry(processName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface MetricsPublisher {
  /** Publishes once now (also done every METRICS_PUBLISH_MS). */
  publish(): Promise<void>;
  /** Stops publishing and removes this process's snapshot. */
  stop(): Promise<void>;
}

/** Publishes the registry's snapshot under the process's name every METRICS_PUBLISH_MS; a failed write is retried next time. */
export function startMetricsPublisher(redis: Redis, redisPrefix: string, registry: Registry, processName: string): MetricsPublisher {
  const publish = async () => {
    const metrics = await registry.getMetricsAsJSON();
    await redis.hset(snapshotsKey(redisPrefix), processName, JSON.stringify({ at: Date.now(), metrics }));
  };
  const tick = () => void publish().catch(() => undefined);
  tick();
  const timer = setInterval(tick, METRICS_PUBLISH_MS);
  timer.unref();
  return {
    publish,
    async stop() {
      clearInterval(timer);
      await redis.hdel(snapshotsKey(redisPrefix), processName).catch(() => undefined);
    },
  };
}

/** Every fresh snapshot but the named process's own (an API copy serves its own live); stale ones are removed. */
export async function readMetricsSnapshots(redis: Redis, redisPrefix: string, options: { except?: string; now?: number } = {}): Promise<MetricsSnapshot[]> {
  const now = options.now ?? Date.now();
  const entries = await redis.hgetall(snapshotsKey(redisPrefix));
  const fresh: MetricsSnapshot[] = [];
  const stale: string[] = [];
  for (const [name, raw] of Object.entries(entries)) {
    let parsed: { at?: unknown; metrics?: unknown };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      stale.push(name);
      continue;
    }
    if (typeof parsed.at !== 'number' || !Array.isArray(parsed.metrics) || now - parsed.at > METRICS_SNAPSHOT_MAX_AGE_MS) stale.push(name);
    else if (name !== options.except) fresh.push(parsed.metrics as MetricsSnapshot);
  }
  if (stale.length > 0) await redis.hdel(snapshotsKey(redisPrefix), ...stale);
  return fresh;
}

/**
 * The Prometheus text exposition of several snapshots: the series of each metric name put
 * together under one HELP/TYPE (the first snapshot's), each keeping its own labels.
 */
export async function renderMetrics(snapshots: MetricsSnapshot[]): Promise<string> {
  const byName = new Map<string, MetricObjectWithValues<MetricValue<string>>>();
  for (const snapshot of snapshots) {
    for (const metric of snapshot) {
      const seen = byName.get(metric.name);
      if (seen) seen.values.push(...metric.values);
      else byName.set(metric.name, { ...metric, values: [...metric.values] });
    }
  }
  const merged = new Registry();
  // The same wrapping prom-client's AggregatorRegistry uses: a metric whose get() returns the values.
  for (const metric of byName.values()) merged.registerMetric({ ...metric, get: () => metric } as unknown as Metric);
  return merged.metrics();
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
