/**
 * Pure helpers of the statistics page: periods in Asia/Shanghai (the centre's only time zone,
 * UTC+8 without daylight saving), the time buckets the API groups by, figure formatting, and the
 * ECharts options of the charts. Views render; everything decidable without a DOM lives here.
 */
import { formatTime } from '#/utils/format-time';
import type { CallFigureRow, CallGroup, TicketCountRow, TicketIndicator } from '#/api/statistics';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Shanghai is UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

export const PERIOD_KINDS = ['today', 'this_week', 'this_month', 'last_month', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const CALL_GROUPS: readonly CallGroup[] = ['hour', 'day', 'week', 'month', 'hotline'];
export const TIME_GROUPS: readonly CallGroup[] = ['hour', 'day', 'week', 'month'];
export const COUNT_INDICATORS: readonly TicketIndicator[] = ['supervision_count', 'notice_count', 'on_spot_count', 'patrol_report_count'];

export interface PeriodRange { from: Date; to: Date }

/** A Shanghai wall-clock date as UTC fields (read it with getUTC*). */
const toLocal = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS);
/** The instant of a Shanghai wall-clock date given as UTC fields. */
const fromLocal = (local: Date) => new Date(local.getTime() - SHANGHAI_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, '0');

/** Midnight in Shanghai of the day `at` falls in. */
export function startOfShanghaiDay(at: Date): Date {
  const local = toLocal(at);
  return fromLocal(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate())));
}

function startOfShanghaiMonth(at: Date, monthsAhead = 0): Date {
  const local = toLocal(at);
  return fromLocal(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsAhead, 1)));
}

/** Monday 00:00 in Shanghai of the ISO week `at` falls in. */
function startOfShanghaiWeek(at: Date): Date {
  const day = startOfShanghaiDay(at);
  const weekday = (toLocal(day).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(day.getTime() - weekday * DAY_MS);
}

/** Parses `YYYY-MM-DD` as a Shanghai day; null when it is not a real date. */
export function parseShanghaiDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  if (utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) return null;
  return fromLocal(utc);
}

/**
 * The period a picker choice means at `now`: half-open [from, to). Running periods (this week, this
 * month) end with today, so charts show no future days; a custom range includes both picked days.
 * Returns null for a custom range that is missing or reversed.
 */
export function computePeriod(kind: PeriodKind, now: Date, custom?: readonly [string, string] | null): PeriodRange | null {
  const today = startOfShanghaiDay(now);
  const tomorrow = new Date(today.getTime() + DAY_MS);
  switch (kind) {
    case 'today': return { from: today, to: tomorrow };
    case 'this_week': return { from: startOfShanghaiWeek(now), to: tomorrow };
    case 'this_month': return { from: startOfShanghaiMonth(now), to: tomorrow };
    case 'last_month': return { from: startOfShanghaiMonth(now, -1), to: startOfShanghaiMonth(now) };
    case 'custom': {
      if (!custom) return null;
      const from = parseShanghaiDate(custom[0]);
      const last = parseShanghaiDate(custom[1]);
      if (!from || !last || last < from) return null;
      return { from, to: new Date(last.getTime() + DAY_MS) };
    }
  }
}

/** The query strings the API takes. */
export const toQueryPeriod = (period: PeriodRange) => ({ from: period.from.toISOString(), to: period.to.toISOString() });

/** A time grouping that gives a readable chart: hours for a day, days up to two months, then weeks, then months. */
export function suggestCallGroup(period: PeriodRange): CallGroup {
  const days = (period.to.getTime() - period.from.getTime()) / DAY_MS;
  if (days <= 1) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 200) return 'week';
  return 'month';
}

/** The API's bucket key of an instant (`YYYY-MM-DD HH:00`, `YYYY-MM-DD`, Monday's date, `YYYY-MM`). */
export function bucketKeyOf(group: Exclude<CallGroup, 'hotline'>, at: Date): string {
  const start = group === 'week' ? startOfShanghaiWeek(at) : at;
  const l = toLocal(start);
  const day = `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}`;
  if (group === 'hour') return `${day} ${pad(l.getUTCHours())}:00`;
  if (group === 'month') return day.slice(0, 7);
  return day;
}

function nextBucket(group: Exclude<CallGroup, 'hotline'>, start: Date): Date {
  if (group === 'hour') return new Date(start.getTime() + HOUR_MS);
  if (group === 'day') return new Date(start.getTime() + DAY_MS);
  if (group === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return startOfShanghaiMonth(start, 1);
}

function bucketStart(group: Exclude<CallGroup, 'hotline'>, at: Date): Date {
  if (group === 'hour') return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
  if (group === 'day') return startOfShanghaiDay(at);
  if (group === 'week') return startOfShanghaiWeek(at);
  return startOfShanghaiMonth(at);
}

/** Every bucket key of the period in order, so a chart shows quiet hours and days as zero, not as gaps. */
export function listBucketKeys(group: Exclude<CallGroup, 'hotline'>, period: PeriodRange, limit = 1000): string[] {
  const keys: string[] = [];
  for (let at = bucketStart(group, period.from); at < period.to && keys.length < limit; at = nextBucket(group, at)) keys.push(bucketKeyOf(group, at));
  return keys;
}

/**
 * The instants a bucket covers, cut to the page's period (a week can start before the month):
 * the drill-down of one table row asks for exactly these calls. Null for an unreadable key.
 */
export function bucketPeriod(group: Exclude<CallGroup, 'hotline'>, key: string, period: PeriodRange): PeriodRange | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?: (\d{2}):00)?$/.exec(key);
  if (!match) return null;
  const [, y, m, d, h] = match;
  const start = fromLocal(new Date(Date.UTC(Number(y), Number(m) - 1, d ? Number(d) : 1, h ? Number(h) : 0)));
  const end = nextBucket(group, start);
  const from = start < period.from ? period.from : start;
  const to = end > period.to ? period.to : end;
  return from < to ? { from, to } : null;
}

/** A bucket key shortened for an axis: hours as `MM-DD HH:00` (or `HH:00` within one day), days as `MM-DD`. */
export function formatBucketLabel(group: CallGroup, key: string, singleDay = false): string {
  if (group === 'hour') return singleDay ? key.slice(11) : key.slice(5);
  if (group === 'day' || group === 'week') return key.slice(5);
  return key;
}

/** A fraction as a percentage with one decimal; no data as a dash. */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** Seconds as `m:ss` (or `h:mm:ss`); no data as a dash. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export const isCountIndicator = (indicator: TicketIndicator) => COUNT_INDICATORS.includes(indicator);

/** An indicator's value: counts as numbers, rates as percentages, no data as a dash. */
export function formatIndicator(indicator: TicketIndicator, value: number | null): string {
  if (value === null) return '—';
  return isCountIndicator(indicator) ? String(value) : formatRate(value);
}

/** Rows on every bucket of the period (missing ones as zero rows), for time charts. */
export function fillCallRows(rows: readonly CallFigureRow[], keys: readonly string[]): CallFigureRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => byKey.get(key) ?? emptyCallRow(key));
}

export function emptyCallRow(key: string): CallFigureRow {
  return {
    key, offered: 0, answered: 0, abandoned: 0, answeredWithin15s: 0, answeredWithinThreshold: 0, abandonedWithinThreshold: 0,
    totalWaitSeconds: 0, totalTalkSeconds: 0, connectionRate: null, timelyAnswerRate: null, abandonRate: null,
    averageSpeedOfAnswer: null, averageHandleTime: null, serviceLevel: null, serviceLevel2: null,
  };
}

const percentOf = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

export interface VolumeLabels { answered: string; abandoned: string; other: string; connectionRate: string }

/**
 * Calls over time: answered, abandoned and the rest (still queued or otherwise ended) stacked to the
 * number offered, with the connection rate as a line on a 0–100 % right axis.
 */
export function buildVolumeOption(rows: readonly CallFigureRow[], labels: VolumeLabels, axisLabel: (key: string) => string) {
  const bar = (name: string, data: number[], color: string) => ({ name, type: 'bar' as const, stack: 'calls', data, itemStyle: { color }, barMaxWidth: 28 });
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    xAxis: { type: 'category' as const, data: rows.map((r) => axisLabel(r.key)) },
    yAxis: [
      { type: 'value' as const, minInterval: 1 },
      { type: 'value' as const, min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      bar(labels.answered, rows.map((r) => r.answered), '#409eff'),
      bar(labels.abandoned, rows.map((r) => r.abandoned), '#f56c6c'),
      bar(labels.other, rows.map((r) => Math.max(0, r.offered - r.answered - r.abandoned)), '#c0c4cc'),
      { name: labels.connectionRate, type: 'line' as const, yAxisIndex: 1, data: rows.map((r) => percentOf(r.connectionRate)), connectNulls: false, itemStyle: { color: '#67c23a' } },
    ],
  };
}

/** Calls offered per hotline, the busiest `limit` ones, the busiest at the top (the table lists them all). */
export function buildHotlineOption(rows: readonly CallFigureRow[], labels: { offered: string; answered: string }, limit = 10) {
  const sorted = [...rows].sort((a, b) => b.offered - a.offered || a.key.localeCompare(b.key)).slice(0, limit).reverse();
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 64, right: 24, top: 36, bottom: 24 },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, data: sorted.map((r) => r.key), axisLabel: { interval: 0 } },
    series: [
      { name: labels.offered, type: 'bar' as const, data: sorted.map((r) => r.offered), itemStyle: { color: '#909399' }, barMaxWidth: 16 },
      { name: labels.answered, type: 'bar' as const, data: sorted.map((r) => r.answered), itemStyle: { color: '#409eff' }, barMaxWidth: 16 },
    ],
  };
}

/** Tickets created and closed per group (channel, unit, …), at most `limit` groups by volume. */
export function buildTicketOption(rows: readonly TicketCountRow[], labels: { created: string; closed: string }, labelOf: (row: TicketCountRow) => string, limit = 15) {
  const top = [...rows].sort((a, b) => b.created - a.created || a.key.localeCompare(b.key)).slice(0, limit);
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 56 },
    xAxis: { type: 'category' as const, data: top.map(labelOf), axisLabel: { interval: 0, rotate: top.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series: [
      { name: labels.created, type: 'bar' as const, data: top.map((r) => r.created), itemStyle: { color: '#409eff' }, barMaxWidth: 28 },
      { name: labels.closed, type: 'bar' as const, data: top.map((r) => r.closed), itemStyle: { color: '#67c23a' }, barMaxWidth: 28 },
    ],
  };
}

/** Call counts a table cell drills into, by the row field that shows it. */
export const CALL_DRILL_METRICS = {
  offered: 'calls.offered',
  answered: 'calls.answered',
  abandoned: 'calls.abandoned',
  answeredWithin15s: 'calls.answered_within_15s',
  answeredWithinThreshold: 'calls.answered_within_sl',
  abandonedWithinThreshold: 'calls.abandoned_within_sl',
} as const satisfies Partial<Record<keyof CallFigureRow, string>>;
export type CallDrillField = keyof typeof CALL_DRILL_METRICS;

/** What a drill-down asks for: the metric, the period, and the hotline or unit it is cut to. */
export interface DrillTarget {
  metric: string;
  period: PeriodRange;
  hotline?: string;
  unitId?: string;
  part?: 'numerator' | 'denominator';
}

/** The drill-down behind one call-table cell: a time row narrows the period, a hotline row the hotline. */
export function callDrillTarget(group: CallGroup, rowKey: string, field: CallDrillField, period: PeriodRange): DrillTarget | null {
  const metric = CALL_DRILL_METRICS[field];
  if (rowKey === 'total') return { metric, period };
  if (group === 'hotline') return { metric, period, hotline: rowKey };
  const bucket = bucketPeriod(group, rowKey, period);
  return bucket ? { metric, period: bucket } : null;
}

/** Rates list the base (denominator) by default; counts list the events themselves. */
export function defaultDrillPart(indicator: TicketIndicator): 'numerator' | 'denominator' {
  return isCountIndicator(indicator) ? 'numerator' : 'denominator';
}

/** An instant as Shanghai wall-clock `YYYY-MM-DD HH:mm` (the centre's time, whatever the browser's zone). */
export function formatShanghaiTime(value: string | Date | null | undefined): string {
  return formatTime(value, undefined, 'minutes') || '—';
}

/** The last day a half-open period covers, for showing `from – to` as the user picked it. */
export const lastDayOf = (period: PeriodRange) => formatShanghaiTime(new Date(period.to.getTime() - 1)).slice(0, 10);
