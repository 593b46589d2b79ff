/**
 * The tickets behind one indicator of one unit in a run. The ids come from the statistics module's
 * `listIndicatorTickets` for the run's period and `asOf`, so counting them gives the figure again;
 * `matchesRun` says whether they still give the stored one (a trail entry written later for the
 * period would change it: recompute the draft, or read it as a correction after publication).
 * Rows carry the category's and the lead unit's names, never only their ids. An emergency indicator
 * lists its records instead (activations, tasks or warning recipients, by incident or warning code).
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { ticketScopeWhere } from '../tickets/ticket-scope.js';
import { computeIndicatorValue, listIndicatorTickets } from '../statistics/ticket-figures.js';
import { isEmergencyIndicator } from '../emergency-figures/emergency-indicators.js';
import { listEmergencyRecords } from '../emergency-figures/list-emergency-records.js';
import { ASSESSMENT_INDICATORS, isAssessmentIndicator } from './assessment-indicators.js';
import { resolveAsOf } from './compute-run-scores.js';
import type { IndicatorScore } from './score-unit.js';

export interface DrillDownQuery { runId: string; unitId: string; indicator: string; page: number; pageSize: number }

export async function drillDownIndicator(prisma: PrismaClient, actor: Actor, query: DrillDownQuery) {
  const { runId, unitId, indicator } = query;
  if (!isAssessmentIndicator(indicator)) {
    throw new AppError('validation_failed', `Unknown indicator '${indicator}'; expected one of ${ASSESSMENT_INDICATORS.join(', ')}`, { field: 'indicator' });
  }
  const run = await prisma.assessmentRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError('not_found', `No assessment run ${runId}`, { field: 'id' });
  if (!actor.scope.all && !actor.scope.unitIds.includes(unitId)) {
    throw new AppError('not_found', `Unit ${unitId} is not in this run or not in your scope`, { field: 'unitId' });
  }
  const score = await prisma.assessmentScore.findUnique({ where: { runId_unitId: { runId, unitId } } });
  if (!score) throw new AppError('not_found', `Unit ${unitId} is not in this run or not in your scope`, { field: 'unitId' });
  const stored = (score.indicators as unknown as IndicatorScore[]).find((item) => item.indicator === indicator);
  if (!stored) throw new AppError('not_found', `The run's scheme does not assess ${indicator} for this unit type`, { field: 'indicator' });

  const storedView = { numerator: stored.numerator, denominator: stored.denominator, value: stored.value, points: stored.points };
  if (isEmergencyIndicator(indicator)) {
    const found = await listEmergencyRecords(prisma, { from: run.periodFrom, to: run.periodTo, unitId, indicator, page: query.page, pageSize: query.pageSize });
    return {
      runId, unitId, indicator, stored: storedView, current: found.current,
      matchesRun: found.current.numerator === stored.numerator && found.current.denominator === stored.denominator,
      numeratorIds: found.numeratorIds, denominatorIds: found.denominatorIds,
      page: query.page, pageSize: query.pageSize, total: found.total, hiddenOnPage: 0, tickets: [], records: found.records,
    };
  }
  const ids = await listIndicatorTickets(prisma, {
    from: run.periodFrom, to: run.periodTo, unitId, indicator, now: resolveAsOf(run.computedAt, run.periodTo),
  });
  const current = computeIndicatorValue(indicator, ids.numeratorIds.length, ids.denominatorIds.length);
  const numerator = new Set(ids.numeratorIds);
  const denominator = new Set(ids.denominatorIds);
  const listed = [...new Set([...ids.denominatorIds, ...ids.numeratorIds])].sort();
  const pageIds = listed.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const visible = await prisma.ticket.findMany({
    where: { AND: [{ id: { in: pageIds } }, ticketScopeWhere(actor)] },
    select: {
      id: true, code: true, title: true, confidential: true, state: true, kind: true, channel: true, categoryId: true,
      createdAt: true, dispatchedAt: true, signedAt: true, handleDueAt: true, repliedAt: true, extensionCount: true, verdict: true,
      category: { select: { name: true, nameEn: true } }, leadUnit: { select: { name: true, nameEn: true } },
    },
  });
  const byId = new Map(visible.map((ticket) => [ticket.id, ticket]));
  const tickets = pageIds.flatMap((id) => {
    const t = byId.get(id);
    if (!t) return [];
    return [{
      id: t.id, code: t.code, title: t.confidential ? null : t.title, confidential: t.confidential, state: t.state, kind: t.kind,
      channel: t.channel, categoryId: t.categoryId, categoryName: t.category.name, categoryNameEn: t.category.nameEn,
      unitName: t.leadUnit?.name ?? null, unitNameEn: t.leadUnit?.nameEn ?? null, createdAt: t.createdAt.toISOString(), dispatchedAt: t.dispatchedAt?.toISOString() ?? null,
      signedAt: t.signedAt?.toISOString() ?? null, handleDueAt: t.handleDueAt?.toISOString() ?? null, repliedAt: t.repliedAt?.toISOString() ?? null,
      extensionCount: t.extensionCount, verdict: t.verdict, inNumerator: numerator.has(t.id), inDenominator: denominator.has(t.id),
    }];
  });
  return {
    runId, unitId, indicator,
    stored: storedView,
    current,
    matchesRun: current.numerator === stored.numerator && current.denominator === stored.denominator,
    numeratorIds: ids.numeratorIds,
    denominatorIds: ids.denominatorIds,
    page: query.page, pageSize: query.pageSize, total: listed.length,
    hiddenOnPage: pageIds.length - tickets.length,
    tickets,
  };
}
