/**
 * The command hall's boards over the open incidents: tasks by state (overdue ones flagged), the
 * resources committed by measure (allocated and not yet returned) and dispatched (allocated or
 * since returned), and the latest trail entries across incidents (the live timeline).
 */
import type { PrismaClient } from '@yixian/db';

const TIMELINE_SIZE = 30;
const TASK_LIMIT = 200;

export async function readHallTasks(prisma: PrismaClient, incidentIds: string[], now: Date) {
  const tasks = await prisma.incidentTask.findMany({
    where: { incidentId: { in: incidentIds }, state: { not: 'cancelled' } },
    orderBy: [{ dueAt: 'asc' }],
    take: TASK_LIMIT,
    select: { id: true, incidentId: true, unitId: true, title: true, state: true, dueAt: true, doneAt: true, incident: { select: { code: true } } },
  });
  const units = new Map((await prisma.unit.findMany({ where: { id: { in: [...new Set(tasks.map((t) => t.unitId))] } }, select: { id: true, name: true, nameEn: true } })).map((u) => [u.id, u]));
  return tasks.map((task) => ({
    id: task.id, incident: { id: task.incidentId, code: task.incident.code },
    unit: { id: task.unitId, name: units.get(task.unitId)?.name ?? '', nameEn: units.get(task.unitId)?.nameEn ?? '' },
    title: task.title, state: task.state, dueAt: task.dueAt.toISOString(), doneAt: task.doneAt?.toISOString() ?? null,
    overdue: task.state !== 'done' && task.dueAt < now,
  }));
}

export async function readHallResources(prisma: PrismaClient, incidentIds: string[]) {
  const rows = await prisma.resourceAllocation.findMany({
    where: { incidentId: { in: incidentIds }, state: { in: ['allocated', 'returned'] } },
    select: { state: true, allocated: true, resource: { select: { measure: true } } },
  });
  const committed: Record<string, number> = {};
  const dispatched: Record<string, number> = {};
  for (const row of rows) {
    const { measure } = row.resource;
    dispatched[measure] = (dispatched[measure] ?? 0) + row.allocated;
    if (row.state === 'allocated') committed[measure] = (committed[measure] ?? 0) + row.allocated;
  }
  return { committed, dispatched };
}

export async function readHallTimeline(prisma: PrismaClient) {
  const events = await prisma.incidentEvent.findMany({
    orderBy: { id: 'desc' },
    take: TIMELINE_SIZE,
    select: { id: true, action: true, fromState: true, toState: true, actorId: true, unitId: true, at: true, incident: { select: { id: true, code: true, level: true, title: true } } },
  });
  const [users, units] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, displayName: true } }),
    prisma.unit.findMany({ where: { id: { in: [...new Set(events.flatMap((e) => (e.unitId ? [e.unitId] : [])))] } }, select: { id: true, name: true, nameEn: true } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  return events.map((event) => ({
    id: String(event.id), action: event.action, fromState: event.fromState, toState: event.toState, at: event.at.toISOString(),
    incident: event.incident,
    actor: event.actorId && userById.get(event.actorId) ? { name: userById.get(event.actorId)!.displayName } : null,
    unit: event.unitId && unitById.get(event.unitId) ? { name: unitById.get(event.unitId)!.name, nameEn: unitById.get(event.unitId)!.nameEn } : null,
  }));
}
