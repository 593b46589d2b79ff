/** Pure helpers of the catalogue pages (categories, rules, calendar): words, never codes. */
import type { ApiError } from '#/api/api-error';
import type { ReplanPreview, WorkingTimeLimit } from '#/api/admin-catalogue';
import { formatTime } from '#/utils/format-time';

type T = (key: string, values?: Record<string, unknown>) => string;

export const localName = (row: { name: string; nameEn: string }, locale: string) => (locale.startsWith('zh') ? row.name : row.nameEn);

/** "5 个工作日" / "4 工作小时" / "默认". */
export function limitText(limit: WorkingTimeLimit | null, t: T): string {
  if (!limit) return t('catalogue.limit.default');
  return t(`catalogue.limit.${limit.unit}`, { n: limit.amount });
}

/** The centre's time to the minute, as everywhere in the console. */
export function dueText(iso: string | null, locale: string): string {
  return iso ? formatTime(iso, locale, 'minutes') : '—';
}

/** The moved due time of a preview row: the reply deadline if it moved, else sign-for, else follow-up. */
export function movedDue(row: ReplanPreview['sample'][number]): { before: string | null; after: string | null } {
  for (const key of ['handleDueAt', 'signDueAt', 'followUpDueAt'] as const) {
    if (row.before[key] !== row.after[key]) return { before: row.before[key], after: row.after[key] };
  }
  return { before: row.before.handleDueAt, after: row.after.handleDueAt };
}

/** A save's failure in words: a stale edit names who changed which fields; a refusal names the field. */
export function saveErrorText(error: ApiError, t: T, te: (key: string) => boolean): string {
  const details = (error.details.details ?? {}) as { reason?: string; changes?: { by: string | null; fields: string[] }[]; changedFields?: string[] };
  if (error.code === 'conflict' && details.reason === 'stale_version') {
    const by = [...new Set((details.changes ?? []).map((c) => c.by ?? t('catalogue.someone')))].join('、') || t('catalogue.someone');
    const fields = (details.changedFields ?? []).filter((f) => f !== 'version').map((f) => (te(`catalogue.fields.${f}`) ? t(`catalogue.fields.${f}`) : f)).join('、');
    return t('catalogue.errors.stale', { by, fields });
  }
  return t('catalogue.errors.refused', { message: error.message });
}
