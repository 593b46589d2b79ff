/** The knowledge base (知识库): search, articles, history, the review moves, usage figures. */
import { requestClient, type RequestOptions } from './client';

export interface KnowledgeHit {
  id: string;
  /** The published version the desk shows (for an editor's search: the working copy's version). */
  version: number;
  title: string;
  /** Plain text around the first match; the console highlights it (escaped). */
  snippet: string;
  /** The whole plain text: what "use" puts in the answer box. */
  answer: string;
  status: ArticleStatus;
  expired: boolean;
  titleMatch: boolean;
  categoryName: string | null;
  categoryNameEn: string | null;
}

export type ArticleStatus = 'draft' | 'in_review' | 'published' | 'archived';
export type ArticleMove = 'submit' | 'approve' | 'send-back' | 'archive';

export interface ArticleSummary {
  id: string;
  title: string;
  status: ArticleStatus;
  categoryId: string | null;
  categoryName: string | null;
  categoryNameEn: string | null;
  unitId: string | null;
  unitName: string | null;
  unitNameEn: string | null;
  tags: string[];
  validFrom: string | null;
  validTo: string | null;
  expired: boolean;
  publishedVersion: number | null;
  updatedAt: string;
  version: number;
}

export interface Article extends ArticleSummary {
  body: string;
  bodyText: string;
  reviewNote: string | null;
  publishedTitle: string | null;
  publishedBody: string | null;
  publishedAt: string | null;
  can: { edit: boolean; submit: boolean; approve: boolean; sendBack: boolean; archive: boolean };
}

export interface ArticleVersion {
  version: number;
  act: 'create' | 'edit' | 'submit' | 'approve' | 'send_back' | 'archive';
  status: ArticleStatus;
  title: string;
  body: string;
  reason: string | null;
  actorName: string | null;
  at: string;
  published: boolean;
}

export interface ArticleFields {
  title: string;
  body: string;
  categoryId: string | null;
  tags: string[];
  unitId: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ListArticlesQuery {
  status?: ArticleStatus;
  expired?: boolean;
  categoryId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ArticleUsage {
  total: number;
  articles: { id: string; title: string; categoryName: string | null; categoryNameEn: string | null; expired: boolean; count: number }[];
  categories: { categoryId: string | null; categoryName: string | null; categoryNameEn: string | null; count: number }[];
}

/** Codes the editor shows inline (a stale edit, a refused move, a bad field). */
export const ARTICLE_HANDLED_CODES = ['validation_failed', 'conflict', 'forbidden'] as const;

/** The desk's search (published and valid only), or every working copy for an editor (`all`). */
export async function searchKnowledge(q: string, options: { scope?: 'desk' | 'all'; signal?: AbortSignal } = {}): Promise<KnowledgeHit[]> {
  const page = await requestClient.get<{ items: KnowledgeHit[] }>('/knowledge/search', {
    query: { q, scope: options.scope ?? 'desk', limit: 10 }, ...(options.signal ? { signal: options.signal } : {}),
  });
  return page.items;
}

export function listArticles(query: ListArticlesQuery = {}): Promise<{ total: number; items: ArticleSummary[] }> {
  return requestClient.get('/knowledge/articles', { query: { ...query } });
}

export function getArticle(id: string): Promise<Article> {
  return requestClient.get(`/knowledge/articles/${encodeURIComponent(id)}`);
}

export async function listArticleVersions(id: string): Promise<ArticleVersion[]> {
  return (await requestClient.get<{ items: ArticleVersion[] }>(`/knowledge/articles/${encodeURIComponent(id)}/versions`)).items;
}

export function createArticle(fields: ArticleFields, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<Article> {
  return requestClient.post('/knowledge/articles', fields, options);
}

export function updateArticle(id: string, fields: ArticleFields & { version: number }, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<Article> {
  return requestClient.put(`/knowledge/articles/${encodeURIComponent(id)}`, fields, options);
}

export function moveArticle(id: string, move: ArticleMove, body: { version: number; reason?: string }, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<Article> {
  return requestClient.post(`/knowledge/articles/${encodeURIComponent(id)}/${move}`, body, options);
}

export function getArticleUsage(from: string, to: string): Promise<ArticleUsage> {
  return requestClient.get('/knowledge/usage', { query: { from, to } });
}
