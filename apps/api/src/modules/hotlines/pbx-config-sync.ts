/**
 * Keeps the PBX's AstDB equal to the database (issue 14): the active hotlines' policies and the
 * work calendar's holidays and make-up days for this year and the next go to the bridge as one
 * `config.sync` command (apps/bridge/src/config-sync.ts puts and deletes until AstDB matches).
 *
 * When: after a `hotlines` or `work_calendar` change (the worker listens on the config bus), after
 * every bridge (re)connect (the `pbx.resync` event), and every 5 minutes (a repeatable job with one
 * scheduler id, so worker copies share it) which also repairs a hand-edited AstDB. Each send reads
 * the database at that moment and the bridge never applies an older read after a newer one, so
 * several copies sending at once converge on the newest state.
 */
import { createHash, randomUUID } from 'node:crypto';
import { UnrecoverableError, type Job } from 'bullmq';
import type { PrismaClient } from '@yixian/db';
import { CN_2026_HOLIDAYS, calendarKey, pbxHotlineValue, type HotlineHours, type WhenClosed } from '@yixian/domain';
import { pbxCommandsQueue, type ConfigSyncCommand } from '@yixian/runtime';
import type { QueueDefinition } from '../../jobs/registry.js';
import { producerOf, type WorkerContext } from '../../jobs/worker-context.js';
import { onConfigChange } from '../config-changes/config-bus.js';

export const PBX_CONFIG_QUEUE = 'pbx-config';
export const PBX_CONFIG_JOBS = { sync: 'pbx.config.sync' } as const;
const REASONS = new Set(['schedule', 'change', 'resync']);

type ConfigReader = Pick<PrismaClient, 'hotline' | 'workCalendar'>;

/** Holidays and make-up days of the given years: the built-in defaults, overridden by the table (as the deadlines read it). */
function calendarDays(rows: readonly { date: Date; kind: string }[], years: readonly number[]): Record<string, string> {
  const days = new Map<string, string>();
  for (const day of CN_2026_HOLIDAYS.holidays) days.set(day, 'holiday');
  for (const day of CN_2026_HOLIDAYS.workdays) days.set(day, 'workday');
  for (const row of rows) {
    const day = row.date.toISOString().slice(0, 10);
    if (row.kind === 'holiday' || row.kind === 'workday') days.set(day, row.kind);
    else days.delete(day);
  }
  const wanted: Record<string, string> = {};
  for (const [day, kind] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    if (years.includes(Number(day.slice(0, 4)))) wanted[calendarKey(day)] = kind;
  }
  return wanted;
}

/** The PBX's share of the configuration as the database has it now. */
export async function readPbxConfig(prisma: ConfigReader, now: Date): Promise<ConfigSyncCommand> {
  const year = now.getUTCFullYear();
  const [hotlines, rows] = await Promise.all([
    prisma.hotline.findMany({ where: { active: true }, orderBy: { number: 'asc' }, select: { number: true, hours: true, whenClosed: true, forwardTo: true, priority: true } }),
    prisma.workCalendar.findMany({ where: { date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 2, 0, 1)) } }, select: { date: true, kind: true } }),
  ]);
  const wanted = {
    hotlines: Object.fromEntries(hotlines.map((h) => [h.number, pbxHotlineValue({ hours: h.hours as HotlineHours, whenClosed: h.whenClosed as WhenClosed, forwardTo: h.forwardTo, priority: h.priority })])),
    calendar: calendarDays(rows, [year, year + 1]),
  };
  const digest = createHash('sha256').update(JSON.stringify(wanted)).digest('hex').slice(0, 16);
  return { type: 'config.sync', readAt: new Date().toISOString(), digest, ...wanted };
}

/** Reads the configuration and hands it to the PBX's bridge (its command queue keeps it while the bridge is away). */
export async function sendPbxConfig(context: WorkerContext, pbxId: string): Promise<ConfigSyncCommand> {
  const command = await readPbxConfig(context.prisma, context.clock.now());
  await producerOf(context).get(pbxCommandsQueue(pbxId)).add(command.type, command, {
    jobId: `config-sync-${randomUUID()}`, attempts: 3, backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 600 }, removeOnFail: { age: 24 * 3600 },
  });
  return command;
}

/** Asks the worker for a sync (after a change or a bridge reconnect). */
export async function requestPbxConfigSync(context: WorkerContext, pbxId: string, reason: 'change' | 'resync'): Promise<void> {
  await producerOf(context).get(PBX_CONFIG_QUEUE).add(PBX_CONFIG_JOBS.sync, { pbxId, reason }, { removeOnComplete: 100, removeOnFail: 100 });
}

/** The worker's listeners: a change to the hotlines or the calendar is sent to the PBX. Returns the unsubscribe. */
export function listenForPbxConfig(context: WorkerContext): () => void {
  const request = () => requestPbxConfigSync(context, context.config.pbxId, 'change').catch((error: Error) => context.log.warn({ err: error.message }, 'pbx config sync request failed'));
  const offHotlines = onConfigChange('hotlines', request);
  const offCalendar = onConfigChange('work_calendar', request);
  return () => {
    offHotlines();
    offCalendar();
  };
}

export const pbxConfigQueue: QueueDefinition = {
  name: PBX_CONFIG_QUEUE,
  concurrency: 1,
  repeat: [{ schedulerId: 'pbx-config-sync', everyMs: 5 * 60_000, jobName: PBX_CONFIG_JOBS.sync }],
  async process(job: Job, context: WorkerContext) {
    if (job.name !== PBX_CONFIG_JOBS.sync) throw new UnrecoverableError(`pbx-config queue: unknown job ${job.name}`);
    const data = (job.data ?? {}) as { pbxId?: unknown; reason?: unknown };
    const reason = data.reason ?? 'schedule';
    if (typeof reason !== 'string' || !REASONS.has(reason)) throw new UnrecoverableError(`pbx.config.sync: unknown reason ${String(reason)}`);
    if (data.pbxId !== undefined && (typeof data.pbxId !== 'string' || data.pbxId === '')) throw new UnrecoverableError('pbx.config.sync: pbxId must be a non-empty string');
    const pbxId = (data.pbxId as string | undefined) ?? context.config.pbxId;
    const command = await sendPbxConfig(context, pbxId);
    return { reason, pbxId, digest: command.digest, hotlines: Object.keys(command.hotlines).length, days: Object.keys(command.calendar).length };
  },
};
