/** 系统管理 → 热线: pure helpers of the page (policy in words, the form, error lines). */
import type { AdminHotline, HotlineInput } from '#/api/hotlines';
import type { ApiError } from '#/api/api-error';

type T = (key: string, values?: Record<string, unknown>) => string;

/** The hotline's name in the console's language. */
export const hotlineName = (h: Pick<AdminHotline, 'name' | 'nameEn'>, locale: string) => (locale.startsWith('zh') ? h.name : h.nameEn);

/** "全天开放" or "工作时间开放；下班后：…", with a forward target named, never a bare code. */
export function policyText(h: AdminHotline, all: readonly AdminHotline[], t: T, locale: string): string {
  if (h.hours === '24h') return t('hotlines.policy.always');
  const target = all.find((other) => other.number === h.forwardTo);
  const closed = h.whenClosed === 'forward'
    ? t('hotlines.policy.forward', { target: target ? `${target.number} ${hotlineName(target, locale)}` : (h.forwardTo ?? '') })
    : t(`hotlines.whenClosed.${h.whenClosed}`);
  return t('hotlines.policy.office', { closed });
}

export const EMPTY_FORM: HotlineInput = {
  number: '', name: '', nameEn: '', isPolice: false, priority: 0, hours: 'office', whenClosed: 'callback_or_message', forwardTo: null,
};

export function formOf(h: AdminHotline): HotlineInput {
  const { number, name, nameEn, isPolice, priority, hours, whenClosed, forwardTo } = h;
  return { number, name, nameEn, isPolice, priority, hours, whenClosed, forwardTo };
}

/** What the form changed, for a PATCH (a forward target only travels with `forward`). */
export function changesOf(form: HotlineInput, h: AdminHotline): Partial<HotlineInput> {
  const next = { ...form, forwardTo: form.whenClosed === 'forward' ? form.forwardTo : null };
  const before = formOf(h);
  const patch: Partial<HotlineInput> = {};
  for (const key of Object.keys(next) as (keyof HotlineInput)[]) {
    if (next[key] !== before[key]) (patch as Record<string, unknown>)[key] = next[key];
  }
  return patch;
}

interface StaleDetails {
  reason?: string;
  changes?: { by: string | null; fields: string[] }[];
  changedFields?: string[];
}

/** The line an administrator reads when saving failed: a stale edit names who changed which fields. */
export function saveErrorText(error: ApiError, t: T): string {
  const details = (error.details.details ?? {}) as StaleDetails & { forwardedBy?: string[] };
  if (error.code === 'conflict' && details.reason === 'stale_version') {
    const by = [...new Set((details.changes ?? []).map((c) => c.by ?? t('hotlines.someone')))].join('、') || t('hotlines.someone');
    const fields = (details.changedFields ?? []).filter((f) => f !== 'version').map((f) => t(`hotlines.fields.${f}`)).join('、');
    return t('hotlines.errors.stale', { by, fields });
  }
  if (error.code === 'conflict' && details.reason === 'duplicate_number') return t('hotlines.errors.duplicateNumber');
  if (error.code === 'conflict' && details.reason === 'forward_target') return t('hotlines.errors.forwardTarget', { numbers: (details.forwardedBy ?? []).join('、') });
  if (error.code === 'validation_failed' && error.field) {
    const field = error.field.replace(/^\/?(body\/)?/, '');
    if (['forwardTo', 'hours', 'priority', 'number'].includes(field)) return t(`hotlines.errors.${field}`);
    return t('hotlines.errors.field', { field: t(`hotlines.fields.${field}`) });
  }
  return t(`errors.${error.code}`);
}
