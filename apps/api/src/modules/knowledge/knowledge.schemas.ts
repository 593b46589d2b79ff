/** Schemas of the knowledge base's routes (knowledge.routes.ts). */
import { Type, type Static } from 'typebox';
import { ARTICLE_ACT_VALUES, ARTICLE_STATUS_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, ReasonSchema } from '../../lib/schemas.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTimeString = Type.String({ format: 'date-time' });

/** The fields an author writes. */
const ArticleFields = {
  title: Type.String({ minLength: 1, maxLength: 200, minVisible: 1 }),
  body: Type.String({ minLength: 1, maxLength: 100_000 }),
  categoryId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 20, uniqueItems: true })),
  unitId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  validFrom: Type.Optional(Nullable(DateTimeString)),
  validTo: Type.Optional(Nullable(DateTimeString)),
};

export const CreateArticleBodySchema = Type.Object(ArticleFields, { additionalProperties: false });
export type CreateArticleBody = Static<typeof CreateArticleBodySchema>;

export const UpdateArticleBodySchema = Type.Object({ ...ArticleFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type UpdateArticleBody = Static<typeof UpdateArticleBodySchema>;

export const MoveArticleBodySchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.Optional(ReasonSchema({ maxLength: 500 })),
}, { additionalProperties: false });
export type MoveArticleBody = Static<typeof MoveArticleBodySchema>;

export const ArticleSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  bodyText: Type.String(),
  categoryId: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  categoryNameEn: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  unitId: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  unitNameEn: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  status: Type.String(),
  reviewNote: Nullable(Type.String()),
  expired: Type.Boolean(),
  publishedVersion: Nullable(Type.Integer()),
  publishedTitle: Nullable(Type.String()),
  publishedBody: Nullable(Type.String()),
  publishedText: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  version: Type.Integer(),
  /** What the caller may do with it now (the console shows only these). */
  can: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), approve: Type.Boolean(), sendBack: Type.Boolean(), archive: Type.Boolean() }),
});

export const ArticleSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  categoryId: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  categoryNameEn: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  unitNameEn: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  expired: Type.Boolean(),
  publishedVersion: Nullable(Type.Integer()),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

const ARTICLE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const searchArticlesSchema = {
  tags: ['knowledge'],
  summary: 'Search the knowledge base as the agent types: title matches first, then body; published and valid only (editors may ask for every article)',
  querystring: Type.Object({
    q: Type.String({ minLength: 1, maxLength: 100 }),
    scope: Type.Optional(literalUnion(['desk', 'all'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      items: Type.Array(Type.Object({
        id: Type.String(),
        version: Type.Integer(),
        title: Type.String(),
        snippet: Type.String(),
        answer: Type.String(),
        status: Type.String(),
        expired: Type.Boolean(),
        titleMatch: Type.Boolean(),
        categoryName: Nullable(Type.String()),
        categoryNameEn: Nullable(Type.String()),
      })),
    }),
    ...AUTH_ERRORS,
  },
};

export const listArticlesSchema = {
  tags: ['knowledge'],
  summary: 'Articles the caller may see, newest change first, with filters (the review queue is status=in_review; expired=true lists the expired)',
  querystring: Type.Object({
    status: Type.Optional(literalUnion(ARTICLE_STATUS_VALUES)),
    expired: Type.Optional(Type.Boolean()),
    categoryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ArticleSummarySchema) }), ...AUTH_ERRORS },
};

export const getArticleSchema = {
  tags: ['knowledge'], summary: 'One article: the working copy for its editors and owning unit, the published copy for readers',
  params: IdParamsSchema, response: { 200: ArticleSchema, ...ARTICLE_ERRORS },
};

export const articleVersionsSchema = {
  tags: ['knowledge'], summary: "An article's history: every saved version, newest first",
  params: IdParamsSchema,
  response: {
    200: Type.Object({
      items: Type.Array(Type.Object({
        version: Type.Integer(), act: literalUnion(ARTICLE_ACT_VALUES), status: Type.String(), title: Type.String(), body: Type.String(),
        reason: Nullable(Type.String()), actorName: Nullable(Type.String()), at: Type.String(), published: Type.Boolean(),
      })),
    }),
    ...ARTICLE_ERRORS,
  },
};

export const createArticleSchema = {
  tags: ['knowledge'], summary: 'Draft an article (a unit drafts for itself; an editor for any unit or the centre)',
  body: CreateArticleBodySchema, response: { 201: ArticleSchema, ...ARTICLE_ERRORS },
};

export const updateArticleSchema = {
  tags: ['knowledge'], summary: 'Save an edit of the working copy (a new version; a stale version answers 409)',
  params: IdParamsSchema, body: UpdateArticleBodySchema, response: { 200: ArticleSchema, ...ARTICLE_ERRORS },
};

export const moveArticleSchema = {
  tags: ['knowledge'], summary: 'Submit for review, approve (publish), send back (with a reason) or archive',
  params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), move: literalUnion(['submit', 'approve', 'send-back', 'archive']) }, { additionalProperties: false }),
  body: MoveArticleBodySchema, response: { 200: ArticleSchema, ...ARTICLE_ERRORS },
};

export const articleUsageSchema = {
  tags: ['knowledge'], summary: 'Usage: calls closed at intake with each article and each category, in a period',
  querystring: Type.Object({ from: DateTimeString, to: DateTimeString }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      total: Type.Integer(),
      articles: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), categoryName: Nullable(Type.String()), categoryNameEn: Nullable(Type.String()), expired: Type.Boolean(), count: Type.Integer() })),
      categories: Type.Array(Type.Object({ categoryId: Nullable(Type.String()), categoryName: Nullable(Type.String()), categoryNameEn: Nullable(Type.String()), count: Type.Integer() })),
    }),
    ...AUTH_ERRORS,
  },
};
