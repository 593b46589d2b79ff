/**
 * Usage figures: how many calls were closed at intake with each article, and with each category's
 * articles, in a period (by the ticket's closing time; the ticket keeps the article and its version).
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';

interface ArticleRow { id: string; title: string; categoryId: string | null; categoryName: string | null; categoryNameEn: string | null; validTo: Date | null; count: number }

export async function articleUsage(prisma: PrismaClient, options: { from: Date; to: Date; now: Date }) {
  if (options.to <= options.from) throw new AppError('validation_failed', 'to must be after from', { field: 'to' });
  const rows = await prisma.$queryRaw<ArticleRow[]>`
    SELECT a."id", coalesce(a."publishedTitle", a."title") AS "title", a."categoryId", c."name" AS "categoryName", c."nameEn" AS "categoryNameEn",
           a."validTo", u.n::int AS "count"
      FROM (SELECT t."articleId", count(*) AS n FROM "ticket" t
             WHERE t."articleId" IS NOT NULL AND t."closedAt" >= ${options.from} AND t."closedAt" < ${options.to}
             GROUP BY t."articleId") u
      JOIN "knowledge_article" a ON a."id" = u."articleId"
      LEFT JOIN "category" c ON c."id" = a."categoryId"
     ORDER BY u.n DESC, a."id"`;
  const categories = new Map<string, { categoryId: string | null; categoryName: string | null; categoryNameEn: string | null; count: number }>();
  for (const row of rows) {
    const key = row.categoryId ?? '';
    const entry = categories.get(key) ?? { categoryId: row.categoryId, categoryName: row.categoryName, categoryNameEn: row.categoryNameEn, count: 0 };
    entry.count += row.count;
    categories.set(key, entry);
  }
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    articles: rows.map((row) => ({
      id: row.id, title: row.title, categoryName: row.categoryName, categoryNameEn: row.categoryNameEn,
      expired: row.validTo !== null && row.validTo <= options.now, count: row.count,
    })),
    categories: [...categories.values()].sort((a, b) => b.count - a.count),
  };
}

export type ArticleUsage = Awaited<ReturnType<typeof articleUsage>>;
