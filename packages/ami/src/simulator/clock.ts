/** A time source the simulator schedules everything on, so tests can drive it without real waiting. */
export interface SimClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimer(fn: () => void, ms: number): SimTimer;
  clearTimer(timer: SimTimer | undefined): void;
}

export interface SimTimer {
  readonly id: number;
}

/** A clock that only moves when `tick(ms)` is called; timers fire in due-time order, ties in creation order. */
export interface ManualClock extends SimClock {
  readonly kind: 'manual';
  tick(ms: number): void;
  /** Number of timers still pending (useful to assert a simulation has settled). */
  pendingTimers(): number;
}

interface PendingTimer {
  id: number;
  due: number;
  fn: () => void;
}

/**
 * Manual clock for tests and the flood generator: time is virtual, so a 15 s ring timeout
 * costs nothing. Timers scheduled while ticking run in the same tick when they fall due.
 */
export function createManualClock(startMs = Date.UTC(2026, 10, 29, 8, 0, 0)): ManualClock {
  let nowMs = startMs;
  let nextId = 1;
  const timers = new Map<number, PendingTimer>();

  const nextDue = (limit: number): PendingTimer | undefined => {
    let best: PendingTimer | undefined;
    for (const t of timers.values()) {
      if (t.due > limit) continue;
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  };

  return {
    kind: 'manual',
    now: () => nowMs,
    setTimer(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, due: nowMs + Math.max(0, ms), fn });
      return { id };
    },
    clearTimer(timer) {
      if (timer) timers.delete(timer.id);
    },
    tick(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`tick(ms): ms must be a finite number >= 0, got ${ms}`);
      const target = nowMs + ms;
      for (let t = nextDue(target); t; t = nextDue(target)) {
        timers.delete(t.id);
        nowMs = Math.max(nowMs, t.due);
        t.fn();
      }
      nowMs = target;
    },
    pendingTimers: () => timers.size,
  };
}

/** Wall-clock time for demos and benchmarks; `speed` > 1 compresses simulated waits. */
export function createRealClock(speed = 1): SimClock {
  const handles = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    setTimer(fn, ms) {
      const id = nextId++;
      const handle = setTimeout(() => {
        handles.delete(id);
        fn();
      }, Math.max(0, ms) / speed);
      handle.unref?.();
      handles.set(id, handle);
      return { id };
    },
    clearTimer(timer) {
      if (!timer) return;
      const handle = handles.get(timer.id);
      if (handle) clearTimeout(handle);
      handles.delete(timer.id);
    },
  };
}
