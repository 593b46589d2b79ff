/**
 * The open incidents for the command hall, most severe first: where they are, the report owed,
 * and each activated unit with its acknowledgement and field status.
 */
import type { PrismaClient } from '@yixian/db';
import { OPEN_INCIDENT_STATES } from '@yixian/domain';

const LEVEL_ORDER: Record<string, number> = { I: 0, II: 1, III: 2, IV: 3 };

export async function readHallIncidents(prisma: PrismaClient, now: Date) {
  const incidents = await prisma.incident.findMany({
    where: { state: { in: [...OPEN_INCIDENT_STATES] } },
    orderBy: { reportedAt: 'desc' },
    take: 200,
    select: {
      id: true, code: true, type: true, subtype: true, level: true, state: true, title: true, address: true, areaId: true, lat: true, lng: true,
      reportedAt: true, filedAt: true, deaths: true, injuries: true, missing: true, nextReportKind: true, nextReportDueAt: true,
      activations: {
        select: { id: true, unitId: true, state: true, fieldStatus: true, acknowledgedAt: true, acknowledgedVia: true, escalatedAt: true, attempts: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
  const unitIds = [...new Set(incidents.flatMap((incident) => incident.activations.map((a) => a.unitId)))];
  const areaIds = [...new Set(incidents.flatMap((incident) => (incident.areaId ? [incident.areaId] : [])))];
  const [units, areas] = await Promise.all([
    prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, nameEn: true, linkageTier: true } }),
    prisma.area.findMany({ where: { id: { in: areaIds } }, select: { id: true, name: true, nameEn: true, centroidLat: true, centroidLng: true } }),
  ]);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const areaById = new Map(areas.map((area) => [area.id, area]));
  return incidents
    .map((incident) => {
      const area = incident.areaId ? areaById.get(incident.areaId) : undefined;
      return {
        id: incident.id, code: incident.code, type: incident.type, subtype: incident.subtype, level: incident.level, state: incident.state,
        title: incident.title, address: incident.address,
        area: area ? { id: area.id, name: area.name, nameEn: area.nameEn } : null,
        // Placed where it was reported, or at its area's centre when only the area is known.
        lat: incident.lat ?? area?.centroidLat ?? null,
        lng: incident.lng ?? area?.centroidLng ?? null,
        reportedAt: incident.reportedAt.toISOString(), filedAt: incident.filedAt?.toISOString() ?? null,
        deaths: incident.deaths, injuries: incident.injuries, missing: incident.missing,
        nextReport: incident.nextReportKind && incident.nextReportDueAt
          ? { kind: incident.nextReportKind, dueAt: incident.nextReportDueAt.toISOString(), overdue: incident.nextReportDueAt < now }
          : null,
        activations: incident.activations.map((activation) => {
          const unit = unitById.get(activation.unitId);
          return {
            id: activation.id,
            unit: { id: activation.unitId, name: unit?.name ?? '', nameEn: unit?.nameEn ?? '', tier: unit?.linkageTier ?? null },
            state: activation.state, fieldStatus: activation.fieldStatus, attempts: activation.attempts,
            acknowledgedAt: activation.acknowledgedAt?.toISOString() ?? null, acknowledgedVia: activation.acknowledgedVia,
            escalatedAt: activation.escalatedAt?.toISOString() ?? null, activatedAt: activation.createdAt.toISOString(),
          };
        }),
      };
    })
    .sort((a, b) => (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) || b.reportedAt.localeCompare(a.reportedAt));
}
