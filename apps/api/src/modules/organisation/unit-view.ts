/**
 * One unit as administrators see it (list rows, audit before/after, a stale edit's `current`):
 * its fields, the level derived from its type, and the categories it handles (the categories
 * whose default unit it is — `Category.defaultUnitId` stays the one place routing reads).
 */
import type { Prisma } from '@yixian/db';
import { levelOfUnitType } from '../routing/route-ticket.js';

export interface UnitView {
  [key: string]: unknown;
  id: string;
  code: string;
  name: string;
  nameEn: string;
  type: string;
  level: string;
  parentId: string | null;
  linkageTier: number | null;
  dutyPhone: string | null;
  areaId: string;
  active: boolean;
  version: number;
  categoryIds: string[];
}

const UNIT_FIELDS = {
  id: true, code: true, name: true, nameEn: true, type: true, parentId: true, linkageTier: true, dutyPhone: true,
  areaId: true, active: true, version: true, categories: { select: { id: true }, orderBy: { code: 'asc' } },
} as const satisfies Prisma.UnitSelect;

type UnitRow = Prisma.UnitGetPayload<{ select: typeof UNIT_FIELDS }>;

function toView(row: UnitRow): UnitView {
  const { categories, ...fields } = row;
  return { ...fields, level: levelOfUnitType(row.type), categoryIds: categories.map((category) => category.id) };
}

/** The unit's view, or null when no unit has that id. */
export async function findUnitView(tx: Prisma.TransactionClient, id: string): Promise<UnitView | null> {
  const row = await tx.unit.findUnique({ where: { id }, select: UNIT_FIELDS });
  return row ? toView(row) : null;
}

/** Every unit, inactive ones too, with the names a person reads (parent, area, categories). */
export async function listUnitViews(db: Prisma.TransactionClient) {
  const rows = await db.unit.findMany({
    orderBy: [{ type: 'asc' }, { code: 'asc' }],
    select: {
      ...UNIT_FIELDS,
      parent: { select: { name: true, nameEn: true } },
      area: { select: { name: true, nameEn: true } },
      categories: { select: { id: true, name: true, nameEn: true }, orderBy: { code: 'asc' } },
    },
  });
  return rows.map(({ parent, area, categories, ...row }) => ({
    ...toView({ ...row, categories }),
    parentName: parent?.name ?? null, parentNameEn: parent?.nameEn ?? null,
    areaName: area.name, areaNameEn: area.nameEn,
    categories,
  }));
}
