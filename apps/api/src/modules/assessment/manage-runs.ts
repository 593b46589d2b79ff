/**
 * Assessment runs: create (the one click), recompute a draft, publish, delete a draft. A run keeps
 * the scheme version it used; publishing makes it final, which the database enforces as well
 * (triggers refuse any change to a published run or its scores).
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { formatPeriodLabel, resolvePeriod, type PeriodInput } from './assessment-period.js';
import { computeRunScores, resolveAsOf } from './compute-run-scores.js';
import { writeRunScores } from './run-scores-store.js';
import { validateSchemeRules } from './scheme-rules.js';

export const RUN_STATUSES = { draft: 'draft', published: 'published' } as const;

export interface CreateRunInput { schemeId: string; schemeVersion?: number; period: PeriodInput }

/** What a run act answers and the audit row names: the run, its scheme version and period label. */
export interface RunSummary { runId: string; schemeId: string; schemeVersion: number; period: string }

const summarise = (
  run: { id: string; schemeId: string; periodKind: string; periodYear: number; periodNumber: number | null }, schemeVersion: number,
): RunSummary => ({ runId: run.id, schemeId: run.schemeId, schemeVersion, period: formatPeriodLabel(run.periodKind, run.periodYear, run.periodNumber) });

async function findVersion(prisma: PrismaClient, schemeId: string, version?: number) {
  const scheme = await prisma.assessmentScheme.findUnique({ where: { id: schemeId } });
  if (!scheme) throw new AppError('not_found', `No assessment scheme ${schemeId}`, { field: 'schemeId' });
  const wanted = version ?? scheme.latestVersion;
  const row = await prisma.assessmentSchemeVersion.findUnique({ where: { schemeId_version: { schemeId, version: wanted } } });
  if (!row) throw new AppError('not_found', `Scheme ${schemeId} has no version ${wanted}`, { field: 'schemeVersion' });
  return row;
}

/** The one click: scores every unit for the period and stores a draft run. */
export async function createRun(prisma: PrismaClient, input: CreateRunInput, actorId: string, now: Date): Promise<RunSummary> {
  const period = resolvePeriod(input.period);
  const version = await findVersion(prisma, input.schemeId, input.schemeVersion);
  // Stored rules were checked when written; checking again guards against hand-edited rows.
  const rules = validateSchemeRules(version.rules);
  const rows = await computeRunScores(prisma, { rules, from: period.from, to: period.to, asOf: resolveAsOf(now, period.to) });
  return prisma.$transaction(async (tx) => {
    const run = await tx.assessmentRun.create({
      data: {
        schemeId: input.schemeId, schemeVersionId: version.id, periodKind: period.kind, periodYear: period.year,
        periodNumber: period.number, periodFrom: period.from, periodTo: period.to, status: RUN_STATUSES.draft,
        computedAt: now, createdById: actorId, createdAt: now,
      },
    });
    await writeRunScores(tx, run.id, rows);
    return summarise(run, version.version);
  });
}

async function requireDraft(prisma: PrismaClient, runId: string, verb: string) {
  const run = await prisma.assessmentRun.findUnique({ where: { id: runId }, include: { schemeVersion: true } });
  if (!run) throw new AppError('not_found', `No assessment run ${runId}`, { field: 'id' });
  if (run.status === RUN_STATUSES.published) {
    throw new AppError('conflict', `Run ${runId} is published and final: it cannot be ${verb}`, { field: 'id', details: { status: run.status } });
  }
  return run;
}

/** Recomputes a draft with its own period and scheme version (e.g. after late trail entries). */
export async function recomputeRun(prisma: PrismaClient, runId: string, now: Date): Promise<RunSummary> {
  const run = await requireDraft(prisma, runId, 'recomputed');
  const rules = validateSchemeRules(run.schemeVersion.rules);
  const rows = await computeRunScores(prisma, { rules, from: run.periodFrom, to: run.periodTo, asOf: resolveAsOf(now, run.periodTo) });
  await prisma.$transaction(async (tx) => {
    // Only a draft is touched: a publish in between makes this update match nothing.
    const updated = await tx.assessmentRun.updateMany({ where: { id: runId, status: RUN_STATUSES.draft }, data: { computedAt: now } });
    if (updated.count === 0) throw new AppError('conflict', `Run ${runId} was published meanwhile`, { field: 'id' });
    await writeRunScores(tx, runId, rows);
  });
  return summarise(run, run.schemeVersion.version);
}

/** Publishes a draft: from now on neither the run nor its scores can change. */
export async function publishRun(prisma: PrismaClient, runId: string, actorId: string, now: Date): Promise<RunSummary> {
  const run = await requireDraft(prisma, runId, 'published again');
  const updated = await prisma.assessmentRun.updateMany({
    where: { id: runId, status: RUN_STATUSES.draft },
    data: { status: RUN_STATUSES.published, publishedAt: now, publishedById: actorId },
  });
  if (updated.count === 0) throw new AppError('conflict', `Run ${runId} was published meanwhile`, { field: 'id' });
  return summarise(run, run.schemeVersion.version);
}

/** Deletes a draft and its scores. */
export async function deleteRun(prisma: PrismaClient, runId: string): Promise<RunSummary> {
  const run = await requireDraft(prisma, runId, 'deleted');
  await prisma.$transaction(async (tx) => {
    await tx.assessmentScore.deleteMany({ where: { runId } });
    const deleted = await tx.assessmentRun.deleteMany({ where: { id: runId, status: RUN_STATUSES.draft } });
    if (deleted.count === 0) throw new AppError('conflict', `Run ${runId} was published meanwhile`, { field: 'id' });
  });
  return summarise(run, run.schemeVersion.version);
}
