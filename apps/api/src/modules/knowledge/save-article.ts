/**
 * Drafting and editing an article's working copy. Every save is a new version (a row of
 * knowledge_article_version) and an audit row with before/after, in one transaction; the body is
 * sanitised first. An edit names the version it started from: a stale one answers 409 with what
 * changed since. Editing a published article leaves its published copy on the desk until the new
 * working copy is approved.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { KnowledgeArticle, Prisma, PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { isAuthorOf, isKnowledgeEditor, isProposer } from './article-access.js';
import { auditViewOf } from './present-article.js';
import { articleBodyText, sanitiseArticleBody } from './sanitise-article-body.js';
import type { CreateArticleBody, UpdateArticleBody } from './knowledge.schemas.js';

type Fields = Omit<CreateArticleBody, never>;

/** The owning unit: a unit's staff write for their own unit only; an editor for any unit, or the centre (null). */
function owningUnit(actor: Actor, asked: string | null | undefined): string | null {
  if (isKnowledgeEditor(actor)) return asked ?? null;
  if (asked !== undefined && asked !== null && asked !== actor.unitId) {
    throw new AppError('forbidden', 'A unit proposes articles for itself only', { field: 'unitId' });
  }
  return actor.unitId;
}

/** Checks the fields against the database and returns the row's data (body sanitised, its text). */
async function articleData(prisma: Prisma.TransactionClient | PrismaClient, actor: Actor, fields: Fields) {
  const body = sanitiseArticleBody(fields.body);
  const bodyText = articleBodyText(body);
  if (!bodyText) throw new AppError('validation_failed', 'body has no text once unsafe markup is removed', { field: 'body' });
  const unitId = owningUnit(actor, fields.unitId);
  if (fields.categoryId && !(await prisma.category.findUnique({ where: { id: fields.categoryId }, select: { id: true } }))) {
    throw new AppError('validation_failed', `No category ${fields.categoryId}`, { field: 'categoryId' });
  }
  if (unitId && !(await prisma.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) {
    throw new AppError('validation_failed', `No unit ${unitId}`, { field: 'unitId' });
  }
  const validFrom = fields.validFrom ? new Date(fields.validFrom) : null;
  const validTo = fields.validTo ? new Date(fields.validTo) : null;
  if (validFrom && validTo && validTo <= validFrom) throw new AppError('validation_failed', 'validTo must be after validFrom', { field: 'validTo' });
  return { title: fields.title.trim(), body, bodyText, categoryId: fields.categoryId ?? null, tags: fields.tags ?? [], unitId, validFrom, validTo };
}

/** The version row of a saved change. */
export function versionRow(article: KnowledgeArticle, act: string, actor: Actor, at: Date, reason: string | null = null): Prisma.KnowledgeArticleVersionUncheckedCreateInput {
  return {
    articleId: article.id, version: article.version, act, title: article.title, body: article.body, categoryId: article.categoryId,
    tags: article.tags, unitId: article.unitId, validFrom: article.validFrom, validTo: article.validTo, status: article.status,
    reason, actorId: actor.id, actorName: actor.displayName, at,
  };
}

export async function createArticle(prisma: PrismaClient, request: FastifyRequest, actor: Actor, fields: CreateArticleBody, now: Date): Promise<KnowledgeArticle> {
  if (!isKnowledgeEditor(actor) && !isProposer(actor)) throw new AppError('forbidden', "Only a unit's staff or a knowledge editor drafts articles");
  const data = await articleData(prisma, actor, fields);
  return prisma.$transaction(async (tx) => {
    const article = await tx.knowledgeArticle.create({
      data: { id: randomUUID(), ...data, status: 'draft', createdById: actor.id, updatedById: actor.id, createdAt: now },
    });
    await tx.knowledgeArticleVersion.create({ data: versionRow(article, 'create', actor, now) });
    await recordChange(tx, request, now, { act: 'create', resource: 'knowledge_article', resourceId: article.id, version: article.version, before: null, after: auditViewOf(article) });
    return article;
  });
}

export async function updateArticle(prisma: PrismaClient, request: FastifyRequest, actor: Actor, id: string, fields: UpdateArticleBody, now: Date): Promise<KnowledgeArticle> {
  const current = await prisma.knowledgeArticle.findUnique({ where: { id } });
  if (!current) throw new AppError('not_found', `No article ${id}`, { field: 'id' });
  if (!isAuthorOf(actor, current)) throw new AppError('forbidden', "Only the owning unit's staff or a knowledge editor edits this article");
  if (current.status === 'archived') throw new AppError('conflict', 'An archived article is not edited', { field: 'status' });
  const data = await articleData(prisma, actor, fields);
  return prisma.$transaction(async (tx) => {
    const before = await tx.knowledgeArticle.findUniqueOrThrow({ where: { id } });
    // A changed working copy goes back through review; the published copy stays on the desk meanwhile.
    const { count } = await tx.knowledgeArticle.updateMany({
      where: { id, version: fields.version, status: { not: 'archived' } },
      data: { ...data, status: 'draft', updatedById: actor.id, version: { increment: 1 } },
    });
    if (count === 0) throw await staleEdit(tx, { resource: 'knowledge_article', resourceId: id, sentVersion: fields.version, current: auditViewOf(await tx.knowledgeArticle.findUnique({ where: { id } })) });
    const after = await tx.knowledgeArticle.findUniqueOrThrow({ where: { id } });
    await tx.knowledgeArticleVersion.create({ data: versionRow(after, 'edit', actor, now) });
    await recordChange(tx, request, now, { act: 'update', resource: 'knowledge_article', resourceId: id, version: after.version, before: auditViewOf(before), after: auditViewOf(after) });
    return after;
  });
}
