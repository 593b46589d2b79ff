/** The demo knowledge base: published articles with fixed ids, so a second run adds nothing and keeps editors' changes. */
import type { PrismaClient } from '@yixian/db';
import { KNOWLEDGE_ARTICLES } from './data/knowledge-articles.js';
import { departmentUnitId } from './seed-org.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function seedKnowledge(prisma: PrismaClient, at = new Date('2026-01-01T00:00:00Z')): Promise<void> {
  const rows = KNOWLEDGE_ARTICLES.map((seed) => {
    const body = seed.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('');
    const bodyText = seed.paragraphs.join('\n');
    return {
      id: seed.id, title: seed.title, body, bodyText, categoryId: seed.categoryId, tags: seed.tags,
      unitId: seed.unit ? departmentUnitId(seed.unit) : null, status: 'published',
      publishedVersion: 1, publishedTitle: seed.title, publishedBody: body, publishedText: bodyText, publishedAt: at, createdAt: at,
    };
  });
  await prisma.knowledgeArticle.createMany({ data: rows, skipDuplicates: true });
  await prisma.knowledgeArticleVersion.createMany({
    data: rows.map((row) => ({
      id: `${row.id}-v1`, articleId: row.id, version: 1, act: 'approve', title: row.title, body: row.body, categoryId: row.categoryId,
      tags: row.tags, unitId: row.unitId, status: 'published', reason: null, actorId: null, actorName: null, at,
    })),
    skipDuplicates: true,
  });
}
