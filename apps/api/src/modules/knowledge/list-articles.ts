/**
 * The knowledge page's list. Editors see every article; a unit's staff see their unit's articles
 * (any state) and the published ones; other readers see published articles valid now. Filters:
 * state (the review queue is `in_review`), expired (valid-to passed: listed for review), category,
 * owning unit, words (bigram search over the working copy for authors, the published copy else).
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { isKnowledgeEditor, isProposer } from './article-access.js';
import { ARTICLE_NAMES, presentArticleSummary } from './present-article.js';
import { searchWords } from './search-articles.js';

export interface ListArticlesOptions {
  status?: string | undefined;
  expired?: boolean | undefined;
  categoryId?: string | undefined;
  unitId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
  now: Date;
}

/** Ids of articles whose text holds every word (the bigram index), over the working or the published copy. */
async function idsMatching(prisma: PrismaClient, q: string, published: boolean): Promise<string[]> {
  const words = searchWords(q);
  if (words.length === 0) return [];
  const indexed = published ? Prisma.sql`knowledge_search_text(a."publishedTitle", a."publishedText")` : Prisma.sql`knowledge_search_text(a."title", a."bodyText")`;
  const terms = words.map((word) => (word.length >= 2
    ? Prisma.sql`(ticket_search_grams(${indexed}) @> ticket_search_grams(${word}::text) AND strpos(${indexed}, ${word}) > 0)`
    : Prisma.sql`strpos(${indexed}, ${word}) > 0`));
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT a."id" FROM "knowledge_article" a WHERE ${Prisma.join(terms, ' AND ')} LIMIT 1000`;
  return rows.map((row) => row.id);
}

export async function listArticles(prisma: PrismaClient, actor: Actor, options: ListArticlesOptions) {
  const { now } = options;
  const publishedNow: Prisma.KnowledgeArticleWhereInput = {
    publishedVersion: { not: null },
    AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: now } }] }, { OR: [{ validTo: null }, { validTo: { gt: now } }] }],
  };
  const editor = isKnowledgeEditor(actor);
  const visible: Prisma.KnowledgeArticleWhereInput = editor ? {}
    : isProposer(actor) ? { OR: [{ unitId: actor.unitId }, publishedNow] }
      : publishedNow;
  const filters: Prisma.KnowledgeArticleWhereInput[] = [visible];
  if (options.status) filters.push({ status: options.status });
  if (options.expired === true) filters.push({ validTo: { lte: now } });
  if (options.expired === false) filters.push({ OR: [{ validTo: null }, { validTo: { gt: now } }] });
  if (options.categoryId) filters.push({ categoryId: options.categoryId });
  if (options.unitId) filters.push({ unitId: options.unitId });
  if (options.q) filters.push({ id: { in: await idsMatching(prisma, options.q, !editor && !isProposer(actor)) } });
  const where: Prisma.KnowledgeArticleWhereInput = { AND: filters };
  const [total, rows] = await Promise.all([
    prisma.knowledgeArticle.count({ where }),
    prisma.knowledgeArticle.findMany({
      where, include: ARTICLE_NAMES, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      skip: (options.page - 1) * options.pageSize, take: options.pageSize,
    }),
  ]);
  return { total, items: rows.map((row) => presentArticleSummary(row, actor, now)) };
}
