/**
 * Duplicate suggestions (DOMAIN.md): the same caller, or the same area and category, within 7
 * days; a located report also matches a ticket of the same category within 50 m (haversine).
 * Only tickets in the actor's scope, never merged ones; the agent or dispatcher decides.
 */
import type { PrismaClient, Prisma } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from './ticket-scope.js';

const WINDOW_MS = 7 * 24 * 3600_000;
const NEARBY_METERS = 50;
const EARTH_RADIUS_M = 6_371_000;

export interface DuplicateQuery {
  callerNumber?: string | null;
  categoryId?: string | null;
  areaId?: string | null;
  lat?: number | null;
  lng?: number | null;
  excludeId?: string;
  now: Date;
}

/** Great-circle distance in metres. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

export async function findDuplicates(prisma: PrismaClient | Prisma.TransactionClient, actor: Actor, query: DuplicateQuery) {
  const located = query.lat != null && query.lng != null;
  const anyOf: Prisma.TicketWhereInput[] = [];
  if (query.callerNumber) anyOf.push({ callerNumber: query.callerNumber });
  if (query.categoryId && query.areaId) anyOf.push({ categoryId: query.categoryId, areaId: query.areaId });
  if (query.categoryId && located) anyOf.push({ categoryId: query.categoryId, lat: { not: null } });
  if (anyOf.length === 0) return [];
  const candidates = await prisma.ticket.findMany({
    where: {
      AND: [ticketScopeWhere(actor), { OR: anyOf }],
      createdAt: { gte: new Date(query.now.getTime() - WINDOW_MS), lte: query.now },
      state: { not: 'merged' },
      ...(query.excludeId ? { id: { not: query.excludeId } } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  return candidates.flatMap((ticket) => {
    const reasons: string[] = [];
    let distanceMeters: number | null = null;
    if (query.callerNumber && ticket.callerNumber === query.callerNumber) reasons.push('same_caller');
    if (query.categoryId === ticket.categoryId && query.areaId && ticket.areaId === query.areaId) reasons.push('same_area_category');
    if (located && ticket.lat != null && ticket.lng != null && ticket.categoryId === query.categoryId) {
      distanceMeters = Math.round(haversineMeters({ lat: query.lat!, lng: query.lng! }, { lat: ticket.lat, lng: ticket.lng }) * 10) / 10;
      if (distanceMeters <= NEARBY_METERS) reasons.push('nearby');
    }
    if (reasons.length === 0) return [];
    return [{
      id: ticket.id, code: ticket.code, state: ticket.state, categoryId: ticket.categoryId, areaId: ticket.areaId,
      createdAt: ticket.createdAt.toISOString(), reasons, distanceMeters,
    }];
  });
}
