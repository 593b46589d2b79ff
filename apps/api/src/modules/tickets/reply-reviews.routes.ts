/**
 * `GET /api/tickets/reply-reviews?status=waiting|sent_back`: the work lists of 回复审核
 * (list-reply-reviews.ts). The acts themselves are lifecycle actions
 * (`POST /api/tickets/:id/approve-reply`, `/reject-reply`, tickets-actions.routes.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS } from '../../lib/schemas.js';
import { requireActor } from '../../plugins/security.js';
import { listReplyReviews } from './list-reply-reviews.js';

/** The desk reviews; the units read what was sent back to them. */
const REPLY_REVIEW_READERS = [ROLES.dispatcher, ROLES.shift_lead, ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const ReplyReviewItemSchema = Type.Object({
  ticketId: Type.String(),
  code: Type.String(),
  title: Type.String(),
  channel: Type.String(),
  state: Type.String(),
  unitName: Nullable(Type.String()),
  handleDueAt: Nullable(Type.String()),
  reply: Type.Object({ content: Type.String(), at: Type.String(), authorName: Nullable(Type.String()) }),
  sentBack: Nullable(Type.Object({ reason: Type.String(), at: Type.String(), reviewerName: Nullable(Type.String()) })),
});

export const listReplyReviewsSchema = {
  tags: ['tickets'],
  summary: '回复审核: replies waiting for the desk (`waiting`), or sent back to the unit with a reason (`sent_back`)',
  querystring: Type.Object({ status: Type.Union([Type.Literal('waiting'), Type.Literal('sent_back')]) }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(ReplyReviewItemSchema) }), ...AUTH_ERRORS },
};

export default async function replyReviewRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/tickets/reply-reviews', { schema: listReplyReviewsSchema, config: { roles: REPLY_REVIEW_READERS } }, async (request) => ({
    items: await listReplyReviews(app.prisma, requireActor(request), request.query.status),
  }));
}
