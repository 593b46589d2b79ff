/**
 * Which plan applies to an incident: the first active plan (oldest) whose latest version has an
 * entry matching the incident's type (+ subtype, when the entry lists some) and level; all its
 * matching entries apply.
 */
import type { Prisma } from '@yixian/db';
import { matchingEntries, type PlanEntry, type PlanRules } from './plan-rules.js';

export interface ResolvedPlan { planId: string; name: string; version: number; rules: PlanRules; entries: PlanEntry[] }

export async function resolvePlan(
  tx: Prisma.TransactionClient, incident: { type: string; subtype: string; level: string },
): Promise<ResolvedPlan | null> {
  const plans = await tx.responsePlan.findMany({ where: { active: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  for (const plan of plans) {
    const version = await tx.responsePlanVersion.findUnique({ where: { planId_version: { planId: plan.id, version: plan.latestVersion } } });
    if (!version) continue;
    const rules = version.rules as unknown as PlanRules;
    const entries = matchingEntries(rules, incident);
    if (entries.length > 0) return { planId: plan.id, name: plan.name, version: version.version, rules, entries };
  }
  return null;
}

/** The rules of the version an incident was filed under (its reporting and retry rules), or null. */
export async function loadPlanRules(
  db: Pick<Prisma.TransactionClient, 'responsePlanVersion'>, planId: string | null, planVersion: number | null,
): Promise<PlanRules | null> {
  if (!planId || !planVersion) return null;
  const row = await db.responsePlanVersion.findUnique({ where: { planId_version: { planId, version: planVersion } } });
  return row ? (row.rules as unknown as PlanRules) : null;
}
