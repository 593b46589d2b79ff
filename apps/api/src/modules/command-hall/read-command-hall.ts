/**
 * Everything the command hall (调度大厅) shows in one answer, read straight from the tables: the
 * district's streets (map polygons), the open incidents with their activated units, the task board,
 * resources committed, who is on duty now with the tier-1 gaps, the warnings in force and the latest
 * trail entries. The big screen re-reads it when a live push says something changed.
 */
import type { PrismaClient } from '@yixian/db';
import { findDutyGaps } from '../duty-rosters/find-duty-gaps.js';
import { readDutyBoard } from '../duty-rosters/find-on-duty.js';
import { readHallResources, readHallTasks, readHallTimeline } from './read-hall-board.js';
import { readHallIncidents } from './read-hall-incidents.js';
import { readHallWarnings } from './read-hall-warnings.js';

export async function readCommandHall(prisma: PrismaClient, now: Date) {
  const incidents = await readHallIncidents(prisma, now);
  const ids = incidents.map((incident) => incident.id);
  const [areas, tasks, resources, timeline, warnings, board, gaps] = await Promise.all([
    prisma.area.findMany({ where: { level: 'street' }, select: { id: true, name: true, nameEn: true, level: true, boundary: true }, orderBy: { code: 'asc' } }),
    readHallTasks(prisma, ids, now),
    readHallResources(prisma, ids),
    readHallTimeline(prisma),
    readHallWarnings(prisma),
    // A wall screen is read by everyone in the room: phones always masked, whoever signed it in.
    readDutyBoard(prisma, { roles: [], unitId: null }, now),
    findDutyGaps(prisma, now, 24),
  ]);
  return {
    at: now.toISOString(),
    areas,
    incidents,
    tasks,
    resources,
    duty: {
      items: board.filter((row) => row.unit.tier === 1).map((row) => ({ unit: row.unit, onDuty: row.onDuty, deputy: row.deputy, gap: row.gap })),
      gaps: gaps.map((gap) => ({ unit: gap.unit, from: gap.from?.toISOString() ?? null, to: gap.to.toISOString(), current: gap.current })),
    },
    warnings,
    timeline,
  };
}
