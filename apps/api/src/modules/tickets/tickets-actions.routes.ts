/**
 * `POST /api/tickets/:id/<action>`: one route per lifecycle action. Each runs in one
 * transaction (run-ticket-action.ts) and answers the ticket's detail view, trail included.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { Ticket } from '@yixian/db';
import type { TicketAction } from '@yixian/domain';
import { requireActor } from '../../plugins/security.js';
import { dispatchTicket } from './dispatch-ticket.js';
import { divertTicket } from './divert-ticket.js';
import { remindOrSupervise } from './escalate-side-ticket.js';
import { approveExtension, requestExtension } from './extend-ticket.js';
import { closeTicket, followUpTicket, reopenTicket } from './follow-up-ticket.js';
import { replyTicket, returnTicket, signTicket, startTicket } from './handle-ticket.js';
import { markTicketComplex } from './mark-ticket-complex.js';
import { mergeTicket } from './merge-ticket.js';
import { approveReply, rejectReply } from './review-reply.js';
import { verifyTicket } from './verification.js';
import { presentTicketDetail } from './ticket-presenter.js';
import { getTicketDetail } from './tickets.service.js';
import { claimKey, findKeyedResource, hashRequest, isUniqueViolation, type IdempotencyClaim } from '../patrol/idempotency-key.js';
import { ACTION_BODIES, actionSchema, KEYED_ACTIONS, rolesForAction, type ActionWithRoute } from './tickets-actions.schemas.js';
import { assertTicketUnchanged, runTicketAction, type ActionContext } from './run-ticket-action.js';

type Bodies = { [A in ActionWithRoute]: Static<(typeof ACTION_BODIES)[A]> };
type Handlers = { [A in ActionWithRoute]: (context: ActionContext, body: Bodies[A]) => Promise<Ticket | { ticket: Ticket; linked: Ticket }> };

const HANDLERS: Handlers = {
  dispatch: dispatchTicket,
  sign: (context, body) => signTicket(context, body.note),
  return: returnTicket,
  start: (context, body) => startTicket(context, body.note),
  reply: (context, body) => replyTicket(context, body.content),
  'request-extension': requestExtension,
  'approve-extension': approveExtension,
  'follow-up': followUpTicket,
  reopen: reopenTicket,
  close: closeTicket,
  merge: mergeTicket,
  remind: (context, body) => remindOrSupervise(context, 'remind', body),
  supervise: (context, body) => remindOrSupervise(context, 'supervise', body),
  divert: divertTicket,
  'mark-complex': markTicketComplex,
  'approve-reply': (context, body) => approveReply(context, body.note),
  'reject-reply': (context, body) => rejectReply(context, body.reason),
  // Replaced below by one that reads the config (the review override, the file count).
  verify: (context, body) => verifyTicket(context, body, { reviewChannels: null, maxFiles: 0 }),
};

export default async function ticketActionRoutes(app: FastifyInstance): Promise<void> {
  // A reply and a verification read the deployment's reply review override (REPLY_REVIEW_CHANNELS) from the
  // config; a reply, a return and a verification carry files up to ATTACHMENT_MAX_FILES.
  const { maxFiles } = app.config.attachments;
  const handlers: Handlers = {
    ...HANDLERS,
    reply: async (context, body) => {
      await assertTicketUnchanged(context.tx, context.ticket, 'reply', body.expectedChangeId);
      return replyTicket(context, body.content, { reviewChannels: app.config.replyReviewChannels, files: { attachmentIds: body.attachmentIds, maxFiles } });
    },
    return: async (context, body) => {
      await assertTicketUnchanged(context.tx, context.ticket, 'return', body.expectedChangeId);
      return returnTicket(context, body, { maxFiles });
    },
    verify: async (context, body) => {
      await assertTicketUnchanged(context.tx, context.ticket, 'verify', body.expectedChangeId);
      return verifyTicket(context, body, { reviewChannels: app.config.replyReviewChannels, maxFiles });
    },
  };
  for (const action of Object.keys(ACTION_BODIES) as ActionWithRoute[]) {
    app.post<{ Params: { id: string }; Body: Bodies[typeof action]; Headers: { 'idempotency-key'?: string } }>(
      `/api/tickets/:id/${action}`,
      { schema: actionSchema(action), config: { roles: rolesForAction(action as TicketAction) } },
      async (request) => {
        const actor = requireActor(request);
        const handler = handlers[action] as (context: ActionContext, body: unknown) => Promise<Ticket | { ticket: Ticket; linked: Ticket }>;
        const key = KEYED_ACTIONS.includes(action) ? request.headers['idempotency-key'] : undefined;
        const claim: IdempotencyClaim | null = key
          ? { userId: actor.id, scope: `ticket-${action}:${request.params.id}`, key, requestHash: hashRequest(request.body ?? {}) }
          : null;
        const answer = async (ticketId: string, written?: Ticket) => presentTicketDetail(await getTicketDetail(app.prisma, actor, ticketId, written));
        // A repeat of an act already taken (its answer was lost): the ticket as it is now, nothing applied again.
        if (claim && (await findKeyedResource(app.prisma, claim))) return answer(request.params.id);
        const now = app.clock.now();
        try {
          // A dispatch to one unit without a key writes once: it is taken optimistically (run-ticket-action.ts).
          const body = (request.body ?? {}) as { supportingUnitIds?: string[] };
          const optimistic = action === 'dispatch' && !claim && !body.supportingUnitIds?.length;
          const result = await runTicketAction(app.prisma, { actor, ticketId: request.params.id, action: action as TicketAction, now, optimistic }, async (context) => {
            const done = await handler(context, request.body ?? {});
            if (claim) await claimKey(context.tx, claim, context.ticket.id, now);
            return done;
          });
          // The ticket as the act left it (committed): not read again.
          return 'linked' in result ? answer(result.ticket.id, result.ticket) : answer(result.id, result);
        } catch (error) {
          // The same key at the same instant: the other request committed the act first.
          if (claim && isUniqueViolation(error) && (await findKeyedResource(app.prisma, claim))) return answer(request.params.id);
          throw error;
        }
      },
    );
  }
}
