import { listEnumValues, type EnumValue } from './enum-helpers';

/**
 * A knowledge-base article's working copy: a unit (or an editor) drafts it, submits it for review,
 * the centre's knowledge editor publishes it or sends it back with a reason; an editor archives it.
 * What agents see is the last published copy, kept while the working copy is edited again.
 */
export const ARTICLE_STATUSES = {
  draft: 'draft',
  in_review: 'in_review',
  published: 'published',
  archived: 'archived',
} as const;
export type ArticleStatus = EnumValue<typeof ARTICLE_STATUSES>;
export const ARTICLE_STATUS_VALUES = listEnumValues(ARTICLE_STATUSES);

/** What one saved version of an article did (its history). */
export const ARTICLE_ACTS = {
  create: 'create',
  edit: 'edit',
  submit: 'submit',
  approve: 'approve',
  send_back: 'send_back',
  archive: 'archive',
} as const;
export type ArticleAct = EnumValue<typeof ARTICLE_ACTS>;
export const ARTICLE_ACT_VALUES = listEnumValues(ARTICLE_ACTS);

/** The review moves: from which working states each may start. */
export const ARTICLE_MOVES = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['draft', 'in_review'], to: 'published' },
  send_back: { from: ['in_review'], to: 'draft' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived' },
} as const satisfies Record<string, { from: readonly ArticleStatus[]; to: ArticleStatus }>;
export type ArticleMove = keyof typeof ARTICLE_MOVES;
export const ARTICLE_MOVE_VALUES = Object.freeze(Object.keys(ARTICLE_MOVES) as ArticleMove[]);

/** Whether an article is valid at `now` (valid from/to; an open end never expires). */
export function isArticleValidAt(article: { validFrom: Date | null; validTo: Date | null }, now: Date): boolean {
  return (!article.validFrom || article.validFrom <= now) && (!article.validTo || article.validTo > now);
}
