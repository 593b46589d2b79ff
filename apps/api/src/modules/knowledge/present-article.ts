/** An article as the API answers it, with names, its expiry and what the caller may do, and its audit view. */
import type { KnowledgeArticle } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { isAuthorOf, openMoves } from './article-access.js';

export type ArticleWithNames = KnowledgeArticle & {
  category: { name: string; nameEn: string } | null;
  unit: { name: string; nameEn: string } | null;
};

export const ARTICLE_NAMES = { category: { select: { name: true, nameEn: true } }, unit: { select: { name: true, nameEn: true } } } as const;

/** Expired: its valid-to has passed (flagged to editors, hidden from the desk, listed for review). */
export const isExpired = (article: Pick<KnowledgeArticle, 'validTo'>, now: Date) => article.validTo !== null && article.validTo <= now;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The full article. A reader who does not author it sees the published copy in place of the
 * working one (title, body), so a draft never reaches the desk.
 */
export function presentArticle(article: ArticleWithNames, actor: Actor, now: Date) {
  const author = isAuthorOf(actor, article);
  return {
    id: article.id,
    title: author ? article.title : article.publishedTitle ?? article.title,
    body: author ? article.body : article.publishedBody ?? '',
    bodyText: author ? article.bodyText : article.publishedText ?? '',
    categoryId: article.categoryId, categoryName: article.category?.name ?? null, categoryNameEn: article.category?.nameEn ?? null,
    tags: article.tags,
    unitId: article.unitId, unitName: article.unit?.name ?? null, unitNameEn: article.unit?.nameEn ?? null,
    validFrom: iso(article.validFrom), validTo: iso(article.validTo),
    status: article.status, reviewNote: author ? article.reviewNote : null, expired: isExpired(article, now),
    publishedVersion: article.publishedVersion, publishedTitle: article.publishedTitle, publishedBody: article.publishedBody,
    publishedText: article.publishedText, publishedAt: iso(article.publishedAt),
    updatedAt: article.updatedAt.toISOString(), version: article.version,
    can: openMoves(actor, article),
  };
}

export function presentArticleSummary(article: ArticleWithNames, actor: Actor, now: Date) {
  return {
    id: article.id, title: isAuthorOf(actor, article) ? article.title : article.publishedTitle ?? article.title, status: article.status,
    categoryId: article.categoryId, categoryName: article.category?.name ?? null, categoryNameEn: article.category?.nameEn ?? null,
    unitId: article.unitId, unitName: article.unit?.name ?? null, unitNameEn: article.unit?.nameEn ?? null,
    tags: article.tags, validFrom: iso(article.validFrom), validTo: iso(article.validTo), expired: isExpired(article, now),
    publishedVersion: article.publishedVersion, updatedAt: article.updatedAt.toISOString(), version: article.version,
  };
}

/** The record as the audit log keeps it (before/after). */
export function auditViewOf(article: KnowledgeArticle | null) {
  if (!article) return null;
  return {
    title: article.title, body: article.body, categoryId: article.categoryId, tags: article.tags, unitId: article.unitId,
    validFrom: article.validFrom, validTo: article.validTo, status: article.status, reviewNote: article.reviewNote,
    publishedVersion: article.publishedVersion, version: article.version,
  };
}
