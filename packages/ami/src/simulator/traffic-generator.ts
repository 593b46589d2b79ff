import type { SimClock, SimTimer } from './clock';
import type { PbxEngine } from './pbx-engine';
import { resolveDistribution, type Distribution, type TrafficOptions } from './simulator-options';

/** Small seeded PRNG (mulberry32): the same seed gives the same traffic, run after run. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponential around the mean, clamped to [min, max]: short calls common, long ones rare. */
export function drawSeconds(random: () => number, d: Required<Distribution>): number {
  const value = -Math.log(1 - random()) * d.mean;
  return Math.round(Math.min(d.max, Math.max(d.min, value)));
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

export interface TrafficRun {
  stop(): void;
  placed(): number;
}

/**
 * Generated arrivals: a Poisson process at callsPerHour, multiplied inside burst windows
 * (relative to the start), hotlines drawn by weight, talk time and patience drawn per call.
 */
export function startTraffic(engine: PbxEngine, clock: SimClock, traffic: TrafficOptions): TrafficRun {
  const random = createRandom(traffic.seed ?? 20260101);
  const talk = resolveDistribution('traffic.talkS', traffic.talkS, { mean: 180, min: 20, max: 1200 });
  const patience = resolveDistribution('traffic.patienceS', traffic.patienceS, { mean: 60, min: 5, max: 300 });
  const hotlines = engine.core.options.hotlines;
  const weights = hotlines.map((h) => traffic.hotlineWeights?.[h] ?? (h === '12345' ? 8 : h === '110' ? 5 : 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const startedAt = clock.now();
  let timer: SimTimer | undefined;
  let count = 0;
  let stopped = false;

  const rateAt = (now: number) => {
    const sinceS = (now - startedAt) / 1000;
    const factor = (traffic.bursts ?? [])
      .filter((b) => sinceS >= b.startS && sinceS < b.startS + b.durationS)
      .reduce((f, b) => f * b.factor, 1);
    return traffic.callsPerHour * factor;
  };
  const pickHotline = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < hotlines.length; i += 1) {
      r -= weights[i] ?? 0;
      if (r < 0) return hotlines[i] ?? '12345';
    }
    return hotlines[0] ?? '12345';
  };
  const arrive = () => {
    const number = `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    const name = `${SURNAMES[Math.floor(random() * SURNAMES.length)] ?? '王'}${random() < 0.5 ? '先生' : '女士'}`;
    engine.placeCall({ hotline: pickHotline(), callerNumber: number, callerName: name, patienceS: drawSeconds(random, patience), talkS: drawSeconds(random, talk) });
    count += 1;
  };
  const scheduleNext = () => {
    if (stopped) return;
    const perMs = rateAt(clock.now()) / 3_600_000;
    if (perMs <= 0) {
      timer = clock.setTimer(scheduleNext, 1000);
      return;
    }
    const gap = -Math.log(1 - random()) / perMs;
    // Re-evaluate the rate every second so a burst window starts on time; exponential gaps
    // are memoryless, so "nothing in this second, draw again" keeps the process Poisson.
    if (gap > 1000) {
      timer = clock.setTimer(scheduleNext, 1000);
      return;
    }
    timer = clock.setTimer(() => {
      arrive();
      scheduleNext();
    }, gap);
  };
  scheduleNext();
  return {
    stop() {
      stopped = true;
      clock.clearTimer(timer);
    },
    placed: () => count,
  };
}
