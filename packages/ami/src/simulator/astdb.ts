/**
 * AstDB as the shipped dialplan uses it, so the simulator follows the hotlines an administrator
 * keeps in the console exactly as a real PBX does (telephony/asterisk/extensions.conf): the
 * bridge's `config.sync` writes family `yixian-hotline` (number → `<hours>|<when closed>|<prio>`)
 * and `yixian-calendar` (YYYYMMDD → holiday | workday) with DBPut/DBDel, read back with
 * DBGet/DBGetTree, answered as Asterisk 22's main/db.c answers them. Kept across restarts, as
 * the real astdb.sqlite3 is.
 *
 * While `yixian-hotline` is empty (a simulator no bridge has synced yet) the options' hotlines,
 * priorities and closedHotlines apply, as before. Once it holds keys: 110 is always answered
 * (fixed in the dialplan), any other number only with a key; an office-hours line is closed on a
 * calendar holiday (the simulator has no weekday or time-of-day window), then follows its closed
 * policy (the menu, a message only, or forward to another line, one hop).
 */
import { ASTDB_FAMILIES, HOTLINE_HOURS, POLICE_HOTLINE, WHEN_CLOSED, parsePbxHotlineValue, type WhenClosed } from '@yixian/domain';
import { hasValue, type ActionHandler } from './action-context';
import type { PbxCore } from './pbx-core';

const entryKey = (family: string, key: string) => `${family}/${key}`;

function familyAndKey(ctx: Parameters<ActionHandler>[0], withKey: boolean): { family: string; key: string } | null {
  const family = ctx.action.get('Family');
  if (!hasValue(family)) {
    ctx.error('No family specified.');
    return null;
  }
  const key = ctx.action.get('Key') ?? '';
  if (withKey && !hasValue(key)) {
    ctx.error('No key specified.');
    return null;
  }
  return { family, key };
}

export const onDBPut: ActionHandler = (ctx) => {
  const target = familyAndKey(ctx, true);
  if (!target) return;
  ctx.engine.core.astdb.set(entryKey(target.family, target.key), ctx.action.get('Val') ?? '');
  ctx.success('Updated database successfully');
};

export const onDBDel: ActionHandler = (ctx) => {
  const target = familyAndKey(ctx, true);
  if (!target) return;
  if (!ctx.engine.core.astdb.delete(entryKey(target.family, target.key))) return ctx.error('Database entry could not be deleted');
  ctx.success('Key deleted successfully');
};

export const onDBGet: ActionHandler = (ctx) => {
  const target = familyAndKey(ctx, true);
  if (!target) return;
  const value = ctx.engine.core.astdb.get(entryKey(target.family, target.key));
  if (value === undefined) return ctx.error('Database entry not found');
  ctx.list('Result will follow', 'DBGetComplete', [[['Event', 'DBGetResponse'], ['Family', target.family], ['Key', target.key], ['Val', value], ['ActionID', ctx.actionId]]]);
};

/** Keys come back as the sqlite column holds them: `/<family>/<key>`. */
export const onDBGetTree: ActionHandler = (ctx) => {
  const family = ctx.action.get('Family') ?? '';
  const prefix = hasValue(family) ? `${family}/` : '';
  const items = [...ctx.engine.core.astdb]
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => [['Event', 'DBGetTreeResponse'], ['Key', `/${key}`], ['Val', value], ['ActionID', ctx.actionId]] as [string, string][]);
  ctx.list('Result will follow', 'DBGetTreeComplete', items);
};

/** How the dialplan treats a number right now. */
export interface HotlineRoute {
  known: boolean;
  priority: number;
  /** After hours: what the caller gets (null = open). */
  closed: WhenClosed | null;
}

function isHolidayToday(core: PbxCore): boolean {
  const day = new Date(core.clock.now()).toISOString().slice(0, 10).replaceAll('-', '');
  return core.astdb.get(entryKey(ASTDB_FAMILIES.calendar, day)) === 'holiday';
}

function readPolicy(core: PbxCore, hotline: string) {
  const value = core.astdb.get(entryKey(ASTDB_FAMILIES.hotline, hotline));
  return value === undefined ? null : parsePbxHotlineValue(value);
}

/** [hotline-inbound] and [yixian-hotline] for one number (see the file comment). */
export function routeHotline(core: PbxCore, hotline: string): HotlineRoute {
  const { options } = core;
  const synced = [...core.astdb.keys()].some((key) => key.startsWith(`${ASTDB_FAMILIES.hotline}/`));
  const forcedClosed = options.closedHotlines.includes(hotline) || core.closedNow.has(hotline);
  if (!synced) return { known: options.hotlines.includes(hotline), priority: options.priorities[hotline] ?? 0, closed: forcedClosed ? WHEN_CLOSED.callbackOrMessage : null };
  // 110 is fixed in the dialplan: always open, priority 10, whatever AstDB holds.
  if (hotline === POLICE_HOTLINE) return { known: true, priority: 10, closed: null };
  const policy = readPolicy(core, hotline);
  if (!policy) return { known: false, priority: 0, closed: null };
  const priority = Math.min(policy.priority, 9);
  const isClosed = (hours: string) => forcedClosed || (hours === HOTLINE_HOURS.office && isHolidayToday(core));
  if (policy.hours === HOTLINE_HOURS.always && !forcedClosed) return { known: true, priority, closed: null };
  if (!isClosed(policy.hours)) return { known: true, priority, closed: null };
  if (policy.whenClosed !== WHEN_CLOSED.forward) return { known: true, priority, closed: policy.whenClosed };
  const target = readPolicy(core, policy.forwardTo ?? '');
  // no key: the dialplan takes the target as an office-hours line with the menu
  if (!target) return { known: true, priority, closed: isHolidayToday(core) ? WHEN_CLOSED.callbackOrMessage : null };
  const targetClosed = target.hours === HOTLINE_HOURS.office && isHolidayToday(core);
  if (!targetClosed) return { known: true, priority, closed: null };
  return { known: true, priority, closed: target.whenClosed === WHEN_CLOSED.forward ? WHEN_CLOSED.callbackOrMessage : target.whenClosed };
}
