/**
 * Reading runs: the list, and one run as the ranked table per unit type with its red and black
 * lists (红黑榜) and every indicator's numerator, denominator, value and points.
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { ASSESSED_UNIT_TYPES } from './assessment-indicators.js';
import { pickRedBlackLists } from './rank-scores.js';
import type { SchemeRules } from './scheme-rules.js';
import type { IndicatorScore } from './score-unit.js';

function presentRunHeader(run: {
  id: string; schemeId: string; periodKind: string; periodYear: number; periodNumber: number | null; periodFrom: Date; periodTo: Date;
  status: string; computedAt: Date; publishedAt: Date | null; createdAt: Date;
  scheme: { name: string; nameEn: string }; schemeVersion: { id: string; version: number };
}) {
  return {
    id: run.id, schemeId: run.schemeId, schemeName: run.scheme.name, schemeNameEn: run.scheme.nameEn,
    schemeVersionId: run.schemeVersion.id, schemeVersion: run.schemeVersion.version,
    period: { kind: run.periodKind, year: run.periodYear, number: run.periodNumber, from: run.periodFrom.toISOString(), to: run.periodTo.toISOString() },
    status: run.status, computedAt: run.computedAt.toISOString(), publishedAt: run.publishedAt?.toISOString() ?? null,
    createdAt: run.createdAt.toISOString(),
  };
}

/** Stored breakdowns; runs made before `noData` was stored mark a rate without a value. */
function presentIndicatorScores(stored: unknown): IndicatorScore[] {
  return (stored as (Omit<IndicatorScore, 'noData'> & { noData?: boolean })[])
    .map((item) => ({ ...item, noData: item.noData ?? item.value === null }));
}

const headerInclude = { scheme: { select: { name: true, nameEn: true } }, schemeVersion: { select: { id: true, version: true, rules: true } } };

export async function listRuns(prisma: PrismaClient, page: { page: number; pageSize: number }) {
  const [total, rows] = await Promise.all([
    prisma.assessmentRun.count(),
    prisma.assessmentRun.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (page.page - 1) * page.pageSize, take: page.pageSize, include: headerInclude,
    }),
  ]);
  return { total, page: page.page, pageSize: page.pageSize, items: rows.map(presentRunHeader) };
}

export type RunDetail = Awaited<ReturnType<typeof readRun>>;

/** One run, ranked per unit type, best first; units without data (no rank) last. */
export async function readRun(prisma: PrismaClient, runId: string) {
  const run = await prisma.assessmentRun.findUnique({ where: { id: runId }, include: headerInclude });
  if (!run) throw new AppError('not_found', `No assessment run ${runId}`, { field: 'id' });
  const scores = await prisma.assessmentScore.findMany({ where: { runId }, orderBy: [{ unitType: 'asc' }, { rank: 'asc' }] });
  const units = await prisma.unit.findMany({ where: { id: { in: scores.map((s) => s.unitId) } }, select: { id: true, code: true, name: true, nameEn: true } });
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const rules = run.schemeVersion.rules as SchemeRules;
  const groups = ASSESSED_UNIT_TYPES.filter((type) => rules[type]).map((unitType) => {
    const ranked = scores
      .filter((s) => s.unitType === unitType)
      .map((s) => {
        const unit = unitById.get(s.unitId);
        return {
          unitId: s.unitId, unitCode: unit?.code ?? s.unitId, unitName: unit?.name ?? s.unitId, unitNameEn: unit?.nameEn ?? s.unitId,
          score: s.score, rank: s.rank, indicators: presentIndicatorScores(s.indicators),
        };
      })
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unitCode.localeCompare(b.unitCode));
    const { red, black } = pickRedBlackLists(ranked);
    return {
      unitType,
      indicators: (rules[unitType] ?? []).map((item) => ({ indicator: item.indicator, weight: item.weight, rule: { ...item.rule } as Record<string, unknown> })),
      units: ranked,
      red: red.map((row) => row.unitId),
      black: black.map((row) => row.unitId),
    };
  });
  return { ...presentRunHeader(run), groups };
}
