/**
 * Rows of the emergency tables written directly (as the incidents, duty, tasks and warnings
 * modules would leave them), for the figures and the command hall tests.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@yixian/db';

export const UNITS = { fire: 'dept-fire', emergency: 'dept-emergency', water: 'dept-water' } as const;

let sequence = 0;
const at = (iso: string) => new Date(iso);

export async function insertIncident(prisma: PrismaClient, fields: {
  state: string; level?: string; reportedAt: string; filedAt?: string; dismissedAt?: string; respondingAt?: string; handledAt?: string; closedAt?: string;
  title?: string; areaId?: string; lat?: number; lng?: number; nextReportKind?: string; nextReportDueAt?: string;
}) {
  sequence += 1;
  return prisma.incident.create({
    data: {
      code: `SJ20260302${String(1000 + sequence + Math.floor(Math.random() * 5000)).padStart(4, '0')}`,
      type: 'natural_disaster', subtype: 'ice_snow', level: fields.level ?? 'III', state: fields.state,
      title: fields.title ?? `冰冻灾害 ${sequence}`, description: '道路结冰', source: 'centre',
      areaId: fields.areaId ?? null, lat: fields.lat ?? null, lng: fields.lng ?? null,
      reportedAt: at(fields.reportedAt),
      filedAt: fields.filedAt ? at(fields.filedAt) : null,
      dismissedAt: fields.dismissedAt ? at(fields.dismissedAt) : null,
      dismissReason: fields.dismissedAt ? '误报' : null,
      respondingAt: fields.respondingAt ? at(fields.respondingAt) : null,
      handledAt: fields.handledAt ? at(fields.handledAt) : null,
      closedAt: fields.closedAt ? at(fields.closedAt) : null,
      nextReportKind: fields.nextReportKind ?? null,
      nextReportDueAt: fields.nextReportDueAt ? at(fields.nextReportDueAt) : null,
    },
  });
}

export function insertReport(prisma: PrismaClient, incidentId: string, kind: string, atIso: string, late: boolean) {
  return prisma.incidentReport.create({ data: { incidentId, kind, text: `${kind} 报告`, at: at(atIso), late } });
}

export function insertActivation(prisma: PrismaClient, incidentId: string, unitId: string, fields: {
  createdAt: string; state: string; acknowledgedAt?: string; escalatedAt?: string; tier?: number;
}) {
  return prisma.incidentActivation.create({
    data: {
      incidentId, unitId, tier: fields.tier ?? 1, state: fields.state, createdAt: at(fields.createdAt),
      acknowledgedAt: fields.acknowledgedAt ? at(fields.acknowledgedAt) : null, acknowledgedVia: fields.acknowledgedAt ? 'phone' : null,
      escalatedAt: fields.escalatedAt ? at(fields.escalatedAt) : null, target: fields.escalatedAt ? 'deputy' : 'on_duty',
    },
  });
}

export function insertTask(prisma: PrismaClient, incidentId: string, unitId: string, fields: { state: string; dueAt: string; doneAt?: string; title?: string }) {
  return prisma.incidentTask.create({
    data: {
      incidentId, unitId, title: fields.title ?? '清除道路积冰', state: fields.state, dueAt: at(fields.dueAt),
      doneAt: fields.doneAt ? at(fields.doneAt) : null,
    },
  });
}

export async function insertWarning(prisma: PrismaClient, fields: {
  state: string; publishedAt?: string; level?: string; title?: string; recipients: { unitId: string; acknowledgedAt?: string }[];
}) {
  sequence += 1;
  return prisma.warning.create({
    data: {
      code: `YJ${randomUUID().slice(0, 8)}`, level: fields.level ?? 'orange', type: 'ice_snow', title: fields.title ?? '道路结冰橙色预警',
      text: '预计未来 24 小时道路结冰', validFrom: at('2026-03-01T00:00:00Z'), validUntil: at('2026-04-10T00:00:00Z'),
      targets: { unitIds: fields.recipients.map((r) => r.unitId) }, state: fields.state, draftedById: randomUUID(),
      publishedAt: fields.publishedAt ? at(fields.publishedAt) : null,
      recipients: {
        create: fields.recipients.map((r) => ({
          revision: 1, recipientKey: `unit:${r.unitId}`, unitId: r.unitId,
          acknowledgedAt: r.acknowledgedAt ? at(r.acknowledgedAt) : null, acknowledgedVia: r.acknowledgedAt ? 'app' : null,
        })),
      },
    },
  });
}

export async function insertAllocation(prisma: PrismaClient, incidentId: string, unitId: string, fields: {
  measure: string; kind: string; name: string; state: string; requested: number; allocated: number; allocatedAt?: string;
}) {
  const resource = await prisma.resource.create({ data: { unitId, kind: fields.kind, name: fields.name, measure: fields.measure, quantity: 1000 } });
  return prisma.resourceAllocation.create({
    data: {
      incidentId, resourceId: resource.id, state: fields.state, requested: fields.requested, allocated: fields.allocated,
      allocatedAt: fields.allocatedAt ? at(fields.allocatedAt) : null,
    },
  });
}
