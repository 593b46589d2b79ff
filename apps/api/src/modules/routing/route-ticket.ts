/**
 * Routing through the grid (吹哨报到): settle a matter at the lowest level that can. A grid-level
 * category inside a grid goes to that grid's team, a street-level one (or a grid-level one placed
 * only at street precision) to the street office, everything else to the category's department.
 * Escalation climbs one level: grid team → street office → the category's department. Units are
 * found by type and area in the per-process copy (organisation-cache.ts) that an administrator's
 * change drops in every process, so a unit added or disabled takes effect at once.
 */
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { findCachedCategory } from '../catalogue/category-cache.js';
import { findCachedAreaUnit, findCachedUnit } from '../organisation/organisation-cache.js';

export const POLICE_DESK_UNIT_ID = 'police-desk';

export type SettlementLevel = 'grid' | 'street' | 'district';

export interface RouteDecision {
  unitId: string;
  level: SettlementLevel;
}

/**
 * The active unit of a type that sits in an area (a grid's team, a street's office), or null when
 * an administrator has disabled it or none exists: routing then climbs to the next level.
 */
async function findAreaUnit(tx: Prisma.TransactionClient, type: 'grid_team' | 'street_office', areaId: string): Promise<string | null> {
  return (await findCachedAreaUnit(tx, type, areaId))?.id ?? null;
}

/** The level a unit settles at, from its type (the police desk and departments are district-level). */
export function levelOfUnitType(type: string): SettlementLevel {
  if (type === 'grid_team') return 'grid';
  if (type === 'street_office') return 'street';
  return 'district';
}

/** Street and grid ids from a materialised path `/district/street/grid`. */
function splitPath(areaPath: string | null): { street?: string; grid?: string } {
  const [, , street, grid] = (areaPath ?? '').split('/');
  return { street: street || undefined, grid: grid || undefined };
}

async function requireDepartment(tx: Prisma.TransactionClient, categoryId: string): Promise<RouteDecision> {
  const category = await findCachedCategory(tx, categoryId);
  if (!category?.defaultUnitId) throw new AppError('conflict', `Category ${categoryId} has no default unit to route to`, { field: 'categoryId' });
  return { unitId: category.defaultUnitId, level: 'district' };
}

/** The lead unit for a non-police ticket from its category and place. */
export async function routeTicket(
  tx: Prisma.TransactionClient,
  input: { categoryId: string; areaPath: string | null },
): Promise<RouteDecision> {
  const category = await findCachedCategory(tx, input.categoryId);
  if (!category) throw new AppError('validation_failed', `Unknown category ${input.categoryId}`, { field: 'categoryId' });
  const { street, grid } = splitPath(input.areaPath);
  const gridTeam = category.level === 'grid' && grid ? await findAreaUnit(tx, 'grid_team', grid) : null;
  if (gridTeam) return { unitId: gridTeam, level: 'grid' };
  const office = (category.level === 'grid' || category.level === 'street') && street ? await findAreaUnit(tx, 'street_office', street) : null;
  if (office) return { unitId: office, level: 'street' };
  return requireDepartment(tx, input.categoryId);
}

/** One level up from the unit that holds the ticket; null when it is already at the district. */
export async function findEscalationTarget(
  tx: Prisma.TransactionClient,
  ticket: { categoryId: string; areaPath: string | null; leadUnitId: string | null },
): Promise<RouteDecision | null> {
  if (!ticket.leadUnitId) return routeTicket(tx, ticket);
  const unit = await findCachedUnit(tx, ticket.leadUnitId);
  const level = levelOfUnitType(unit?.type ?? 'department');
  if (level === 'grid') {
    const { street } = splitPath(ticket.areaPath);
    const office = street ? await findAreaUnit(tx, 'street_office', street) : null;
    if (office) return { unitId: office, level: 'street' };
    return requireDepartment(tx, ticket.categoryId);
  }
  if (level === 'street') return requireDepartment(tx, ticket.categoryId);
  return null;
}

/** A unit named by the dispatcher; unknown or inactive units are a 400 on `field`. */
export async function requireUnit(tx: Prisma.TransactionClient, unitId: string, field = 'unitId'): Promise<RouteDecision> {
  const unit = await findCachedUnit(tx, unitId);
  if (!unit || !unit.active) throw new AppError('validation_failed', `Unknown or inactive unit ${unitId}`, { field });
  return { unitId, level: levelOfUnitType(unit.type) };
}
