/**
 * Response plans are data an administrator edits, as assessment schemes are: the rules live in
 * numbered, immutable versions; an edit adds a version, so an incident can always name the exact
 * rules it was filed under (`planId`, `planVersion`).
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { namedUnitIds, validatePlanRules, type PlanRules } from './plan-rules.js';

export interface PlanInput { name: string; nameEn?: string; rules: unknown; note?: string }
export interface PlanEdit { rules: unknown; note?: string; latestVersion: number }

type Db = PrismaClient | Prisma.TransactionClient;

/** Validates the rules and that every unit they name exists (naming the path of the first that does not). */
async function checkRules(db: Db, raw: unknown): Promise<PlanRules> {
  const rules = validatePlanRules(raw);
  const named = namedUnitIds(rules);
  if (named.length === 0) return rules;
  const found = new Set((await db.unit.findMany({ where: { id: { in: [...new Set(named.map((n) => n.id))] } }, select: { id: true } })).map((u) => u.id));
  const missing = named.find((n) => !found.has(n.id));
  if (missing) throw new AppError('validation_failed', `${missing.path}: no unit ${missing.id}`, { field: missing.path });
  return rules;
}

const versionsInclude = { versions: { orderBy: { version: 'desc' as const }, select: { version: true, note: true, createdAt: true, createdById: true, rules: true } } };

async function present(db: Db, id: string, version?: number) {
  const plan = await db.responsePlan.findUnique({ where: { id }, include: versionsInclude });
  if (!plan) throw new AppError('not_found', `No response plan ${id}`, { field: 'id' });
  const wanted = version ?? plan.latestVersion;
  const chosen = plan.versions.find((v) => v.version === wanted);
  if (!chosen) throw new AppError('not_found', `Response plan ${id} has no version ${wanted}`, { field: 'version' });
  const authorIds = [...new Set(plan.versions.map((v) => v.createdById).filter((x): x is string => Boolean(x)))];
  const authors = new Map((await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  return {
    id: plan.id, name: plan.name, nameEn: plan.nameEn, active: plan.active, latestVersion: plan.latestVersion,
    updatedAt: plan.updatedAt.toISOString(), version: chosen.version,
    versions: plan.versions.map((v) => ({
      version: v.version, note: v.note, createdAt: v.createdAt.toISOString(),
      createdBy: v.createdById ? { id: v.createdById, name: authors.get(v.createdById) ?? '' } : null,
    })),
    rules: chosen.rules as unknown as Record<string, unknown>,
  };
}
export type PlanView = Awaited<ReturnType<typeof present>>;

export async function listPlans(prisma: PrismaClient) {
  const plans = await prisma.responsePlan.findMany({ orderBy: { createdAt: 'asc' } });
  return {
    items: plans.map((p) => ({ id: p.id, name: p.name, nameEn: p.nameEn, active: p.active, latestVersion: p.latestVersion, updatedAt: p.updatedAt.toISOString() })),
  };
}

export async function getPlan(prisma: PrismaClient, id: string, version?: number): Promise<PlanView> {
  return present(prisma, id, version);
}

/** A new plan with its version 1; the rules are checked before anything is written. */
export async function createPlan(prisma: PrismaClient, input: PlanInput, actorId: string, now: Date): Promise<PlanView> {
  const rules = await checkRules(prisma, input.rules);
  const plan = await prisma.responsePlan.create({
    data: {
      name: input.name.trim(), nameEn: input.nameEn?.trim() ?? '', latestVersion: 1, createdById: actorId, createdAt: now,
      versions: { create: { version: 1, rules: rules as unknown as Prisma.InputJsonValue, note: input.note ?? '', createdById: actorId, createdAt: now } },
    },
  });
  return present(prisma, plan.id);
}

/** Edits a plan: a new version with the given rules, refused (409 stale) when `latestVersion` is not the plan's. */
export async function editPlan(prisma: PrismaClient, id: string, edit: PlanEdit, actorId: string, now: Date): Promise<PlanView> {
  const rules = await checkRules(prisma, edit.rules);
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ latestVersion: number }[]>`SELECT "latestVersion" FROM "response_plan" WHERE "id" = ${id} FOR UPDATE`;
    const current = locked[0];
    if (!current) throw new AppError('not_found', `No response plan ${id}`, { field: 'id' });
    if (current.latestVersion !== edit.latestVersion) {
      throw new AppError('conflict', `Response plan ${id} is at version ${current.latestVersion}, not ${edit.latestVersion}`, {
        field: 'latestVersion', details: { reason: 'stale', latestVersion: current.latestVersion },
      });
    }
    const version = current.latestVersion + 1;
    await tx.responsePlanVersion.create({
      data: { planId: id, version, rules: rules as unknown as Prisma.InputJsonValue, note: edit.note ?? '', createdById: actorId, createdAt: now },
    });
    await tx.responsePlan.update({ where: { id }, data: { latestVersion: version } });
    return present(tx, id);
  });
}

/** Turns a plan on or off; an inactive plan is never applied to a new filing. */
export async function setPlanActive(prisma: PrismaClient, id: string, active: boolean): Promise<PlanView> {
  const { count } = await prisma.responsePlan.updateMany({ where: { id }, data: { active } });
  if (count === 0) throw new AppError('not_found', `No response plan ${id}`, { field: 'id' });
  return present(prisma, id);
}
