/** Bounded waiting: every wait in a drill has a timeout and names what it waited for. */

export class DrillTimeoutError extends Error {
  constructor(label: string, timeoutMs: number, detail = '') {
    super(`timed out after ${timeoutMs} ms waiting for ${label}${detail ? `: ${detail}` : ''}`);
    this.name = 'DrillTimeoutError';
  }
}

/**
 * Re-checks a condition (a row count, a queue count) until it holds. Drills watch other
 * processes' effects in PostgreSQL and Redis, where no event reaches this process, so a bounded
 * re-check is the only way to see them; the interval is short and the loop always ends.
 */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  label: string,
  options: { timeoutMs: number; intervalMs?: number; describe?: () => Promise<string> | string },
): Promise<number> {
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  for (;;) {
    let ok = false;
    try {
      ok = await check();
    } catch {
      ok = false;
    }
    if (ok) return performance.now() - started;
    if (performance.now() >= deadline) {
      const detail = options.describe ? await Promise.resolve(options.describe()).catch((error: Error) => error.message) : '';
      throw new DrillTimeoutError(label, options.timeoutMs, detail);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Resolves with an event's value, or rejects after the timeout. */
export function withTimeout<T>(promise: Promise<T>, label: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DrillTimeoutError(label, timeoutMs)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
