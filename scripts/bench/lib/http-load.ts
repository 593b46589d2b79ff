/**
 * A small HTTP load generator on Node's keep-alive agent: an open loop at a fixed arrival rate
 * (latency under a given load, no coordinated omission: each operation starts on schedule,
 * whether or not earlier ones finished) and a closed loop (the highest rate the server sustains).
 * Every loop is bounded in time and in operations in flight, and stops by itself.
 */
import { Agent, request } from 'node:http';

export interface HttpResult {
  status: number;
  body: string;
  ms: number;
}

export interface HttpClient {
  send(method: string, path: string, headers?: Record<string, string>, body?: unknown): Promise<HttpResult>;
  close(): void;
}

/** Sends to 127.0.0.1:<port> only. */
export function createHttpClient(port: number, maxSockets = 256): HttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(method, path, headers = {}, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const start = performance.now();
      return new Promise((resolve) => {
        const req = request({
          host: '127.0.0.1', port, method, path, agent,
          headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
          timeout: 30_000,
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - start }));
          res.on('error', () => resolve({ status: 0, body: 'response error', ms: performance.now() - start }));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (error) => resolve({ status: 0, body: error.message, ms: performance.now() - start }));
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** One unit of work: returns each request's latency (ms) and whether all succeeded. */
export type Operation = () => Promise<{ latencies: number[]; ok: boolean; error?: string }>;

export interface LoopResult {
  seconds: number;
  operations: number;
  requests: number;
  failed: number;
  latencies: number[];
  /** Operations that could not start because `maxInFlight` was reached (open loop only). */
  skipped: number;
  /** Open loop only: each operation's start (seconds into the loop) and its requests' latencies. */
  timeline: { atS: number; latencies: number[] }[];
  firstError: string | null;
}

function collector() {
  const result: LoopResult = { seconds: 0, operations: 0, requests: 0, failed: 0, latencies: [], skipped: 0, firstError: null, timeline: [] };
  return {
    result,
    add(outcome: Awaited<ReturnType<Operation>>) {
      result.operations++;
      result.requests += outcome.latencies.length;
      result.latencies.push(...outcome.latencies);
      if (!outcome.ok) {
        result.failed++;
        result.firstError ??= outcome.error ?? 'failed';
      }
    },
  };
}

/** Starts `operationsPerS` operations a second for `seconds`, waits for the last to end. */
export async function runOpenLoop(operation: Operation, operationsPerS: number, seconds: number, maxInFlight = 2000): Promise<LoopResult> {
  const { result, add } = collector();
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let started = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      const due = Math.min(Math.floor(Math.min(elapsed, seconds) * operationsPerS), Math.floor(seconds * operationsPerS));
      while (started < due) {
        started++;
        if (inFlight.size >= maxInFlight) {
          result.skipped++;
          continue;
        }
        const atS = (performance.now() - start) / 1000;
        const run: Promise<void> = operation()
          .then((outcome) => {
            result.timeline.push({ atS, latencies: outcome.latencies });
            add(outcome);
          }, (error: Error) => add({ latencies: [], ok: false, error: error.message }))
          .finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
      if (elapsed >= seconds) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  await Promise.all(inFlight);
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

/** `concurrency` workers run operations back to back for `seconds`. */
export async function runClosedLoop(operation: Operation, concurrency: number, seconds: number): Promise<LoopResult> {
  const { result, add } = collector();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      add(await operation().catch((error: Error) => ({ latencies: [], ok: false, error: error.message })));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

/**
 * The open loop's latencies by window of `windowS` seconds (by when the operation started): its
 * requests' count, p99 and worst, to tell steady queueing from bursts that recur (a periodic job).
 */
export function latencyWindows(timeline: LoopResult['timeline'], windowS: number): { fromS: number; requests: number; p99: number; max: number }[] {
  const windows = new Map<number, number[]>();
  for (const { atS, latencies } of timeline) {
    const from = Math.floor(atS / windowS) * windowS;
    const window = windows.get(from) ?? windows.set(from, []).get(from)!;
    window.push(...latencies);
  }
  return [...windows].sort(([a], [b]) => a - b).map(([fromS, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { fromS, requests: sorted.length, p99: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
  });
}
