/**
 * Keeps `call_discrepancy` in step with the latest comparison of one call: a difference seen for
 * the first time opens a row, one seen again refreshes it, one no longer seen is resolved. At most
 * one open row per call and field (`openKey`, unique while open), so two runs racing write one.
 */
import type { PrismaClient } from '@yixian/db';
import { maskPhone } from '@yixian/domain';
import type { FieldDifference } from './compare-call.js';

export type OpenDiscrepancy = { id: string; field: string; yixianValue: string | null; pbxValue: string | null };

/** Values are stored as the Call table holds them, except numbers, which are stored masked. */
export function storedValue(field: string, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'callerNumber') return /\d{3,}/.test(value) ? maskPhone(value) : value;
  if (field === 'transferTarget') return value.replace(/\d{7,}/g, (digits) => maskPhone(digits));
  return value;
}

export const openKeyOf = (linkedid: string, field: string) => `${linkedid}:${field}`;

/** The open rows of these calls, by Linkedid. */
export async function findOpenDiscrepancies(prisma: PrismaClient, linkedids: string[]): Promise<Map<string, OpenDiscrepancy[]>> {
  const rows = linkedids.length
    ? await prisma.callDiscrepancy.findMany({ where: { linkedid: { in: linkedids }, resolvedAt: null }, select: { id: true, linkedid: true, field: true, yixianValue: true, pbxValue: true } })
    : [];
  const byCall = new Map<string, OpenDiscrepancy[]>();
  for (const row of rows) byCall.set(row.linkedid, [...(byCall.get(row.linkedid) ?? []), row]);
  return byCall;
}

/** Applies one call's differences; returns how many rows were opened and resolved. */
export async function recordDiscrepancies(
  prisma: PrismaClient,
  call: { id: string; linkedid: string },
  differences: FieldDifference[],
  open: OpenDiscrepancy[],
  now: Date,
): Promise<{ opened: number; resolved: number }> {
  let opened = 0;
  const seen = new Set<string>();
  for (const difference of differences) {
    seen.add(difference.field);
    const yixianValue = storedValue(difference.field, difference.yixian);
    const pbxValue = storedValue(difference.field, difference.pbx);
    const row = open.find((candidate) => candidate.field === difference.field);
    if (row) {
      await prisma.callDiscrepancy.update({ where: { id: row.id }, data: { yixianValue, pbxValue, lastSeenAt: now } });
      continue;
    }
    const { count } = await prisma.callDiscrepancy.createMany({
      data: [{ callId: call.id, linkedid: call.linkedid, field: difference.field, yixianValue, pbxValue, detectedAt: now, lastSeenAt: now, openKey: openKeyOf(call.linkedid, difference.field) }],
      skipDuplicates: true,
    });
    opened += count;
  }
  const agreeing = open.filter((row) => !seen.has(row.field)).map((row) => row.id);
  const { count: resolved } = agreeing.length
    ? await prisma.callDiscrepancy.updateMany({ where: { id: { in: agreeing }, resolvedAt: null }, data: { resolvedAt: now, openKey: null } })
    : { count: 0 };
  return { opened, resolved };
}
