/**
 * Assessment schemes are data an administrator edits. A scheme's rules live in numbered versions;
 * editing adds a version (the database refuses to change one), so a run can always name the exact
 * rules it used.
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { validateSchemeRules } from './scheme-rules.js';

export interface SchemeInput { name: string; nameEn?: string; description?: string; rules: unknown; note?: string }
export interface SchemeEdit { name?: string; nameEn?: string; description?: string; rules: unknown; note?: string }

/** The stored rules as the API shows them (they were validated when written). */
export type RulesView = Record<string, { indicator: string; weight: number; rule: Record<string, unknown> }[]>;

const schemeInclude = { versions: { orderBy: { version: 'desc' as const } } };
type SchemeRow = Awaited<ReturnType<typeof findSchemeRow>>;

async function findSchemeRow(prisma: PrismaClient, id: string) {
  return prisma.assessmentScheme.findUnique({ where: { id }, include: schemeInclude });
}

export function presentScheme(row: NonNullable<SchemeRow>) {
  return {
    id: row.id, name: row.name, nameEn: row.nameEn, description: row.description, latestVersion: row.latestVersion,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    versions: row.versions.map((v) => ({
      id: v.id, version: v.version, note: v.note, createdAt: v.createdAt.toISOString(), rules: v.rules as unknown as RulesView,
    })),
  };
}

/** A new scheme with its first version; the rules are checked before anything is written. */
export async function createScheme(prisma: PrismaClient, input: SchemeInput, actorId: string, now: Date) {
  const rules = validateSchemeRules(input.rules);
  const row = await prisma.assessmentScheme.create({
    data: {
      name: input.name, nameEn: input.nameEn ?? '', description: input.description ?? '', latestVersion: 1, createdById: actorId,
      createdAt: now,
      versions: { create: { version: 1, rules: rules as object, note: input.note ?? '', createdById: actorId, createdAt: now } },
    },
    include: schemeInclude,
  });
  return presentScheme(row);
}

/** Edits a scheme: a new version with the given rules; the old versions and runs stay as they were. */
export async function editScheme(prisma: PrismaClient, id: string, edit: SchemeEdit, actorId: string, now: Date) {
  const rules = validateSchemeRules(edit.rules);
  const row = await prisma.$transaction(async (tx) => {
    // Lock the scheme row so two edits at once get consecutive versions.
    const locked = await tx.$queryRaw<{ latestVersion: number }[]>`SELECT "latestVersion" FROM "assessment_scheme" WHERE "id" = ${id} FOR UPDATE`;
    const current = locked[0];
    if (!current) throw new AppError('not_found', `No assessment scheme ${id}`, { field: 'id' });
    const version = current.latestVersion + 1;
    await tx.assessmentSchemeVersion.create({
      data: { schemeId: id, version, rules: rules as object, note: edit.note ?? '', createdById: actorId, createdAt: now },
    });
    return tx.assessmentScheme.update({
      where: { id },
      data: {
        latestVersion: version,
        ...(edit.name !== undefined ? { name: edit.name } : {}),
        ...(edit.nameEn !== undefined ? { nameEn: edit.nameEn } : {}),
        ...(edit.description !== undefined ? { description: edit.description } : {}),
      },
      include: schemeInclude,
    });
  });
  return presentScheme(row);
}

export async function getScheme(prisma: PrismaClient, id: string) {
  const row = await findSchemeRow(prisma, id);
  if (!row) throw new AppError('not_found', `No assessment scheme ${id}`, { field: 'id' });
  return presentScheme(row);
}

export async function listSchemes(prisma: PrismaClient) {
  const rows = await prisma.assessmentScheme.findMany({ orderBy: { createdAt: 'asc' }, include: schemeInclude });
  return rows.map(presentScheme);
}
