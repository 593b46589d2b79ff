/**
 * Seeded randomness and the distributions of a city's hotline traffic: a daily curve of call
 * arrivals, busier weekdays, weighted hotlines and categories (few large, many small).
 */

/** mulberry32: small, fast, reproducible for a given seed. */
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

/** Picks from `items` by `weights` with a precomputed cumulative table (binary search). */
export function createWeightedPicker<T>(items: readonly T[], weights: readonly number[], random: () => number): () => T {
  if (items.length === 0 || items.length !== weights.length) throw new Error('weighted picker: items and weights must be non-empty and the same length');
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) cumulative.push((total += Math.max(0, weight)));
  if (total <= 0) throw new Error('weighted picker: the weights sum to zero');
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return items[low]!;
  };
}

/** Share of a day's calls per local hour: quiet nights, peaks at 9-11 and 14-17 (hotline practice). */
export const HOURLY_CURVE = [
  0.8, 0.5, 0.4, 0.3, 0.3, 0.5, 1.2, 2.8, 5.6, 8.0, 8.4, 7.4,
  5.6, 6.2, 7.6, 7.8, 7.2, 6.0, 4.2, 3.6, 3.2, 2.6, 1.8, 1.2,
];

/** Exponential with the given mean, clamped. */
export function exponential(random: () => number, mean: number, min: number, max: number): number {
  const value = -Math.log(1 - random()) * mean;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Zipf-like weights for n ranked items: a few categories carry most tickets. */
export const zipfWeights = (n: number, s = 1.05): number[] => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

/** A fake mainland mobile number in a reserved-looking range; never a real person. */
export function fakePhone(random: () => number): string {
  return `1390${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
}
