/** The duplicates endpoint's query turned into a search: a call id stands for its caller's number. */
import type { PrismaClient } from '@yixian/db';
import { normalisePhone } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { assertCanReadCalls } from '../calls/call-access.js';
import type { Actor } from '../auth/actor.js';
import { findDuplicates } from './find-duplicates.js';

export interface DuplicatesQuery {
  callerNumber?: string;
  callId?: string;
  categoryId?: string;
  areaId?: string;
  lat?: number;
  lng?: number;
  /** The ticket being written or just saved: never its own duplicate. */
  excludeId?: string;
}

export async function findDuplicatesByQuery(prisma: PrismaClient, actor: Actor, query: DuplicatesQuery, now: Date) {
  if ((query.lat === undefined) !== (query.lng === undefined)) throw new AppError('validation_failed', 'Give both lat and lng, or neither', { field: 'location' });
  let callerNumber: string | null = null;
  if (query.callId) {
    assertCanReadCalls(actor, 'callId');
    const call = await prisma.call.findUnique({ where: { id: query.callId }, select: { callerNumber: true } });
    if (!call) throw new AppError('not_found', `No call ${query.callId}`, { field: 'callId' });
    callerNumber = call.callerNumber;
  } else if (query.callerNumber) {
    try {
      callerNumber = normalisePhone(query.callerNumber);
    } catch {
      throw new AppError('validation_failed', 'callerNumber is not a phone number', { field: 'callerNumber' });
    }
  }
  // A category alone (no caller, no place) matches nothing yet: an empty list, not a refusal,
  // since the desk asks as the agent fills the form in.
  return findDuplicates(prisma, actor, {
    callerNumber, categoryId: query.categoryId ?? null, areaId: query.areaId ?? null, lat: query.lat ?? null, lng: query.lng ?? null,
    ...(query.excludeId ? { excludeId: query.excludeId } : {}), now,
  });
}
