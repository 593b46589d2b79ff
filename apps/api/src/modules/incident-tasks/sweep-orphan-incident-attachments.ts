/**
 * Incident photos no act ever carried (uploaded, then no progress or done named them): after the
 * same grace period as ticket uploads the row is removed, and its files once no ticket or incident
 * attachment names the same content. Run daily by the `leftovers` queue beside the ticket sweep.
 * Each delete re-checks `eventId IS NULL`, so an upload bound meanwhile stays.
 */
import type { PrismaClient } from '@yixian/db';
import { removeUnreferencedFiles } from '../attachments/attachment-store.js';
import type { OrphanSweep } from '../attachments/sweep-orphan-attachments.js';

const BATCH = 500;

export async function sweepOrphanIncidentAttachments(prisma: PrismaClient, dir: string, options: { now: Date; graceHours: number }): Promise<OrphanSweep> {
  const cutoff = new Date(options.now.getTime() - options.graceHours * 3_600_000);
  const hashes = new Set<string>();
  let attachments = 0;
  for (;;) {
    const batch = await prisma.incidentAttachment.findMany({
      where: { eventId: null, createdAt: { lt: cutoff } }, select: { id: true, sha256: true, thumbSha256: true }, orderBy: { createdAt: 'asc' }, take: BATCH,
    });
    if (batch.length === 0) break;
    const removed = await prisma.incidentAttachment.deleteMany({ where: { id: { in: batch.map((row) => row.id) }, eventId: null } });
    attachments += removed.count;
    for (const row of batch) {
      hashes.add(row.sha256);
      if (row.thumbSha256) hashes.add(row.thumbSha256);
    }
    if (batch.length < BATCH) break;
  }
  await removeUnreferencedFiles(prisma, dir, [...hashes]);
  return { attachments, contents: hashes.size };
}
