/**
 * `POST /api/tickets` with an optional `Idempotency-Key`: a client that lost the answer (a 502 from
 * the proxy when the API copy serving it died, a timeout) sends the intake again with the same key
 * and gets the ticket the first request filed, never a second one. The mechanism is the phone's
 * (patrol/idempotency-key.ts): the key is kept per account, written in the intake's transaction
 * (create-ticket.ts), and the same key with another body is a 409 naming the header. Without a key
 * the intake is unchanged and sends no statement for it. A new intake reads its duplicate
 * suggestions in its own statement (`suggestDuplicates`).
 */
import type { PrismaClient } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { findKeyedResource, hashRequest, isUniqueViolation, type IdempotencyClaim } from '../patrol/idempotency-key.js';
import { createTicket, type CreatedTicket } from './create-ticket.js';
import type { CreateTicketBody } from './tickets-intake.schemas.js';

/** The `idempotency_key.scope` of an intake. */
export const INTAKE_KEY_SCOPE = 'ticket-intake';

/** A new intake, or the id of the ticket the key already filed (nothing written). */
export type IntakeOutcome = { replayed: false; created: CreatedTicket } | { replayed: true; ticketId: string };

/** Files the intake, or answers the ticket its key already filed (also when the two arrive at once). */
export async function createTicketOnce(
  prisma: PrismaClient, actor: Actor, input: { body: CreateTicketBody; key: string | undefined; now: Date },
): Promise<IntakeOutcome> {
  if (input.key === undefined) return { replayed: false, created: await createTicket(prisma, actor, input.body, input.now, { suggestDuplicates: true }) };
  const claim: IdempotencyClaim = { userId: actor.id, scope: INTAKE_KEY_SCOPE, key: input.key, requestHash: hashRequest(input.body) };
  const known = await findKeyedResource(prisma, claim);
  if (known) return { replayed: true, ticketId: known };
  try {
    return { replayed: false, created: await createTicket(prisma, actor, input.body, input.now, { claim, suggestDuplicates: true }) };
  } catch (error) {
    // The same key at the same instant: the other request committed first and this one rolled
    // back whole (its number too); answer what the other filed.
    if (isUniqueViolation(error)) {
      const raced = await findKeyedResource(prisma, claim);
      if (raced) return { replayed: true, ticketId: raced };
    }
    throw error;
  }
}
