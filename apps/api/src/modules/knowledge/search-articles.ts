/**
 * The knowledge search the desk runs as the agent types. Every word must be in the title or body;
 * articles whose title holds every word come first, then those matching in the body, newest first.
 * Words go through the bigram GIN index (lib/bigram-search.ts, as the ticket search): pg_trgm cannot
 * index two-character Chinese words. The desk (`scope=desk`) searches the published copy of articles
 * valid now; editors (`scope=all`) search every working copy, expired and archived included.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { bigramContains, normaliseSearchText } from '../../lib/bigram-search.js';
import type { Actor } from '../auth/actor.js';
import { isKnowledgeEditor } from './article-access.js';

export interface SearchArticlesOptions {
  q: string;
  scope: 'desk' | 'all';
  limit: number;
  now: Date;
}

interface SearchRow {
  id: string; version: number; title: string; text: string; status: string; validTo: Date | null; titleMatch: boolean;
  categoryName: string | null; categoryNameEn: string | null;
}

/** The query's words, lower-cased, longest first (the rarest bigrams lead the index lookup). */
export const searchWords = (q: string) => [...new Set(normaliseSearchText(q).split(' ').filter(Boolean))].sort((a, b) => b.length - a.length).slice(0, 5);

const SNIPPET_BEFORE = 20;
const SNIPPET_LENGTH = 90;

/** A stretch of the text around the first word found (plain text; the console highlights it, escaped). */
export function snippetOf(text: string, words: readonly string[]): string {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const hits = words.map((word) => lower.indexOf(word)).filter((at) => at >= 0);
  const at = hits.length ? Math.min(...hits) : 0;
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const end = Math.min(flat.length, start + SNIPPET_LENGTH);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

export async function searchArticles(prisma: PrismaClient, actor: Actor, options: SearchArticlesOptions) {
  if (options.scope === 'all' && !isKnowledgeEditor(actor)) throw new AppError('forbidden', 'Only knowledge editors search every article', { field: 'scope' });
  const words = searchWords(options.q);
  if (words.length === 0) throw new AppError('validation_failed', 'q has no words', { field: 'q' });
  const desk = options.scope === 'desk';
  const title = desk ? Prisma.sql`a."publishedTitle"` : Prisma.sql`a."title"`;
  const text = desk ? Prisma.sql`a."publishedText"` : Prisma.sql`a."bodyText"`;
  const indexed = Prisma.sql`knowledge_search_text(${title}, ${text})`;
  // A one-character word has no bigram: it is checked on the rows the other words found.
  const contains = words.map((word) => (word.length >= 2 ? bigramContains(word, indexed).indexed : bigramContains(word, indexed).plain));
  const inTitle = Prisma.join(words.map((word) => Prisma.sql`strpos(lower(${title}), ${word}) > 0`), ' AND ');
  const where = desk
    ? [Prisma.sql`a."publishedVersion" IS NOT NULL`, Prisma.sql`(a."validFrom" IS NULL OR a."validFrom" <= ${options.now})`, Prisma.sql`(a."validTo" IS NULL OR a."validTo" > ${options.now})`, ...contains]
    : contains;
  const rows = await prisma.$queryRaw<SearchRow[]>`
    SELECT a."id", ${desk ? Prisma.sql`a."publishedVersion"` : Prisma.sql`a."version"`} AS "version", ${title} AS "title", ${text} AS "text",
           a."status", a."validTo", (${inTitle}) AS "titleMatch", c."name" AS "categoryName", c."nameEn" AS "categoryNameEn"
      FROM "knowledge_article" a
      LEFT JOIN "category" c ON c."id" = a."categoryId"
     WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY "titleMatch" DESC, ${desk ? Prisma.sql`a."publishedAt"` : Prisma.sql`a."updatedAt"`} DESC, a."id"
     LIMIT ${options.limit}`;
  return {
    items: rows.map((row) => ({
      id: row.id, version: row.version, title: row.title, snippet: snippetOf(row.text, words), answer: row.text,
      status: row.status, expired: row.validTo !== null && row.validTo <= options.now, titleMatch: row.titleMatch,
      categoryName: row.categoryName, categoryNameEn: row.categoryNameEn,
    })),
  };
}
