/**
 * The rules a unit must keep, checked before anything is written; each failure is a 400 naming
 * the field and, in `details.reason`, what is wrong: an unknown type, tier, area, parent or
 * category, a parent that would make a cycle or sits below the unit, a code another unit has,
 * a duty phone that is not a phone number, an area of the wrong level for the unit's type.
 */
import type { Prisma } from '@yixian/db';
import { isLinkageTier, isPhoneNumber, isUnitType, UNIT_TYPE_VALUES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { levelOfUnitType } from '../routing/route-ticket.js';

export interface UnitInput {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  parentId: string | null;
  linkageTier: number | null;
  dutyPhone: string | null;
  areaId: string;
  categoryIds?: string[];
}

const LEVEL_RANK: Record<string, number> = { grid: 0, street: 1, district: 2 };
/** The area level a unit of each type must sit in; departments and the police desk may sit anywhere. */
const AREA_LEVEL_OF_TYPE: Record<string, string | undefined> = { grid_team: 'grid', street_office: 'street' };
/** Deep enough for any real tree; a longer walk means the data already holds a cycle. */
const MAX_UNIT_DEPTH = 50;

function invalid(field: string, reason: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', message, { field, details: { reason, ...details } });
}

/** Trims the text fields and turns an empty duty phone into none. */
export function normaliseUnitInput<T extends UnitInput>(input: T): T {
  const dutyPhone = input.dutyPhone?.trim() || null;
  return { ...input, code: input.code.trim(), name: input.name.trim(), nameEn: input.nameEn.trim(), dutyPhone };
}

async function checkParent(tx: Prisma.TransactionClient, input: UnitInput, unitId: string | null): Promise<void> {
  if (input.parentId === null) return;
  if (input.parentId === unitId) throw invalid('parentId', 'cycle', 'A unit cannot be its own parent unit');
  const parent = await tx.unit.findUnique({ where: { id: input.parentId }, select: { id: true, type: true, name: true, parentId: true } });
  if (!parent) throw invalid('parentId', 'unknown_parent', `Unknown parent unit ${input.parentId}`);
  if (LEVEL_RANK[levelOfUnitType(parent.type)]! < LEVEL_RANK[levelOfUnitType(input.type)]!) {
    throw invalid('parentId', 'parent_level', `The parent unit ${parent.name} sits at a lower level than a ${input.type}`);
  }
  const chain = [parent.name];
  let next = parent.parentId;
  for (let depth = 0; next !== null && depth < MAX_UNIT_DEPTH; depth++) {
    if (next === unitId) throw invalid('parentId', 'cycle', `The parent unit ${parent.name} is below this unit: ${chain.join(' → ')} → this unit`, { chain });
    const up = await tx.unit.findUnique({ where: { id: next }, select: { name: true, parentId: true } });
    if (!up) break;
    chain.push(up.name);
    next = up.parentId;
  }
}

/** Throws the first broken rule; `unitId` is null for a new unit. */
export async function validateUnit(tx: Prisma.TransactionClient, input: UnitInput, unitId: string | null): Promise<void> {
  if (!input.code) throw invalid('code', 'required', 'code is empty');
  if (!input.name) throw invalid('name', 'required', 'name is empty');
  if (!isUnitType(input.type)) throw invalid('type', 'unknown_type', `type must be one of ${UNIT_TYPE_VALUES.join(', ')}`);
  if (input.linkageTier !== null && !isLinkageTier(input.linkageTier)) {
    throw invalid('linkageTier', 'tier_out_of_range', 'linkageTier must be 1, 2 or 3, or null for a unit outside the linkage plan');
  }
  if (input.dutyPhone !== null && !isPhoneNumber(input.dutyPhone)) throw invalid('dutyPhone', 'bad_phone', 'dutyPhone is not a phone number');
  const taken = await tx.unit.findUnique({ where: { code: input.code }, select: { id: true, name: true } });
  if (taken && taken.id !== unitId) throw invalid('code', 'code_taken', `The code ${input.code} belongs to ${taken.name}`, { unitId: taken.id });
  const area = await tx.area.findUnique({ where: { id: input.areaId }, select: { level: true, name: true } });
  if (!area) throw invalid('areaId', 'unknown_area', `Unknown area ${input.areaId}`);
  const wanted = AREA_LEVEL_OF_TYPE[input.type];
  if (wanted && area.level !== wanted) throw invalid('areaId', 'area_level', `A ${input.type} sits in a ${wanted}; ${area.name} is a ${area.level}`);
  await checkParent(tx, input, unitId);
  if (input.categoryIds?.length) {
    const found = await tx.category.findMany({ where: { id: { in: input.categoryIds } }, select: { id: true } });
    const missing = input.categoryIds.filter((id) => !found.some((category) => category.id === id));
    if (missing.length > 0) throw invalid('categoryIds', 'unknown_category', `Unknown categories: ${missing.join(', ')}`, { missing });
  }
}
