/**
 * The demo's emergency resources: what the tier-1 units keep ready — vehicles, people and
 * materials (the ice storm's industrial salt in tonnes). Fixed ids, so a second run adds nothing
 * and keeps a liaison's edits.
 */
import type { PrismaClient } from '@yixian/db';
import { departmentUnitId } from './seed-org.js';

interface SeedResource { unit: string; key: string; kind: 'vehicle' | 'person' | 'material'; name: string; measure: string; quantity: number; note?: string }

export const DEMO_RESOURCES: readonly SeedResource[] = [
  { unit: 'urban-management', key: 'salt-trucks', kind: 'vehicle', name: '融雪撒盐车', measure: 'vehicle', quantity: 12 },
  { unit: 'urban-management', key: 'sanitation-crew', kind: 'person', name: '环卫作业人员', measure: 'person', quantity: 300 },
  { unit: 'urban-management', key: 'industrial-salt', kind: 'material', name: '工业盐', measure: 'tonne', quantity: 600, note: '融雪除冰' },
  { unit: 'transport', key: 'repair-trucks', kind: 'vehicle', name: '道路抢险车', measure: 'vehicle', quantity: 20 },
  { unit: 'transport', key: 'repair-crew', kind: 'person', name: '道路抢险人员', measure: 'person', quantity: 150 },
  { unit: 'transport', key: 'industrial-salt', kind: 'material', name: '工业盐', measure: 'tonne', quantity: 300, note: '桥面、坡道除冰' },
  { unit: 'fire', key: 'engines', kind: 'vehicle', name: '消防车', measure: 'vehicle', quantity: 15 },
  { unit: 'fire', key: 'firefighters', kind: 'person', name: '消防指战员', measure: 'person', quantity: 120 },
  { unit: 'emergency', key: 'rescue-team', kind: 'person', name: '应急救援队员', measure: 'person', quantity: 80 },
  { unit: 'emergency', key: 'boats', kind: 'material', name: '冲锋舟', measure: 'piece', quantity: 10 },
  { unit: 'public-security', key: 'patrol-cars', kind: 'vehicle', name: '警车', measure: 'vehicle', quantity: 30 },
  { unit: 'public-security', key: 'officers', kind: 'person', name: '警力', measure: 'person', quantity: 400 },
  { unit: 'health', key: 'ambulances', kind: 'vehicle', name: '救护车', measure: 'vehicle', quantity: 12 },
  { unit: 'health', key: 'medics', kind: 'person', name: '医护人员', measure: 'person', quantity: 100 },
  { unit: 'power', key: 'repair-trucks', kind: 'vehicle', name: '电力抢修车', measure: 'vehicle', quantity: 10 },
  { unit: 'water', key: 'pump-trucks', kind: 'vehicle', name: '排涝泵车', measure: 'vehicle', quantity: 6 },
  { unit: 'water', key: 'sandbags', kind: 'material', name: '防汛沙袋', measure: 'piece', quantity: 20000 },
];

export async function seedResources(prisma: PrismaClient): Promise<void> {
  const units = new Set((await prisma.unit.findMany({ select: { id: true } })).map((unit) => unit.id));
  const rows = DEMO_RESOURCES.filter((seed) => units.has(departmentUnitId(seed.unit))).map((seed) => ({
    id: `resource-${seed.unit}-${seed.key}`, unitId: departmentUnitId(seed.unit), kind: seed.kind, name: seed.name,
    measure: seed.measure, quantity: seed.quantity, note: seed.note ?? '',
  }));
  await prisma.resource.createMany({ data: rows, skipDuplicates: true });
}
