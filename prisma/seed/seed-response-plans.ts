/**
 * The default response plan (区突发事件总体应急预案) with a fixed id: a second run adds nothing and an
 * administrator's later versions are kept. For every incident type: levels I–II activate all three
 * tiers, III tiers 1–2, IV tier 1. Reports: initial within 30 min and follow-ups every 120 min on the
 * clock, the final within 1440 min of working time. Alert calls: 2 retries 120 s apart, 30 s ringing.
 * The API's validatePlanRules accepts these rules (checked by response-plans.test.ts).
 */
import type { PrismaClient } from '@yixian/db';
import { INCIDENT_TYPE_VALUES } from '@yixian/domain';

export const DEFAULT_RESPONSE_PLAN_ID = 'default-response-plan';

export function defaultResponsePlanRules() {
  const grades = [
    { levels: ['I', 'II'], tiers: [1, 2, 3] },
    { levels: ['III'], tiers: [1, 2] },
    { levels: ['IV'], tiers: [1] },
  ];
  return {
    reporting: { initialMinutes: 30, initialClock: 'clock', followUpMinutes: 120, followUpClock: 'clock', finalMinutes: 1440, finalClock: 'working' },
    retry: { attempts: 2, intervalSeconds: 120, ringSeconds: 30 },
    entries: INCIDENT_TYPE_VALUES.flatMap((type) => grades.map((grade) => ({
      type, levels: grade.levels, tiers: grade.tiers, unitIds: [],
      tasks: [{ title: '赶赴现场，核实并报告现场情况', tier: 1, dueMinutes: 60 }],
    }))),
  };
}

export async function seedResponsePlans(prisma: PrismaClient): Promise<void> {
  const existing = await prisma.responsePlan.findUnique({ where: { id: DEFAULT_RESPONSE_PLAN_ID } });
  if (existing) return;
  await prisma.responsePlan.create({
    data: {
      id: DEFAULT_RESPONSE_PLAN_ID, name: '区突发事件总体应急预案', nameEn: 'District general emergency plan', latestVersion: 1,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      versions: { create: { version: 1, rules: defaultResponsePlanRules(), note: '初始版本 / first version' } },
    },
  });
}
