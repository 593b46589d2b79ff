/**
 * Who may do what with an article. Units propose, the centre approves: a unit's staff
 * (dept_handler, dept_admin) draft, edit and submit the articles their unit owns; the centre's
 * knowledge editors (kb_editor) edit any, publish, send back and archive. Everyone else in
 * KNOWLEDGE_READER_ROLES reads the published copy only.
 */
import type { KnowledgeArticle } from '@yixian/db';
import { ARTICLE_MOVES, KNOWLEDGE_PROPOSER_ROLES, ROLES, type ArticleMove, type ArticleStatus } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';

export const isKnowledgeEditor = (actor: Actor) => actor.roles.includes(ROLES.kb_editor);

/** A unit's staff, proposing for their own unit. */
export const isProposer = (actor: Actor) => actor.unitId !== null && actor.roles.some((role) => KNOWLEDGE_PROPOSER_ROLES.includes(role));

/** Whether the actor works on this article's working copy (edits, submits, reads drafts and history). */
export function isAuthorOf(actor: Actor, article: Pick<KnowledgeArticle, 'unitId'>): boolean {
  return isKnowledgeEditor(actor) || (isProposer(actor) && article.unitId === actor.unitId);
}

/** Whether the actor may make this move on an article in this state (the state itself is checked apart). */
export function mayMove(actor: Actor, article: Pick<KnowledgeArticle, 'unitId'>, move: ArticleMove): boolean {
  if (move === 'submit') return isAuthorOf(actor, article);
  return isKnowledgeEditor(actor);
}

/** The moves open now: allowed to the actor and from the article's state. */
export function openMoves(actor: Actor, article: Pick<KnowledgeArticle, 'unitId' | 'status'>) {
  const from = (move: ArticleMove) => (ARTICLE_MOVES[move].from as readonly ArticleStatus[]).includes(article.status as ArticleStatus) && mayMove(actor, article, move);
  return {
    edit: isAuthorOf(actor, article) && article.status !== 'archived',
    submit: from('submit'), approve: from('approve'), sendBack: from('send_back'), archive: from('archive'),
  };
}
