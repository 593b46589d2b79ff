/**
 * The PBX's share of the configuration, written into AstDB (issue 14): the dialplan reads the
 * hotlines' policies from family `yixian-hotline` and the work calendar from `yixian-calendar`
 * (`telephony/asterisk/extensions.conf`). A `config.sync` command carries the whole wanted state;
 * this reads each family (`DBGetTree`), puts what differs (`DBPut`) and deletes keys no longer
 * wanted (`DBDel`). Idempotent: running it twice changes nothing the second time.
 *
 * Syncs run one at a time, and a read older than the last one applied (kept in Redis, so a
 * restarted bridge knows it too) is skipped: two API or worker copies sending at once can never
 * leave the older state on the PBX. The outcome is written to `pbxConfigKey` for the console.
 * AstDB's actions need the manager's `system` write class (telephony/asterisk/manager.conf).
 */
import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { getField, type AmiClient } from '@yixian/ami';
import { ASTDB_FAMILIES, HOTLINE_NUMBER_PATTERN, parsePbxHotlineValue } from '@yixian/domain';
import { pbxConfigKey, type ConfigSyncCommand, type ConfigSyncReport } from '@yixian/runtime';

const LIST_TIMEOUT_MS = 10_000;
const CALENDAR_KINDS = new Set(['holiday', 'workday']);

/** Checks a command's payload before anything is sent to the PBX; a bad one fails for good. */
export function checkConfigSync(command: ConfigSyncCommand): void {
  const fail = (what: string) => {
    throw new UnrecoverableError(`command config.sync: ${what}`);
  };
  if (typeof command.readAt !== 'string' || Number.isNaN(Date.parse(command.readAt))) fail('readAt must be an ISO time');
  if (typeof command.digest !== 'string' || command.digest.length === 0) fail('digest is required');
  if (!command.hotlines || typeof command.hotlines !== 'object') fail('hotlines is required');
  if (!command.calendar || typeof command.calendar !== 'object') fail('calendar is required');
  for (const [number, value] of Object.entries(command.hotlines)) {
    if (!HOTLINE_NUMBER_PATTERN.test(number)) fail(`hotlines: ${JSON.stringify(number)} is not a hotline number`);
    if (typeof value !== 'string' || parsePbxHotlineValue(value) === null) fail(`hotlines.${number}: ${JSON.stringify(value)} is not a policy`);
  }
  for (const [day, kind] of Object.entries(command.calendar)) {
    if (!/^\d{8}$/.test(day)) fail(`calendar: ${JSON.stringify(day)} is not a YYYYMMDD day`);
    if (!CALENDAR_KINDS.has(kind)) fail(`calendar.${day}: ${JSON.stringify(kind)} is neither holiday nor workday`);
  }
}

/** The keys of one AstDB family as the PBX has them (DBGetTree's keys are `/<family>/<key>`). */
async function readFamily(client: AmiClient, family: string): Promise<Map<string, string>> {
  const result = await client.action({ Action: 'DBGetTree', Family: family }, { timeoutMs: LIST_TIMEOUT_MS });
  const keys = new Map<string, string>();
  const prefix = `/${family}/`;
  for (const item of result.items) {
    if (item.event !== 'DBGetTreeResponse') continue;
    const key = getField(item, 'Key') ?? '';
    if (key.startsWith(prefix)) keys.set(key.slice(prefix.length), getField(item, 'Val') ?? '');
  }
  return keys;
}

/** Makes one family hold exactly `wanted`. */
async function syncFamily(client: AmiClient, family: string, wanted: Record<string, string>) {
  const current = await readFamily(client, family);
  const counts = { put: 0, deleted: 0, unchanged: 0 };
  for (const [key, value] of Object.entries(wanted)) {
    if (current.get(key) === value) {
      counts.unchanged++;
      continue;
    }
    await client.action({ Action: 'DBPut', Family: family, Key: key, Val: value });
    counts.put++;
  }
  for (const key of current.keys()) {
    if (key in wanted) continue;
    await client.action({ Action: 'DBDel', Family: family, Key: key });
    counts.deleted++;
  }
  return counts;
}

export function createConfigSync(client: AmiClient, redis: Redis, redisPrefix: string, pbxId: string) {
  const key = pbxConfigKey(redisPrefix, pbxId);
  let chain: Promise<unknown> = Promise.resolve();

  async function apply(command: ConfigSyncCommand): Promise<ConfigSyncReport> {
    const lastReadAt = await redis.hget(key, 'readAt');
    if (lastReadAt && Date.parse(lastReadAt) > Date.parse(command.readAt)) {
      return { ok: true, digest: command.digest, put: 0, deleted: 0, unchanged: 0, stale: true };
    }
    try {
      const hotlines = await syncFamily(client, ASTDB_FAMILIES.hotline, command.hotlines);
      const calendar = await syncFamily(client, ASTDB_FAMILIES.calendar, command.calendar);
      await redis.hset(key, { digest: command.digest, readAt: command.readAt, appliedAt: new Date().toISOString(), error: '', failedAt: '' });
      return {
        ok: true, digest: command.digest,
        put: hotlines.put + calendar.put, deleted: hotlines.deleted + calendar.deleted, unchanged: hotlines.unchanged + calendar.unchanged,
      };
    } catch (error) {
      await redis.hset(key, { error: (error as Error).message.slice(0, 300), failedAt: new Date().toISOString() }).catch(() => undefined);
      throw error;
    }
  }

  return {
    /** Runs a sync after any still running (one at a time). */
    run(command: ConfigSyncCommand): Promise<ConfigSyncReport> {
      try {
        checkConfigSync(command);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      const next = chain.then(() => apply(command));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

export type ConfigSync = ReturnType<typeof createConfigSync>;
