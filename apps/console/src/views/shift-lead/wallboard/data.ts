import type { AgentEntry } from '#/stores/queue.store';

/** A fraction as a percentage with one decimal, or null when there is nothing to divide. */
export function formatRate(value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return `${(value * 100).toFixed(1)}%`;
}

/** Whole seconds as `12 s` or `3 min 05 s`; null stays null. */
export function formatSeconds(value: number | null | undefined, units = { s: 's', min: 'min' }): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const s = Math.round(value);
  return s < 60 ? `${s} ${units.s}` : `${Math.floor(s / 60)} ${units.min} ${String(s % 60).padStart(2, '0')} ${units.s}`;
}

/** Agents counted per state, in a fixed order for the tiles. */
export function countAgentsByState(agents: readonly Pick<AgentEntry, 'state'>[]): { state: string; count: number }[] {
  const order = ['ready', 'ringing', 'busy', 'wrap_up', 'paused', 'unavailable'];
  const counts = new Map<string, number>();
  for (const a of agents) counts.set(a.state, (counts.get(a.state) ?? 0) + 1);
  const known = order.filter((s) => counts.has(s)).map((state) => ({ state, count: counts.get(state)! }));
  const other = [...counts].filter(([s]) => !order.includes(s)).map(([state, count]) => ({ state, count }));
  return [...known, ...other];
}

/** Hotlines sorted by today's volume, largest first. */
export function rankHotlines(byHotline: Record<string, number>): { hotline: string; count: number }[] {
  return Object.entries(byHotline).map(([hotline, count]) => ({ hotline, count })).sort((a, b) => b.count - a.count || a.hotline.localeCompare(b.hotline));
}

/** ECharts option: a horizontal bar per hotline. */
export function buildHotlineChartOption(rows: readonly { hotline: string; count: number }[], label: (hotline: string) => string) {
  const shown = [...rows].reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => label(r.hotline)) },
    series: [{ type: 'bar', barMaxWidth: 22, data: shown.map((r) => r.count), itemStyle: { color: '#409eff' }, label: { show: true, position: 'right' } }],
  };
}

/** ECharts option: calls per hour of the day (0–23). */
export function buildHourChartOption(byHour: readonly number[], hourLabel: (hour: number) => string) {
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: byHour.map((_, h) => hourLabel(h)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', barMaxWidth: 22, data: [...byHour], itemStyle: { color: '#67c23a' } }],
  };
}

/**
 * Runs `task` at most once per `intervalMs`: the first call runs at once, calls during the
 * pause collapse into one trailing run. For refreshing figures on every `calls` push.
 */
export function createThrottle(task: () => void, intervalMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    trigger(now = Date.now()): void {
      if (timer !== undefined) return;
      const wait = last + intervalMs - now;
      if (wait <= 0) {
        last = now;
        task();
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        task();
      }, wait);
    },
    cancel(): void {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The last 30 days up to now, for the settlement shares. */
export function lastDaysRange(days: number, now: Date): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() };
}
