/**
 * What the auditor reads: every action and resource in words (never `config.update`), and an
 * administrative change as the fields it changed, before → after (record-change.ts writes them).
 */
type Translate = (key: string, values?: Record<string, unknown>) => string;
type HasKey = (key: string) => boolean;

/** The i18n key of an action: dots are path separators in vue-i18n, so `config.update` → `config_update`. */
export function actionKey(action: string): string {
  return `audit.actions.${action.replace(/\./g, '_')}`;
}

/** The action an i18n key names, as the API spells it (`personal_data_reveal` → `personal_data.reveal`). */
export function actionOfKey(key: string): string {
  return key.replace(/^(personal_data|[a-z]+)_/, (_match, group: string) => `${group}.`);
}

/** The action in words; an action the console does not know yet is shown as it is, marked. */
export function actionLabel(t: Translate, te: HasKey, action: string): string {
  const key = actionKey(action);
  return te(key) ? t(key) : t('audit.unknownAction', { action });
}

export function resourceLabel(t: Translate, te: HasKey, resource: string | null): string {
  if (!resource) return '';
  const key = `audit.resources.${resource}`;
  return te(key) ? t(key) : resource;
}

/** A recorded reason in words where the console knows the code; free text (a person's reason) as written. */
export function reasonLabel(t: Translate, te: HasKey, reason: string | null): string {
  if (!reason) return '';
  const key = `audit.reasons.${reason}`;
  return /^[a-z][a-z_]*$/.test(reason) && te(key) ? t(key) : reason;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const MAX_VALUE = 120;

/** A value as one line of text, cut at 120 characters. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** The fields an administrative change changed, before → after (the version field left out). */
export function fieldChanges(details: unknown): FieldChange[] {
  if (!details || typeof details !== 'object') return [];
  const { changed, before, after } = details as { changed?: unknown; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
  if (!Array.isArray(changed)) return [];
  return changed
    .filter((field): field is string => typeof field === 'string' && field !== 'version' && field !== 'updatedAt')
    .map((field) => ({ field, before: showValue(before?.[field]), after: showValue(after?.[field]) }));
}

/** Other details (counts, masked numbers, reasons) as key/value lines; before/after are shown as changes. */
export function otherDetails(details: unknown): { key: string; value: string }[] {
  if (!details || typeof details !== 'object') return [];
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => !['changed', 'before', 'after'].includes(key))
    .map(([key, value]) => ({ key, value: showValue(value) }));
}
