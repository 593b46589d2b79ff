/**
 * Closing at intake with an article: the article must exist, be published and valid now. The
 * ticket records it with its published version (the copy the agent read), and the trail its title.
 */
import type { Prisma } from '@yixian/db';
import { isArticleValidAt } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';

export interface AnsweringArticle { id: string; version: number; title: string }

export async function findAnsweringArticle(tx: Prisma.TransactionClient, id: string, now: Date): Promise<AnsweringArticle> {
  const article = await tx.knowledgeArticle.findUnique({
    where: { id }, select: { id: true, publishedVersion: true, publishedTitle: true, validFrom: true, validTo: true },
  });
  if (!article) throw new AppError('validation_failed', `No knowledge-base article ${id}`, { field: 'closeAtIntake.article.id' });
  if (article.publishedVersion === null || article.publishedTitle === null || !isArticleValidAt(article, now)) {
    throw new AppError('validation_failed', `Article ${id} is not published or not valid now`, { field: 'closeAtIntake.article.id' });
  }
  return { id: article.id, version: article.publishedVersion, title: article.publishedTitle };
}
