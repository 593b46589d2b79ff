/**
 * Duplicate suggestions (DOMAIN.md): the same caller, or the same area and category, within 7
 * days; a located report also matches a ticket of the same category within 50 m (haversine).
 * Only tickets in the actor's scope, never merged ones; the agent or dispatcher decides.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { ticketScopeSql } from './ticket-scope.js';

const WINDOW_MS = 7 * 24 * 3600_000;
const NEARBY_METERS = 50;
const EARTH_RADIUS_M = 6_371_000;
/** Suggestions shown at most, newest first. */
const CANDIDATES = 50;

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

/** A candidate as the search reads it: only what the answer and the reasons need. */
export interface CandidateRow {
  id: string;
  code: string;
  state: string;
  categoryId: string;
  areaId: string | null;
  createdAt: Date;
  callerNumber: string | null;
  lat: number | null;
  lng: number | null;
}

/** Degrees of latitude (and, at `lat`, of longitude) that surely contain a circle of NEARBY_METERS. */
function nearbyBox(lat: number): { dLat: number; dLng: number } {
  const dLat = (NEARBY_METERS * 1.2) / 111_320;
  return { dLat, dLng: dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01) };
}

/** A suggestion as the desk shows it. */
export interface Duplicate {
  id: string;
  code: string;
  state: string;
  categoryId: string;
  areaId: string | null;
  createdAt: string;
  reasons: string[];
  distanceMeters: number | null;
}

/**
 * The newest 50 candidates: each way of matching (same caller, same area and category, nearby) is
 * its own branch, read newest first from its index and cut at 50 before the branches are merged,
 * so the search reads about 50 rows per branch however many tickets share a grid and category.
 * Null when the query has nothing to match on. Rows are `CandidateRow`s, newest first.
 */
export function duplicatesSql(actor: Actor, query: DuplicateQuery): Prisma.Sql | null {
  const located = query.lat != null && query.lng != null;
  const branches: Prisma.Sql[] = [];
  if (query.callerNumber) branches.push(Prisma.sql`t."callerNumber" = ${query.callerNumber}`);
  if (query.categoryId && query.areaId) branches.push(Prisma.sql`t."categoryId" = ${query.categoryId} AND t."areaId" = ${query.areaId}`);
  if (query.categoryId && located) {
    const { dLat, dLng } = nearbyBox(query.lat!);
    branches.push(Prisma.sql`t."categoryId" = ${query.categoryId} AND t.lat BETWEEN ${query.lat! - dLat} AND ${query.lat! + dLat}
      AND t.lng BETWEEN ${query.lng! - dLng} AND ${query.lng! + dLng}`);
  }
  if (branches.length === 0) return null;
  const from = new Date(query.now.getTime() - WINDOW_MS).toISOString();
  const scope = ticketScopeSql(actor);
  const selects = branches.map((branch) => Prisma.sql`(
    SELECT t.id, t.code, t.state, t."categoryId", t."areaId", t."createdAt", t."callerNumber", t.lat, t.lng FROM ticket t
    WHERE ${branch} AND t."createdAt" >= ${from}::timestamp AND t."createdAt" <= ${query.now.toISOString()}::timestamp
      AND t.state <> 'merged' AND t.id <> ${query.excludeId ?? ''} AND ${scope}
    ORDER BY t."createdAt" DESC LIMIT ${CANDIDATES})`);
  return Prisma.sql`SELECT * FROM (${Prisma.join(selects, ' UNION ')}) AS c ORDER BY c."createdAt" DESC, c.id LIMIT ${CANDIDATES}`;
}

/** The candidates that match, each with why (and how far, for a located report). */
export function presentDuplicates(candidates: readonly CandidateRow[], query: DuplicateQuery): Duplicate[] {
  const located = query.lat != null && query.lng != null;
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

/** The suggestions for a ticket being written or just saved (`excludeId`), in the actor's scope. */
export async function findDuplicates(prisma: PrismaClient | Prisma.TransactionClient, actor: Actor, query: DuplicateQuery): Promise<Duplicate[]> {
  const sql = duplicatesSql(actor, query);
  return sql ? presentDuplicates(await prisma.$queryRaw<CandidateRow[]>(sql), query) : [];
}
