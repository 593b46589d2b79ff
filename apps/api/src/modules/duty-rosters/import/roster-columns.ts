/**
 * The columns of the roster import and its template: 单位编码 (unit code), 角色 (role: 值班 / 副班 /
 * 带班 or the code), 姓名 (name), 电话 (phone), 开始 (start), 结束 (end). A header is read in
 * Chinese or English, any order, with or without the * that marks it required.
 */
import { DUTY_ROLES, type DutyRole } from '@yixian/domain';

export const ROSTER_COLUMNS = ['unitCode', 'role', 'name', 'phone', 'start', 'end'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const ROSTER_HEADERS: Record<'zh-CN' | 'en', Record<RosterColumn, string>> = {
  'zh-CN': { unitCode: '单位编码', role: '角色', name: '姓名', phone: '电话', start: '开始', end: '结束' },
  en: { unitCode: 'Unit code', role: 'Role', name: 'Name', phone: 'Phone', start: 'Start', end: 'End' },
};

export const ROLE_WORDS: Record<'zh-CN' | 'en', Record<DutyRole, string>> = {
  'zh-CN': { on_duty: '值班', deputy: '副班', leader: '带班' },
  en: { on_duty: 'On duty', deputy: 'Deputy', leader: 'Leader' },
};

const normalise = (text: string) => text.replace(/[\s*＊_-]/g, '').toLowerCase();

export function columnOfHeader(header: string): RosterColumn | null {
  const wanted = normalise(header);
  for (const column of ROSTER_COLUMNS) {
    if (normalise(column) === wanted) return column;
    if (normalise(ROSTER_HEADERS['zh-CN'][column]) === wanted || normalise(ROSTER_HEADERS.en[column]) === wanted) return column;
  }
  return null;
}

/** A role cell: 值班 / 副班 / 带班, the English word, or the code; null when it is none of them. */
export function readRole(text: string): DutyRole | null {
  const wanted = normalise(text);
  for (const role of Object.values(DUTY_ROLES)) {
    if ([role, ROLE_WORDS['zh-CN'][role], ROLE_WORDS.en[role]].some((word) => normalise(word) === wanted)) return role;
  }
  return null;
}

const LOCAL_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Beijing time (UTC+8, no daylight saving): a local wall-clock time in the sheet means this. */
const OFFSET_MS = 8 * 3_600_000;

/**
 * A time cell: `2026-12-06 08:00` (also with / or . and optional seconds) in Beijing time, or an
 * ISO time with its offset. A cell Excel stores as a date arrives as a Date whose UTC fields are the
 * wall clock shown, so it is read as Beijing time too. Null when it is no time.
 */
export function readTime(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : new Date(value.getTime() - OFFSET_MS);
  const text = value.trim();
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const [, y, mo, d, h, mi, s] = local;
    const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
    const check = new Date(at);
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23) return null;
    return new Date(at - OFFSET_MS);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return null;
}

/** A time written as the template shows it: `2026-12-06 08:00` in Beijing time. */
export function writeTime(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
