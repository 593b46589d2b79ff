/**
 * Flags reports past their due time: for each open incident whose next report (初报 / 续报 / 终报) is
 * overdue on the app clock, one trail entry `report_overdue` per due time, an inbox entry to the
 * commanders and a live push. Idempotent: a second sweep (another worker, a retry) finds the entry.
 */
import type { PrismaClient } from '@yixian/db';
import { OPEN_INCIDENT_STATES } from '@yixian/domain';
import { notifyCommanders } from './notify-commanders.js';
import { recordIncidentEvent } from './record-incident-event.js';

const KIND_NAMES: Record<string, string> = { initial: '初报', follow_up: '续报', final: '终报' };

export async function sweepOverdueReports(prisma: PrismaClient, now: Date, limit = 200): Promise<string[]> {
  const due = await prisma.incident.findMany({
    where: { state: { in: [...OPEN_INCIDENT_STATES] }, nextReportDueAt: { lte: now }, nextReportKind: { not: null } },
    select: { id: true }, orderBy: { nextReportDueAt: 'asc' }, take: limit,
  });
  const flagged: string[] = [];
  for (const { id } of due) {
    const done = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM incident WHERE id = ${id} FOR UPDATE`;
      const incident = await tx.incident.findUnique({ where: { id } });
      if (!incident?.nextReportDueAt || !incident.nextReportKind || incident.nextReportDueAt.getTime() > now.getTime()) return false;
      const dueAt = incident.nextReportDueAt.toISOString();
      const seen = await tx.incidentEvent.findFirst({
        where: { incidentId: id, action: 'report_overdue', AND: [{ data: { path: ['dueAt'], equals: dueAt } }, { data: { path: ['kind'], equals: incident.nextReportKind } }] },
        select: { id: true },
      });
      if (seen) return false;
      await recordIncidentEvent(tx, {
        incidentId: id, action: 'report_overdue', fromState: incident.state, toState: incident.state, actorRole: 'system',
        data: { kind: incident.nextReportKind, dueAt }, at: now,
      });
      await notifyCommanders(tx, {
        kind: 'incident_report_overdue', dedupeKey: `incident-report-overdue-${id}-${incident.nextReportKind}-${incident.nextReportDueAt.getTime()}`,
        title: `突发事件 ${incident.code} ${KIND_NAMES[incident.nextReportKind] ?? ''}已超时`,
      });
      return true;
    });
    if (done) flagged.push(id);
  }
  return flagged;
}
