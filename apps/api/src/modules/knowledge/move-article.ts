/**
 * The review flow: a unit (or an editor) submits the working copy; a knowledge editor approves it
 * (it becomes the published copy the desk sees), sends it back with a reason, or archives the
 * article (off the desk). Each move is a version, an audit row with before/after, and names the
 * version it started from (409 when stale).
 */
import type { FastifyRequest } from 'fastify';
import type { KnowledgeArticle, Prisma, PrismaClient } from '@yixian/db';
import { ARTICLE_MOVES, type ArticleMove, type ArticleStatus } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { mayMove } from './article-access.js';
import { auditViewOf, isExpired } from './present-article.js';
import { versionRow } from './save-article.js';

function moveData(move: ArticleMove, article: KnowledgeArticle, reason: string | null, now: Date): Prisma.KnowledgeArticleUpdateManyMutationInput {
  const to = ARTICLE_MOVES[move].to;
  switch (move) {
    case 'submit': return { status: to, reviewNote: null };
    case 'approve': return {
      status: to, reviewNote: null, publishedVersion: article.version + 1, publishedTitle: article.title,
      publishedBody: article.body, publishedText: article.bodyText, publishedAt: now,
    };
    case 'send_back': return { status: to, reviewNote: reason };
    case 'archive': return { status: to, publishedVersion: null, publishedTitle: null, publishedBody: null, publishedText: null, publishedAt: null };
  }
}

export async function moveArticle(
  prisma: PrismaClient, request: FastifyRequest, actor: Actor, id: string, move: ArticleMove, input: { version: number; reason?: string | undefined }, now: Date,
): Promise<KnowledgeArticle> {
  const current = await prisma.knowledgeArticle.findUnique({ where: { id } });
  if (!current) throw new AppError('not_found', `No article ${id}`, { field: 'id' });
  if (!mayMove(actor, current, move)) {
    throw new AppError('forbidden', move === 'submit' ? "Only the owning unit's staff or a knowledge editor submits this article" : 'Only the centre\'s knowledge editors approve, send back or archive articles');
  }
  const reason = input.reason?.trim() || null;
  if (move === 'send_back' && !reason) throw new AppError('validation_failed', 'Sending back needs a reason', { field: 'reason' });
  return prisma.$transaction(async (tx) => {
    const before = await tx.knowledgeArticle.findUniqueOrThrow({ where: { id } });
    const stale = async () => staleEdit(tx, { resource: 'knowledge_article', resourceId: id, sentVersion: input.version, current: auditViewOf(await tx.knowledgeArticle.findUnique({ where: { id } })) });
    if (before.version !== input.version) throw await stale();
    if (!(ARTICLE_MOVES[move].from as readonly ArticleStatus[]).includes(before.status as ArticleStatus)) {
      throw new AppError('conflict', `An article in ${before.status} cannot be ${move}`, { field: 'status', details: { status: before.status } });
    }
    if (move === 'approve' && isExpired(before, now)) throw new AppError('conflict', 'The article has expired: set a later valid-to before publishing', { field: 'validTo' });
    const { count } = await tx.knowledgeArticle.updateMany({
      where: { id, version: input.version }, data: { ...moveData(move, before, reason, now), updatedById: actor.id, version: { increment: 1 } },
    });
    if (count === 0) throw await stale();
    const after = await tx.knowledgeArticle.findUniqueOrThrow({ where: { id } });
    await tx.knowledgeArticleVersion.create({ data: versionRow(after, move, actor, now, reason) });
    await recordChange(tx, request, now, {
      act: move === 'archive' ? 'disable' : 'update', resource: 'knowledge_article', resourceId: id, version: after.version,
      before: auditViewOf(before), after: auditViewOf(after), reason, summary: { move },
    });
    return after;
  });
}
