/** Pure helpers of the knowledge page: who may do what, tags, the stale-edit message, the usage period. */
import { ROLES, type Role } from '@yixian/domain';
import type { ApiError } from '#/api/api-error';
import type { ArticleFields, ArticleStatus, ArticleSummary } from '#/api/knowledge';

/** Who drafts: the centre's knowledge editors and a unit's staff (for their unit). */
export const canWriteArticles = (roles: readonly Role[]) => roles.some((role) => role === ROLES.kb_editor || role === ROLES.dept_handler || role === ROLES.dept_admin);
export const isKnowledgeEditor = (roles: readonly Role[]) => roles.includes(ROLES.kb_editor);
/** Who reads the usage figures (the server checks the same). */
export const canSeeUsage = (roles: readonly Role[]) => roles.some((role) => role === ROLES.kb_editor || role === ROLES.shift_lead || role === ROLES.commander);

export const STATUS_TAG: Record<ArticleStatus, 'info' | 'warning' | 'success' | 'primary'> = {
  draft: 'info', in_review: 'warning', published: 'success', archived: 'primary',
};

/** A published article whose working copy moved on since it was published. */
export const hasUnpublishedChanges = (article: Pick<ArticleSummary, 'status' | 'publishedVersion'>) =>
  article.publishedVersion !== null && article.status !== 'published' && article.status !== 'archived';

export const emptyFields = (): ArticleFields => ({ title: '', body: '', categoryId: null, tags: [], unitId: null, validFrom: null, validTo: null });

/** The 409 of a stale edit as the editor shows it: who changed it and which fields (in words). */
export function describeStaleEdit(error: ApiError, fieldLabel: (field: string) => string, someone: string): { who: string; fields: string } | null {
  const details = (error.details?.details ?? null) as { reason?: string; changes?: { by: string | null }[]; changedFields?: string[] } | null;
  if (error.code !== 'conflict' || details?.reason !== 'stale_version') return null;
  const who = [...new Set((details.changes ?? []).map((change) => change.by).filter((by): by is string => !!by))].join('、') || someone;
  const fields = (details.changedFields ?? []).filter((field) => field !== 'version').map(fieldLabel).join('、');
  return { who, fields };
}

/** This month so far, as the usage panel opens. */
export function defaultUsagePeriod(now = new Date()): [Date, Date] {
  return [new Date(now.getFullYear(), now.getMonth(), 1), new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1)];
}
