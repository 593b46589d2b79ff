/**
 * The PBX's clock as seen from here. Every timed AMI event says when the PBX sent it; the
 * smallest (arrival − Timestamp) over recent events is the clock offset plus the least transit
 * delay, so `now()` = local time − that offset is the PBX's time to within a few milliseconds.
 * Times the bridge has to make up (a transfer it ordered, a call closed by a resync) are stamped
 * with it, so a skewed host clock never lands in wait or talk times computed against PBX stamps.
 */
import type { AmiMessage } from '../protocol/ami-message';
import { readText } from './read-fields';

/** Offsets older than this are forgotten, so a PBX whose clock is stepped is followed. */
const WINDOW_MS = 10 * 60_000;
/** A Timestamp further than this from the local clock is a bad frame, not a clock: ignored. */
const MAX_OFFSET_MS = 24 * 3600_000;

export class PbxClock {
  readonly #localNow: () => number;
  #samples: { at: number; offset: number }[] = [];

  constructor(localNow: () => number = Date.now) {
    this.#localNow = localNow;
  }

  /** Learns from an event's `Timestamp` (ignored when absent). */
  observe(message: AmiMessage): void {
    const value = readText(message, 'Timestamp');
    if (value === null || !/^\d+(\.\d+)?$/.test(value)) return;
    const at = this.#localNow();
    const offset = at - Number(value) * 1000;
    if (!Number.isFinite(offset) || Math.abs(offset) > MAX_OFFSET_MS) return;
    const samples = this.#samples;
    // Keep a monotone queue of candidate minima (newest last): O(1) amortised per event.
    while (samples.length > 0 && samples[samples.length - 1]!.offset >= offset) samples.pop();
    samples.push({ at, offset });
    while (samples.length > 0 && samples[0]!.at < at - WINDOW_MS) samples.shift();
  }

  /** Local clock minus PBX clock in ms (0 until an event was seen). */
  get offsetMs(): number {
    return this.#samples[0]?.offset ?? 0;
  }

  /** The PBX's current time. */
  now(): Date {
    return new Date(this.#localNow() - this.offsetMs);
  }
}
