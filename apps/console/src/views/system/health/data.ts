import type { HealthCheck, HealthReport } from '#/api/system';

/** How often the page re-reads /api/health. */
export const HEALTH_REFRESH_MS = 10_000;

/** The components in display order; any check the server adds later follows, by name. */
export const KNOWN_CHECKS = ['api', 'workers', 'bridges', 'pbx', 'database', 'redis', 'queues', 'reconciler', 'recordings'] as const;

/** Colours: ok green, degraded amber, down red, unknown grey. */
export const ROW_STATUSES = { ok: 'ok', degraded: 'degraded', down: 'down', unknown: 'unknown' } as const;
export type RowStatus = (typeof ROW_STATUSES)[keyof typeof ROW_STATUSES];

/** Status words the page knows (`health.statuses.<word>`), and the colour of each. */
const WORD_COLOUR: Record<string, RowStatus> = {
  ok: 'ok', degraded: 'degraded', down: 'down', missing: 'down', failing: 'down', off: 'unknown', pending: 'unknown', unknown: 'unknown',
};

/** One figure in words: `health.figures.<key>` with its values (seconds stay seconds; the view words them). */
export interface Figure {
  key: string;
  values: Record<string, string | number>;
}

export interface HealthRow {
  name: string;
  /** i18n key of the label, or null to show `name` as is. */
  labelKey: string | null;
  /** The status word (`health.statuses.<word>`) and its colour. */
  word: string;
  status: RowStatus;
  /** Since when, when the component says (ISO). */
  since: string | null;
  figures: Figure[];
  /** The check as the server sent it, for the admin's details. */
  raw: HealthCheck;
}

/** Maps any status word to the four colours; anything else is `unknown`. */
export function normaliseStatus(value: unknown): RowStatus {
  if (value === true || value === 'up' || value === 'healthy') return ROW_STATUSES.ok;
  if (value === false) return ROW_STATUSES.down;
  return typeof value === 'string' && value in WORD_COLOUR ? WORD_COLOUR[value]! : ROW_STATUSES.unknown;
}

const secondsBetween = (iso: string, nowMs: number) => Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

interface Process { id: string; lastBeatAt: string; ageMs: number }
interface QueueDepth { name: string; waiting: number; active: number; delayed: number; failed: number }

/** The figures of one known check, in words-to-be. */
function figuresOf(name: string, check: Record<string, unknown>, nowMs: number): { figures: Figure[]; since: string | null } {
  const figures: Figure[] = [];
  let since: string | null = null;
  const latency = num(check.latencyMs);
  if (latency !== null) figures.push({ key: 'latency', values: { ms: latency } });
  if (name === 'api') {
    since = str(check.startedAt);
    figures.push({ key: 'uptime', values: { seconds: num(check.uptimeSeconds) ?? 0 } });
  }
  if (name === 'workers' || name === 'bridges') {
    const processes = Array.isArray(check.processes) ? (check.processes as Process[]) : [];
    figures.push({ key: 'processes', values: { count: processes.length } });
    const freshest = processes.reduce<number | null>((min, p) => (min === null || p.ageMs < min ? p.ageMs : min), null);
    if (freshest !== null) figures.push({ key: 'lastBeat', values: { seconds: Math.round(freshest / 1000) } });
    if (name === 'bridges' && processes.length > 0) figures.push({ key: 'pbxIds', values: { ids: processes.map((p) => p.id).join('、') } });
  }
  if (name === 'pbx') {
    since = str(check.since);
    const pbxId = str(check.pbxId);
    if (pbxId) figures.push({ key: 'pbxId', values: { id: pbxId } });
    const lastEventAt = str(check.lastEventAt);
    figures.push(lastEventAt ? { key: 'lastEvent', values: { seconds: secondsBetween(lastEventAt, nowMs) } } : { key: 'noEvent', values: {} });
  }
  if (name === 'queues') {
    const queues = Array.isArray(check.queues) ? (check.queues as QueueDepth[]) : [];
    for (const q of queues) figures.push({ key: 'queue', values: { name: q.name, waiting: q.waiting, active: q.active, delayed: q.delayed, failed: q.failed } });
  }
  if (name === 'reconciler') {
    const lastRunAt = str(check.lastRunAt);
    if (lastRunAt) figures.push({ key: 'lastRun', values: { seconds: secondsBetween(lastRunAt, nowMs) } });
    const open = num(check.openDiscrepancies);
    if (open !== null) figures.push({ key: 'openDiscrepancies', values: { count: open } });
  }
  const detail = str(check.detail);
  if (detail) figures.push({ key: 'detail', values: { text: detail } });
  return { figures, since };
}

/**
 * Turns the health report into one row per component with its status word, since when and its
 * key figures; a check the server added later shows with its status, so a new dependency
 * appears without a console release.
 */
export function toHealthRows(report: HealthReport | null | undefined, nowMs = Date.now()): HealthRow[] {
  const checks: Record<string, HealthCheck> = report?.checks && typeof report.checks === 'object' ? report.checks : {};
  const isKnown = (name: string): boolean => (KNOWN_CHECKS as readonly string[]).includes(name);
  const known = KNOWN_CHECKS.filter((name) => name in checks);
  const extra = Object.keys(checks).filter((name) => !isKnown(name)).sort();
  return [...known, ...extra].map((name) => {
    const check = checks[name]!;
    const object = check !== null && typeof check === 'object' ? (check as Record<string, unknown>) : { status: check };
    const word = typeof object.status === 'string' && object.status in WORD_COLOUR ? object.status : normaliseStatus(object.status);
    const { figures, since } = isKnown(name) ? figuresOf(name, object, nowMs) : { figures: [], since: null };
    return { name, labelKey: isKnown(name) ? `health.checks.${name}` : null, word, status: normaliseStatus(word), since, figures, raw: check };
  });
}

/** Element Plus tag colour for a status. */
export function toStatusTagType(status: RowStatus): 'success' | 'warning' | 'danger' | 'info' {
  return ({ ok: 'success', degraded: 'warning', down: 'danger', unknown: 'info' } as const)[status];
}

/** Seconds as words-to-be: `{ key: 'seconds' | 'minutes' | 'hours' | 'days', n }`, the largest unit that fits. */
export function durationParts(seconds: number): { key: 'seconds' | 'minutes' | 'hours' | 'days'; n: number } {
  if (seconds < 60) return { key: 'seconds', n: Math.max(0, Math.round(seconds)) };
  if (seconds < 3600) return { key: 'minutes', n: Math.floor(seconds / 60) };
  if (seconds < 86_400) return { key: 'hours', n: Math.floor(seconds / 3600) };
  return { key: 'days', n: Math.floor(seconds / 86_400) };
}
