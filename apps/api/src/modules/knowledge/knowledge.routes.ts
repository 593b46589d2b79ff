/**
 * The knowledge base (知识库): search as the agent types, the list and one article, its history,
 * drafting and editing (units for themselves, editors for all), the review moves, and usage figures.
 * Every change announces topic `knowledge` after it commits (no cached copy outlives it).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { KNOWLEDGE_PROPOSER_ROLES, KNOWLEDGE_READER_ROLES, ROLES, type ArticleMove } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import { isAuthorOf } from './article-access.js';
import { articleUsage } from './article-usage.js';
import {
  articleUsageSchema, articleVersionsSchema, createArticleSchema, getArticleSchema, listArticlesSchema, moveArticleSchema,
  searchArticlesSchema, updateArticleSchema,
} from './knowledge.schemas.js';
import { listArticles } from './list-articles.js';
import { moveArticle } from './move-article.js';
import { ARTICLE_NAMES, presentArticle } from './present-article.js';
import { createArticle, updateArticle } from './save-article.js';
import { searchArticles } from './search-articles.js';

/** Who writes: the centre's knowledge editors, and a unit's staff for their own unit. */
export const KNOWLEDGE_WRITER_ROLES = [ROLES.kb_editor, ...KNOWLEDGE_PROPOSER_ROLES];
/** Who reads the usage figures: the editors and the floor's supervisors. */
export const KNOWLEDGE_USAGE_ROLES = [ROLES.kb_editor, ROLES.shift_lead, ROLES.commander];

const MOVES: Record<string, ArticleMove> = { submit: 'submit', approve: 'approve', 'send-back': 'send_back', archive: 'archive' };

export default async function knowledgeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** One article as the caller may see it: 404 for a reader when it has no published copy. */
  const loadArticle = async (id: string, request: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(request);
    const article = await app.prisma.knowledgeArticle.findUnique({ where: { id }, include: ARTICLE_NAMES });
    if (!article || (!isAuthorOf(actor, article) && article.publishedVersion === null)) throw new AppError('not_found', `No article ${id}`, { field: 'id' });
    return { actor, article };
  };

  app.get('/api/knowledge/search', { schema: searchArticlesSchema, config: { roles: KNOWLEDGE_READER_ROLES } }, async (request) =>
    searchArticles(app.prisma, requireActor(request), { q: request.query.q, scope: request.query.scope ?? 'desk', limit: request.query.limit ?? 10, now: app.clock.now() }),
  );

  app.get('/api/knowledge/articles', { schema: listArticlesSchema, config: { roles: KNOWLEDGE_READER_ROLES } }, async (request) =>
    listArticles(app.prisma, requireActor(request), { ...request.query, page: request.query.page ?? 1, pageSize: request.query.pageSize ?? 20, now: app.clock.now() }),
  );

  app.get('/api/knowledge/articles/:id', { schema: getArticleSchema, config: { roles: KNOWLEDGE_READER_ROLES } }, async (request) => {
    const { actor, article } = await loadArticle(request.params.id, request);
    return presentArticle(article, actor, app.clock.now());
  });

  app.get('/api/knowledge/articles/:id/versions', { schema: articleVersionsSchema, config: { roles: KNOWLEDGE_READER_ROLES } }, async (request) => {
    const { actor, article } = await loadArticle(request.params.id, request);
    if (!isAuthorOf(actor, article)) throw new AppError('forbidden', "Only the owning unit's staff and the knowledge editors read an article's history");
    const rows = await app.prisma.knowledgeArticleVersion.findMany({ where: { articleId: article.id }, orderBy: { version: 'desc' } });
    return {
      items: rows.map((row) => ({
        version: row.version, act: row.act as never, status: row.status, title: row.title, body: row.body, reason: row.reason,
        actorName: row.actorName, at: row.at.toISOString(), published: row.version === article.publishedVersion,
      })),
    };
  });

  app.post('/api/knowledge/articles', { schema: createArticleSchema, config: { roles: KNOWLEDGE_WRITER_ROLES } }, async (request, reply) => {
    const actor = requireActor(request);
    const created = await createArticle(app.prisma, request, actor, request.body, app.clock.now());
    await app.configChanged(['knowledge']);
    reply.code(201);
    const { article } = await loadArticle(created.id, request);
    return presentArticle(article, actor, app.clock.now());
  });

  app.put('/api/knowledge/articles/:id', { schema: updateArticleSchema, config: { roles: KNOWLEDGE_WRITER_ROLES } }, async (request) => {
    const actor = requireActor(request);
    await updateArticle(app.prisma, request, actor, request.params.id, request.body, app.clock.now());
    await app.configChanged(['knowledge']);
    const { article } = await loadArticle(request.params.id, request);
    return presentArticle(article, actor, app.clock.now());
  });

  app.post('/api/knowledge/articles/:id/:move', { schema: moveArticleSchema, config: { roles: KNOWLEDGE_WRITER_ROLES } }, async (request) => {
    const actor = requireActor(request);
    await moveArticle(app.prisma, request, actor, request.params.id, MOVES[request.params.move]!, request.body, app.clock.now());
    await app.configChanged(['knowledge']);
    const { article } = await loadArticle(request.params.id, request);
    return presentArticle(article, actor, app.clock.now());
  });

  app.get('/api/knowledge/usage', { schema: articleUsageSchema, config: { roles: KNOWLEDGE_USAGE_ROLES } }, async (request) =>
    articleUsage(app.prisma, { from: new Date(request.query.from), to: new Date(request.query.to), now: app.clock.now() }),
  );
}
