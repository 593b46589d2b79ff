/**
 * A citizen's letter becomes a ticket on the `mailbox` channel through the tickets module's own
 * intake (`createTicket`, dispatched and routed like any ticket; the deadline planner gives a
 * mailbox ticket 3 working days, 10 once marked complex). The letter row, its attachments and
 * the ticket commit in ONE transaction, so a refused letter stores nothing.
 *
 * Order of checks: honeypot, category, attachments, then the challenge is spent, then writing.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@yixian/db';
import type { Redis } from 'ioredis';
import { CHANNELS } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { createTicket } from '../tickets/create-ticket.js';
import type { CreateTicketBody } from '../tickets/tickets-intake.schemas.js';
import { spendChallenge } from './mailbox-challenge.js';
import { MAILBOX_INTAKE_ACTOR_ID } from './mailbox-enums.js';
import type { SubmitLetterBody } from './mailbox.schemas.js';
import { findLetterCategory } from './list-letter-options.js';
import { generateQueryCode, hashQueryCode } from './query-code.js';
import { readAttachments } from './read-attachments.js';

/** The mailbox as an intake actor: the centre's intake rights, the whole district, no person. */
const MAILBOX_ACTOR: Actor = {
  id: MAILBOX_INTAKE_ACTOR_ID, username: MAILBOX_INTAKE_ACTOR_ID, displayName: '市长/区长信箱', roles: ['agent'],
  unitId: null, areaId: null, extension: null, status: 'active', mustChangePassword: false,
  scope: { all: true, areaIds: [], areaPaths: [], unitIds: [], categoryIds: [] },
};

/** Lets a service that opens its own transaction (and reads before it) run inside ours. */
function joinTransaction(tx: Prisma.TransactionClient): PrismaClient {
  return new Proxy(tx, {
    get: (target, key, receiver) => (key === '$transaction'
      ? (run: (client: Prisma.TransactionClient) => Promise<unknown>) => run(tx)
      : Reflect.get(target, key, receiver)),
  }) as unknown as PrismaClient;
}

export interface SubmittedLetter {
  queryCode: string;
  ticketCode: string;
  replyDueAt: string | null;
}

export interface SubmitLetterContext {
  prisma: PrismaClient;
  redis: Redis;
  redisPrefix: string;
  now: Date;
}

/** Files the letter; see the module comment. Returns the query code, shown once and never again. */
export async function submitLetter(context: SubmitLetterContext, body: SubmitLetterBody): Promise<SubmittedLetter> {
  if (body.website) throw new AppError('validation_failed', 'This submission looks automated and was refused', { field: 'website' });
  const category = await findLetterCategory(context.prisma, body.categoryId);
  const attachments = readAttachments(body.attachments);
  await spendChallenge(context.redis, context.redisPrefix, body.challenge, context.now);

  const queryCode = generateQueryCode();
  const ticket = await context.prisma.$transaction(async (tx) => {
    const { ticket: created } = await createTicket(joinTransaction(tx), MAILBOX_ACTOR, {
      // The intake schema's literal unions are typed loosely (never); the value is a real channel.
      channel: CHANNELS.mailbox as CreateTicketBody['channel'], callerName: body.name.trim(), callerNumber: body.phone, categoryId: category.id,
      title: body.subject.trim(), description: body.content.trim(), ...(body.address ? { address: body.address } : {}),
      fields: { mailbox: body.mailbox, complex: false }, dispatch: true,
    }, context.now);
    await tx.mailboxLetter.create({
      data: {
        id: randomUUID(), ticketId: created.id, mailbox: body.mailbox, codeHash: hashQueryCode(queryCode), createdAt: context.now,
        attachments: { create: attachments.map((file) => ({ ...file, id: randomUUID(), createdAt: context.now })) },
      },
    });
    return created;
  }, { timeout: 30_000 });
  return { queryCode, ticketCode: ticket.code, replyDueAt: ticket.handleDueAt?.toISOString() ?? null };
}
