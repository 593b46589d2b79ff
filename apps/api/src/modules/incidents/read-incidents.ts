/**
 * The incidents as the API shows them: the list (filters, search, figures per incident) and the
 * detail (reports, activations with their calls, tasks, allocations, warnings, the trail, and the
 * acts the actor may take). Names, never bare ids; phone numbers masked.
 */
import type { Incident, Prisma, PrismaClient } from '@yixian/db';
import { maskPhone, type IncidentReportKind } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { incidentScopeWhere } from './incident-scope.js';
import { allowedIncidentActionsFor } from './run-incident-action.js';

export interface ListFilters {
  state?: string; type?: string; level?: string; from?: string; to?: string; q?: string; page: number; pageSize: number;
}

const OPEN_TASK_STATES = ['assigned', 'signed', 'in_progress'];
const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

function listWhere(actor: Actor, filters: ListFilters): Prisma.IncidentWhereInput {
  const and: Prisma.IncidentWhereInput[] = [incidentScopeWhere(actor)];
  if (filters.state) and.push({ state: { in: filters.state.split(',').map((s) => s.trim()).filter(Boolean) } });
  if (filters.type) and.push({ type: filters.type });
  if (filters.level) and.push({ level: { in: filters.level.split(',') } });
  if (filters.from) and.push({ reportedAt: { gte: new Date(filters.from) } });
  if (filters.to) and.push({ reportedAt: { lt: new Date(filters.to) } });
  const q = filters.q?.trim();
  if (q) {
    and.push({ OR: [
      { code: { contains: q, mode: 'insensitive' } }, { title: { contains: q, mode: 'insensitive' } },
      { address: { contains: q, mode: 'insensitive' } }, { description: { contains: q, mode: 'insensitive' } },
    ] });
  }
  return { AND: and };
}

type Figures = { activatedUnits: number; acknowledgedUnits: number; openTasks: number; overdueTasks: number };

async function figuresOf(prisma: PrismaClient | Prisma.TransactionClient, ids: string[], now: Date): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>(ids.map((id) => [id, { activatedUnits: 0, acknowledgedUnits: 0, openTasks: 0, overdueTasks: 0 }]));
  if (ids.length === 0) return figures;
  const [activations, acknowledged, open, overdue] = await Promise.all([
    prisma.incidentActivation.groupBy({ by: ['incidentId'], where: { incidentId: { in: ids } }, _count: { _all: true } }),
    prisma.incidentActivation.groupBy({ by: ['incidentId'], where: { incidentId: { in: ids }, acknowledgedAt: { not: null } }, _count: { _all: true } }),
    prisma.incidentTask.groupBy({ by: ['incidentId'], where: { incidentId: { in: ids }, state: { in: OPEN_TASK_STATES } }, _count: { _all: true } }),
    prisma.incidentTask.groupBy({ by: ['incidentId'], where: { incidentId: { in: ids }, state: { in: OPEN_TASK_STATES }, dueAt: { lt: now } }, _count: { _all: true } }),
  ]);
  for (const row of activations) figures.get(row.incidentId)!.activatedUnits = row._count._all;
  for (const row of acknowledged) figures.get(row.incidentId)!.acknowledgedUnits = row._count._all;
  for (const row of open) figures.get(row.incidentId)!.openTasks = row._count._all;
  for (const row of overdue) figures.get(row.incidentId)!.overdueTasks = row._count._all;
  return figures;
}

function nextReportOf(incident: Incident, now: Date) {
  if (!incident.nextReportKind || !incident.nextReportDueAt) return null;
  return { kind: incident.nextReportKind as IncidentReportKind, dueAt: incident.nextReportDueAt.toISOString(), overdue: incident.nextReportDueAt.getTime() < now.getTime() };
}

function listItem(incident: Incident & { areaName: string | null }, figures: Figures, now: Date) {
  return {
    id: incident.id, code: incident.code, type: incident.type, subtype: incident.subtype, level: incident.level, state: incident.state,
    title: incident.title, address: incident.address, areaName: incident.areaName, reportedAt: incident.reportedAt.toISOString(),
    filedAt: iso(incident.filedAt), deaths: incident.deaths, injuries: incident.injuries, missing: incident.missing,
    ...figures, nextReport: nextReportOf(incident, now),
  };
}

async function areaNames(prisma: PrismaClient | Prisma.TransactionClient, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  return new Map((await prisma.area.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
}

export async function listIncidents(prisma: PrismaClient, actor: Actor, filters: ListFilters, now: Date) {
  const where = listWhere(actor, filters);
  const [total, rows] = await Promise.all([
    prisma.incident.count({ where }),
    prisma.incident.findMany({ where, orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }], skip: (filters.page - 1) * filters.pageSize, take: filters.pageSize }),
  ]);
  const figures = await figuresOf(prisma, rows.map((r) => r.id), now);
  const areas = await areaNames(prisma, rows.map((r) => r.areaId));
  return { total, items: rows.map((row) => listItem({ ...row, areaName: row.areaId ? areas.get(row.areaId) ?? null : null }, figures.get(row.id)!, now)) };
}

async function userNames(prisma: PrismaClient, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const rows = wanted.length ? await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } }) : [];
  return new Map(rows.map((u) => [u.id, u.displayName]));
}

/** Activations with their units, the person reached now and the calls placed. */
export async function presentActivations(prisma: PrismaClient, where: Prisma.IncidentActivationWhereInput) {
  const rows = await prisma.incidentActivation.findMany({
    where, orderBy: [{ tier: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    include: { calls: { where: { purpose: 'activation' }, orderBy: [{ attempt: 'asc' }, { placedAt: 'asc' }] }, incident: { select: { id: true, code: true, title: true, level: true, type: true } } },
  });
  const units = new Map((await prisma.unit.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.unitId))] } }, select: { id: true, name: true, linkageTier: true, dutyPhone: true } })).map((u) => [u.id, u]));
  const shiftIds = [...new Set(rows.flatMap((r) => [r.dutyShiftId, ...r.calls.map((c) => c.dutyShiftId)]).filter((id): id is string => Boolean(id)))];
  const shifts = new Map((await prisma.dutyShift.findMany({ where: { id: { in: shiftIds } } })).map((s) => [s.id, s]));
  const names = await userNames(prisma, rows.map((r) => r.acknowledgedById));
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    const shift = row.dutyShiftId ? shifts.get(row.dutyShiftId) : undefined;
    const onDuty = shift
      ? { name: shift.personName, phone: maskPhone(shift.phone), until: shift.endsAt.toISOString() }
      : row.target === 'on_duty' && unit?.dutyPhone ? { name: '', phone: maskPhone(unit.dutyPhone), until: null } : null;
    return {
      id: row.id, incident: row.incident,
      unit: { id: row.unitId, name: unit?.name ?? '', tier: unit?.linkageTier ?? row.tier },
      state: row.state, fieldStatus: row.fieldStatus, target: row.target, attempts: row.attempts, onDuty,
      acknowledgedAt: iso(row.acknowledgedAt), acknowledgedVia: row.acknowledgedVia,
      acknowledgedBy: row.acknowledgedById ? { id: row.acknowledgedById, name: names.get(row.acknowledgedById) ?? '' } : null,
      escalatedAt: iso(row.escalatedAt), createdAt: row.createdAt.toISOString(),
      calls: row.calls.map((call) => ({
        id: call.id, attempt: call.attempt,
        target: call.dutyShiftId && shifts.get(call.dutyShiftId)?.role === 'deputy' ? 'deputy' : 'on_duty',
        outcome: call.outcome, detail: call.detail, placedAt: call.placedAt.toISOString(), endedAt: iso(call.endedAt),
      })),
    };
  });
}

export async function getIncidentDetail(prisma: PrismaClient, actor: Actor, id: string, now: Date) {
  const incident = await prisma.incident.findFirst({ where: { AND: [{ id }, incidentScopeWhere(actor)] } });
  if (!incident) throw new AppError('not_found', `No incident ${id}`, { field: 'id' });
  const [figures, areas, reports, events, tasks, allocations, warnings, ticket, plan] = await Promise.all([
    figuresOf(prisma, [id], now), areaNames(prisma, [incident.areaId]),
    prisma.incidentReport.findMany({ where: { incidentId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    prisma.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { id: 'asc' } }),
    prisma.incidentTask.findMany({ where: { incidentId: id }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
    prisma.resourceAllocation.findMany({ where: { incidentId: id }, orderBy: { requestedAt: 'asc' }, include: { resource: true } }),
    prisma.warning.findMany({ where: { incidentId: id }, select: { id: true, code: true, level: true, title: true, state: true } }),
    incident.ticketId ? prisma.ticket.findUnique({ where: { id: incident.ticketId }, select: { id: true, code: true } }) : null,
    incident.planId ? prisma.responsePlan.findUnique({ where: { id: incident.planId }, select: { id: true, name: true } }) : null,
  ]);
  const unitIds = [incident.reportingUnitId, ...events.map((e) => e.unitId), ...tasks.map((t) => t.unitId), ...allocations.map((a) => a.resource.unitId)];
  const units = new Map((await prisma.unit.findMany({ where: { id: { in: [...new Set(unitIds.filter((u): u is string => Boolean(u)))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const names = await userNames(prisma, [incident.commanderId, ...reports.map((r) => r.submittedById), ...events.map((e) => e.actorId)]);
  const unitRef = (unitId: string | null) => (unitId ? { id: unitId, name: units.get(unitId) ?? '' } : null);
  const userRef = (userId: string | null) => (userId ? { id: userId, name: names.get(userId) ?? '' } : null);
  const item = listItem({ ...incident, areaName: incident.areaId ? areas.get(incident.areaId) ?? null : null }, figures.get(id)!, now);
  return {
    ...item,
    description: incident.description, source: incident.source, ticket: ticket ?? null, callId: incident.callId,
    reportingUnit: unitRef(incident.reportingUnitId), area: incident.areaId ? { id: incident.areaId, name: areas.get(incident.areaId) ?? '' } : null,
    lat: incident.lat, lng: incident.lng,
    plan: plan && incident.planVersion ? { id: plan.id, name: plan.name, version: incident.planVersion } : null,
    commander: userRef(incident.commanderId),
    verifiedAt: iso(incident.verifiedAt), dismissedAt: iso(incident.dismissedAt), dismissReason: incident.dismissReason,
    respondingAt: iso(incident.respondingAt), handledAt: iso(incident.handledAt), closedAt: iso(incident.closedAt), summary: incident.summary,
    version: incident.version,
    reports: reports.map((r) => ({
      id: r.id, kind: r.kind, text: r.text, deaths: r.deaths, injuries: r.injuries, missing: r.missing, dueAt: iso(r.dueAt), late: r.late,
      at: r.at.toISOString(), by: userRef(r.submittedById),
    })),
    activations: (await presentActivations(prisma, { incidentId: id })).map(({ incident: _incident, ...rest }) => rest),
    tasks: tasks.map((t) => ({
      id: t.id, incident: { id: incident.id, code: incident.code, title: incident.title }, unit: unitRef(t.unitId)!, title: t.title, description: t.description,
      state: t.state, dueAt: t.dueAt.toISOString(), overdue: OPEN_TASK_STATES.includes(t.state) && t.dueAt.getTime() < now.getTime(),
      signedAt: iso(t.signedAt), doneAt: iso(t.doneAt), version: t.version,
    })),
    allocations: allocations.map((a) => ({
      id: a.id, resource: { id: a.resource.id, name: a.resource.name, kind: a.resource.kind, measure: a.resource.measure, unit: unitRef(a.resource.unitId)! },
      state: a.state, requested: a.requested, allocated: a.allocated, requestedAt: a.requestedAt.toISOString(), allocatedAt: iso(a.allocatedAt),
      returnedAt: iso(a.returnedAt), note: a.note,
    })),
    warnings,
    trail: events.map((e) => ({
      id: e.id.toString(), action: e.action, fromState: e.fromState, toState: e.toState,
      actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? '', role: e.actorRole ?? '' } : null,
      unit: unitRef(e.unitId), reason: e.reason, data: e.data as Record<string, unknown>, at: e.at.toISOString(),
    })),
    allowedActions: allowedIncidentActionsFor(actor, incident.state),
  };
}
