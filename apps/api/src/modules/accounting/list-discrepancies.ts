/**
 * The differences the shift lead reviews, newest first, with the call's hotline and answering
 * agent by name. Numbers are masked (they are stored masked; older values are masked here too).
 */
import type { PrismaClient } from '@yixian/db';
import { maskPhone } from '@yixian/domain';
import { interfaceForDevice } from './interface-for-device.js';
import { storedValue } from './record-discrepancies.js';

export interface ListDiscrepanciesOptions {
  status: 'open' | 'resolved' | 'all';
  page: number;
  pageSize: number;
  interfaceTemplate: string;
}

const shown = (field: string, value: string | null) => (value !== null && value.includes('*') ? value : storedValue(field, value));

export async function listDiscrepancies(prisma: PrismaClient, options: ListDiscrepanciesOptions) {
  const where = options.status === 'open' ? { resolvedAt: null } : options.status === 'resolved' ? { resolvedAt: { not: null } } : {};
  const [total, rows] = await Promise.all([
    prisma.callDiscrepancy.count({ where }),
    prisma.callDiscrepancy.findMany({
      where,
      orderBy: [{ detectedAt: 'desc' }, { id: 'asc' }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
      include: { call: true },
    }),
  ]);
  // Agents by name: the interface is built from the user's extension (AGENT_INTERFACE_TEMPLATE).
  const [head, tail] = options.interfaceTemplate.split('{extension}') as [string, string];
  const extensionOf = (iface: string | null) =>
    iface && iface.startsWith(head) && iface.endsWith(tail) ? iface.slice(head.length, iface.length - tail.length) : null;
  // An agentInterface difference names both phones: the PBX side is a device (PJSIP/8001).
  const agentOf = (row: (typeof rows)[number], value: string | null) =>
    row.field === 'agentInterface' && value ? extensionOf(interfaceForDevice(value, options.interfaceTemplate)) : null;
  const extensions = [...new Set(rows.flatMap((row) => [extensionOf(row.call.agentInterface), agentOf(row, row.yixianValue), agentOf(row, row.pbxValue)]).filter((ext): ext is string => ext !== null))];
  const users = extensions.length ? await prisma.user.findMany({ where: { extension: { in: extensions } }, select: { extension: true, displayName: true } }) : [];
  const nameOf = new Map(users.map((user) => [user.extension, user.displayName]));
  // Hotlines by number: a record the worker wrote before the hotline existed has no hotlineId.
  const numbers = [...new Set(rows.map((row) => row.call.hotlineNumber))];
  const hotlines = numbers.length ? await prisma.hotline.findMany({ where: { number: { in: numbers } }, select: { number: true, name: true, nameEn: true } }) : [];
  const hotlineOf = new Map(hotlines.map((hotline) => [hotline.number, hotline]));
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      callId: row.callId,
      linkedid: row.linkedid,
      field: row.field,
      yixianValue: shown(row.field, row.yixianValue),
      pbxValue: shown(row.field, row.pbxValue),
      yixianName: nameOf.get(agentOf(row, row.yixianValue) ?? '') ?? null,
      pbxName: nameOf.get(agentOf(row, row.pbxValue) ?? '') ?? null,
      detectedAt: row.detectedAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      call: {
        hotlineNumber: row.call.hotlineNumber,
        hotlineName: hotlineOf.get(row.call.hotlineNumber)?.name ?? null,
        hotlineNameEn: hotlineOf.get(row.call.hotlineNumber)?.nameEn ?? null,
        callerNumber: maskPhone(row.call.callerNumber),
        state: row.call.state,
        source: row.call.source,
        enteredAt: row.call.enteredAt.toISOString(),
        agentName: nameOf.get(extensionOf(row.call.agentInterface) ?? '') ?? null,
      },
    })),
  };
}
