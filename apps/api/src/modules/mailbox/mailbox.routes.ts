/**
 * The mayor's / district head's mailbox. Public: challenge, options, letters, lookup (per-IP
 * limits counted in Redis, so every API instance shares them; a flood gets 429 before its body
 * is read: plugins/rate-limits.ts). Staff: the on-time reply figures per mailbox, and the letters' attachments
 * (mailbox-attachments.routes.ts).
 */
import type { FastifyInstance } from 'fastify';
import { isPhoneNumber, ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { perClientLimit } from '../../plugins/rate-limits.js';
import { computeMailboxFigures } from './compute-mailbox-figures.js';
import { issueChallenge } from './mailbox-challenge.js';
import { MAILBOX_RATE_LIMITS } from './mailbox-enums.js';
import {
  challengeSchema, figuresSchema, LETTER_BODY_LIMIT_BYTES, lookupSchema, optionsSchema, submitLetterSchema, type SubmitLetterBody,
} from './mailbox.schemas.js';
import mailboxAttachmentRoutes from './mailbox-attachments.routes.js';
import { listLetterOptions } from './list-letter-options.js';
import { lookUpLetter } from './look-up-letter.js';
import { submitLetter } from './submit-letter.js';

const limit = perClientLimit;

export default async function mailboxRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/mailbox/challenge', {
    schema: challengeSchema,
    config: { roles: 'public', rateLimit: limit(MAILBOX_RATE_LIMITS.challenges) },
  }, async () => issueChallenge(app.redis, app.config.redisPrefix, app.clock.now()));

  app.get('/api/mailbox/options', {
    schema: optionsSchema,
    config: { roles: 'public', rateLimit: limit(MAILBOX_RATE_LIMITS.challenges) },
  }, async () => listLetterOptions(app.prisma));

  app.post<{ Body: SubmitLetterBody }>('/api/mailbox/letters', {
    schema: submitLetterSchema,
    bodyLimit: LETTER_BODY_LIMIT_BYTES,
    config: { roles: 'public', rateLimit: limit(MAILBOX_RATE_LIMITS.letters) },
  }, async (request, reply) => {
    if (!isPhoneNumber(request.body.phone)) throw new AppError('validation_failed', 'phone is not a phone number', { field: 'phone' });
    const letter = await submitLetter(
      { prisma: app.prisma, redis: app.redis, redisPrefix: app.config.redisPrefix, now: app.clock.now() },
      request.body,
    );
    request.log.info({ ticketCode: letter.ticketCode }, 'mailbox letter filed');
    return reply.status(201).send(letter);
  });

  app.post<{ Body: { code: string } }>('/api/mailbox/lookup', {
    schema: lookupSchema,
    config: { roles: 'public', rateLimit: limit(MAILBOX_RATE_LIMITS.lookups) },
  }, async (request) => lookUpLetter(app.prisma, request.body.code));

  app.get<{ Querystring: { from: string; to: string } }>('/api/mailbox/figures', {
    schema: figuresSchema,
    config: { roles: [ROLES.commander, ROLES.shift_lead, ROLES.dispatcher] },
  }, async (request) => {
    const from = new Date(request.query.from);
    const to = new Date(request.query.to);
    const items = await computeMailboxFigures(app.prisma, { from, to, now: app.clock.now() });
    return { from: from.toISOString(), to: to.toISOString(), items };
  });

  await app.register(mailboxAttachmentRoutes);
}
