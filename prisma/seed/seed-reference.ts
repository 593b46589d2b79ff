/** Hotlines, the catalogue and the working calendar. */
import type { PrismaClient } from '@yixian/db';
import { CN_2026_HOLIDAYS } from '@yixian/domain';
import { HOTLINES } from './data/hotlines.js';
import { CATEGORY_GROUPS } from './data/categories.js';
import { departmentUnitId } from './seed-org.js';

export async function seedHotlines(prisma: PrismaClient): Promise<void> {
  await prisma.hotline.createMany({
    data: HOTLINES.map((h) => ({ id: `hl-${h.number}`, number: h.number, name: h.name, nameEn: h.nameEn, isPolice: h.isPolice ?? false, priority: h.priority ?? 0, hours: h.hours ?? 'office' })),
    skipDuplicates: true,
  });
}

export async function seedCatalogue(prisma: PrismaClient): Promise<void> {
  const rows = [];
  for (const group of CATEGORY_GROUPS) {
    rows.push({
      id: group.code, code: group.code, name: group.name, nameEn: group.nameEn, parentId: null,
      defaultKind: group.leaves[0]!.kind, level: 'district', isPolice: false, defaultUnitId: null,
    });
    for (const leaf of group.leaves) {
      rows.push({
        id: leaf.code, code: leaf.code, name: leaf.name, nameEn: leaf.nameEn, parentId: group.code,
        defaultKind: leaf.kind, isPolice: leaf.police ?? false, level: leaf.level,
        defaultUnitId: departmentUnitId(leaf.unit), handleLimitDays: leaf.days ?? null,
        requiredFields: (leaf.fields ?? []) as object[], keywords: leaf.keywords ?? [], verifyOnSite: leaf.verify ?? false,
      });
    }
  }
  await prisma.category.createMany({ data: rows, skipDuplicates: true });
}

const HOLIDAY_NAMES: [string, string][] = [
  ['2026-01', '元旦'], ['2026-02', '春节'], ['2026-04', '清明节'], ['2026-05', '劳动节'],
  ['2026-06', '端午节'], ['2026-09', '中秋节'], ['2026-10', '国庆节'],
];

function holidayName(day: string): string {
  return HOLIDAY_NAMES.find(([month]) => day.startsWith(month))?.[1] ?? '节假日';
}

export async function seedCalendar(prisma: PrismaClient): Promise<void> {
  const rows = [
    ...CN_2026_HOLIDAYS.holidays.map((day) => ({ date: new Date(`${day}T00:00:00Z`), kind: 'holiday', name: holidayName(day) })),
    ...CN_2026_HOLIDAYS.workdays.map((day) => ({ date: new Date(`${day}T00:00:00Z`), kind: 'workday', name: `${holidayName(day)}调休` })),
  ];
  await prisma.workCalendar.createMany({ data: rows, skipDuplicates: true });
}
