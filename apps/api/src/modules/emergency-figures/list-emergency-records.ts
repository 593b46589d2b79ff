/**
 * The records behind one emergency indicator of one unit (the assessment's drill-down): the ids of
 * both sets, the figure they give again, and one page of the records by name — the incident (or
 * warning) code and title, when it started, when it was acknowledged or done.
 */
import type { PrismaClient } from '@yixian/db';
import { collectUnitEmergencySets } from './collect-unit-emergency-sets.js';
import { computeEmergencyValue, EMERGENCY_INDICATOR_RECORDS, type EmergencyIndicator } from './emergency-indicators.js';

export interface EmergencyRecord {
  id: string;
  kind: 'activation' | 'task' | 'warning_recipient';
  code: string;
  title: string;
  /** When it started: the activation, the task's due time, the warning's publication. */
  at: string;
  /** When it was acknowledged or done; null when it was not. */
  settledAt: string | null;
  inNumerator: boolean;
  inDenominator: boolean;
}

async function readRecords(prisma: PrismaClient, kind: EmergencyRecord['kind'], ids: string[]) {
  if (kind === 'activation') {
    const rows = await prisma.incidentActivation.findMany({ where: { id: { in: ids } }, select: { id: true, createdAt: true, acknowledgedAt: true, incident: { select: { code: true, title: true } } } });
    return rows.map((r) => ({ id: r.id, code: r.incident.code, title: r.incident.title, at: r.createdAt.toISOString(), settledAt: r.acknowledgedAt?.toISOString() ?? null }));
  }
  if (kind === 'task') {
    const rows = await prisma.incidentTask.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, dueAt: true, doneAt: true, incident: { select: { code: true } } } });
    return rows.map((r) => ({ id: r.id, code: r.incident.code, title: r.title, at: r.dueAt.toISOString(), settledAt: r.doneAt?.toISOString() ?? null }));
  }
  const rows = await prisma.warningRecipient.findMany({ where: { id: { in: ids } }, select: { id: true, acknowledgedAt: true, warning: { select: { code: true, title: true, publishedAt: true } } } });
  return rows.map((r) => ({ id: r.id, code: r.warning.code, title: r.warning.title, at: (r.warning.publishedAt ?? new Date(0)).toISOString(), settledAt: r.acknowledgedAt?.toISOString() ?? null }));
}

export async function listEmergencyRecords(
  prisma: PrismaClient,
  query: { from: Date; to: Date; unitId: string; indicator: EmergencyIndicator; page: number; pageSize: number },
) {
  const sets = (await collectUnitEmergencySets(prisma, { from: query.from, to: query.to, unitIds: [query.unitId] })).get(query.unitId)![query.indicator];
  const numerator = new Set(sets.numerator);
  const listed = [...sets.denominator].sort();
  const pageIds = listed.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const kind = EMERGENCY_INDICATOR_RECORDS[query.indicator];
  const byId = new Map((await readRecords(prisma, kind, pageIds)).map((r) => [r.id, r]));
  const records: EmergencyRecord[] = pageIds.flatMap((id) => {
    const record = byId.get(id);
    return record ? [{ ...record, kind, inNumerator: numerator.has(id), inDenominator: true }] : [];
  });
  return {
    numeratorIds: sets.numerator, denominatorIds: sets.denominator,
    current: computeEmergencyValue(query.indicator, sets),
    total: listed.length,
    records,
  };
}
