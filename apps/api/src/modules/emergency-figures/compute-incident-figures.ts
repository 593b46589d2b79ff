/**
 * The district's incident figures for [from, to):
 * - received: incidents reported in the period; filed / dismissed / handled / closed: the acts done
 *   in it (filedAt, dismissedAt, handledAt, closedAt in the period);
 * - handling rate: of the incidents filed in the period, those handled before its end (closed ones
 *   were handled first, so handled + closed) ÷ filed;
 * - time to first report (初报): of the incidents filed in the period, the minutes from filing to the
 *   initial report (median), and the share on time: initial reports not late ÷ the initial reports
 *   owed (made, or due before `now` and still missing).
 * With `unitIds` (a unit's own part) only incidents the unit reported or was activated on count.
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import { median, share } from './emergency-indicators.js';

const MINUTE_MS = 60_000;

export interface IncidentFigureQuery { from: Date; to: Date; now: Date; unitIds: string[] | null }

function unitWhere(unitIds: string[] | null): Prisma.IncidentWhereInput {
  if (!unitIds) return {};
  return { OR: [{ reportingUnitId: { in: unitIds } }, { activations: { some: { unitId: { in: unitIds } } } }] };
}

export async function computeIncidentFigures(prisma: PrismaClient, query: IncidentFigureQuery) {
  const { from, to } = query;
  const period = { gte: from, lt: to };
  const scope = unitWhere(query.unitIds);
  const count = (where: Prisma.IncidentWhereInput) => prisma.incident.count({ where: { AND: [scope, where] } });
  const [received, filed, dismissed, handled, closed, filedIncidents] = await Promise.all([
    count({ reportedAt: period }),
    count({ filedAt: period }),
    count({ dismissedAt: period }),
    count({ handledAt: period }),
    count({ closedAt: period }),
    prisma.incident.findMany({
      where: { AND: [scope, { filedAt: period }] },
      select: {
        id: true, filedAt: true, handledAt: true, nextReportKind: true, nextReportDueAt: true,
        reports: { where: { kind: 'initial' }, select: { at: true, late: true }, take: 1, orderBy: { at: 'asc' } },
      },
    }),
  ]);
  const handledOfFiled = filedIncidents.filter((incident) => incident.handledAt && incident.handledAt < to).length;
  const minutes: number[] = [];
  let onTime = 0;
  let owed = 0;
  for (const incident of filedIncidents) {
    const initial = incident.reports[0];
    if (initial) {
      owed += 1;
      if (!initial.late) onTime += 1;
      minutes.push(Math.max(0, (initial.at.getTime() - incident.filedAt!.getTime()) / MINUTE_MS));
    } else if (incident.nextReportKind === 'initial' && incident.nextReportDueAt && incident.nextReportDueAt < query.now) {
      owed += 1;
    }
  }
  return {
    received, filed, dismissed, handled, closed,
    handledOfFiled,
    handlingRate: share(handledOfFiled, filed),
    firstReport: { reported: minutes.length, owed, onTime, onTimeRate: share(onTime, owed), medianMinutes: median(minutes) },
  };
}
