/**
 * Checks an intake body against the data: the call (phone), the category (a leaf, active), its
 * required fields, and the place. Every refusal names the field; nothing has been written yet.
 */
import type { Prisma } from '@yixian/db';
import { normalisePhone } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { assertCanReadCalls } from '../calls/call-access.js';
import { findCachedCategory, type CachedCategory } from '../catalogue/category-cache.js';
import { findAreaById, locateAddress, locatePoint, type LocatedArea } from '../routing/locate-area.js';
import type { IntakeBody } from './create-ticket.js';

export interface CallerOrigin {
  callId: string | null;
  callerNumber: string | null;
  callerName: string | null;
  hotlineNumber: string | null;
  hotlineIsPolice: boolean;
}

/**
 * The caller and hotline: from the Call row for phone tickets, from the body otherwise. A phone
 * ticket is taken from a call the actor may read (the centre's): otherwise a unit's account could
 * file a ticket from any call and then reveal its caller through the ticket.
 */
export async function resolveOrigin(tx: Prisma.TransactionClient, actor: Actor, body: IntakeBody): Promise<CallerOrigin> {
  if (body.channel === 'phone') {
    if (!body.callId) throw new AppError('validation_failed', 'A phone ticket needs the callId of its call', { field: 'callId' });
    assertCanReadCalls(actor, 'callId');
    const call = await tx.call.findUnique({ where: { id: body.callId }, include: { hotline: true } });
    if (!call) throw new AppError('not_found', `No call ${body.callId}`, { field: 'callId' });
    return {
      callId: call.id, callerNumber: call.callerNumber, callerName: call.callerName, hotlineNumber: call.hotlineNumber,
      hotlineIsPolice: call.hotline?.isPolice ?? call.hotlineNumber === '110',
    };
  }
  if (body.callId) throw new AppError('validation_failed', 'callId is only for phone tickets', { field: 'callId' });
  let callerNumber: string | null = null;
  if (body.callerNumber) {
    try {
      callerNumber = normalisePhone(body.callerNumber);
    } catch {
      throw new AppError('validation_failed', 'callerNumber is not a phone number', { field: 'callerNumber' });
    }
  }
  return { callId: null, callerNumber, callerName: body.callerName ?? null, hotlineNumber: null, hotlineIsPolice: false };
}

/** The category, which must be an active leaf, with every required field filled. */
export async function resolveCategory(tx: Prisma.TransactionClient, body: IntakeBody): Promise<CachedCategory> {
  const category = await findCachedCategory(tx, body.categoryId);
  if (!category || !category.active) throw new AppError('validation_failed', `Unknown category ${body.categoryId}`, { field: 'categoryId' });
  if (!category.isLeaf) throw new AppError('validation_failed', `Category ${body.categoryId} is a group; choose one of its leaves`, { field: 'categoryId' });
  const required = Array.isArray(category.requiredFields) ? (category.requiredFields as { key?: unknown; required?: unknown }[]) : [];
  for (const field of required) {
    // An extra field an administrator marked optional (`required: false`); older entries have no flag and are required.
    if (typeof field.key !== 'string' || field.required === false) continue;
    const value = body.fields?.[field.key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      throw new AppError('validation_failed', `Category ${category.id} requires fields.${field.key}`, { field: `fields.${field.key}` });
    }
  }
  return category;
}

/** The area: explicit id, else the point, else the address; null when none says where. */
export async function resolveArea(tx: Prisma.TransactionClient, body: IntakeBody): Promise<LocatedArea | null> {
  const hasLat = body.lat !== undefined;
  if (hasLat !== (body.lng !== undefined)) throw new AppError('validation_failed', 'Give both lat and lng, or neither', { field: 'location' });
  if (body.channel === 'mobile' && !hasLat) throw new AppError('validation_failed', 'A mobile report needs its GPS position (lat, lng)', { field: 'location' });
  if (body.areaId) return findAreaById(tx, body.areaId);
  if (hasLat) return locatePoint(tx, body.lat!, body.lng!);
  if (body.address) return locateAddress(tx, body.address);
  return null;
}
