/**
 * `Idempotency-Key`: a phone (or the desk's intake form, `POST /api/tickets`) that lost the answer
 * sends the same request again with the same key.
 * The key is kept in PostgreSQL (`idempotency_key`, unique per account, scope and key), written in
 * the transaction that creates the record, so a retry — after a restart, on another API process,
 * or at the same instant — finds the first record and never makes a second one. The body's hash
 * tells a retry from a different request reusing the key (409).
 */
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';

/** The header, as the error names it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface IdempotencyClaim {
  userId: string;
  scope: string;
  key: string;
  requestHash: string;
}

/** JSON with object keys sorted, so the same body hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of the canonical body. */
export function hashRequest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * The record a key already made, or null for a new key. The same key with another body is a 409
 * naming the header: the client reused a key for a different request.
 */
export async function findKeyedResource(prisma: Pick<PrismaClient, 'idempotencyKey'>, claim: IdempotencyClaim): Promise<string | null> {
  const row = await prisma.idempotencyKey.findUnique({ where: { userId_scope_key: { userId: claim.userId, scope: claim.scope, key: claim.key } } });
  if (!row) return null;
  if (row.requestHash !== claim.requestHash) {
    throw new AppError('conflict', `${IDEMPOTENCY_HEADER} ${claim.key} was used for a different request`, { field: IDEMPOTENCY_HEADER, details: { resourceId: row.resourceId } });
  }
  return row.resourceId;
}

/**
 * Records the key for `resourceId` inside the creating transaction. A concurrent request with the
 * same key waits on the unique index and then fails with a unique violation (`isUniqueViolation`);
 * its whole transaction rolls back, and the caller reads the key again.
 */
export async function claimKey(tx: Prisma.TransactionClient, claim: IdempotencyClaim, resourceId: string, now: Date): Promise<void> {
  await tx.idempotencyKey.create({ data: { ...claim, resourceId, createdAt: now } });
}

/** True for Prisma's unique violation (P2002): the caller reads the key again to tell a concurrent retry from anything else. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}
