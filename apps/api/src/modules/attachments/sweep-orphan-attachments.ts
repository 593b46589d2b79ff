/**
 * Uploads no act ever carried (an upload is pending until its reply or return names it; see the
 * README's "Two steps"): after a grace period the row is removed, and its files (image and
 * thumbnail) once no other row names the same content. Run daily by the `leftovers` queue.
 */
import type { PrismaClient } from '@yixian/db';
import { removeUnreferencedFiles } from './attachment-store.js';

/** Rows removed per statement: bounds one transaction's size however many uploads were left. */
const BATCH = 500;

export interface OrphanSweep {
  /** Attachment rows removed. */
  attachments: number;
  /** Distinct contents (image or thumbnail hashes) whose rows were removed; their files go once unreferenced. */
  contents: number;
}

/**
 * Removes pending uploads created before `now − graceHours`. Idempotent and safe beside another
 * copy: each delete re-checks `eventId IS NULL`, so an upload bound meanwhile stays, and a file is
 * unlinked only when no row names its hash (a missing file is no error). An upload of the same
 * bytes in the instant between that count and the unlink would lose its file — the same narrow
 * window the upload's own clean-up has; after a day's grace no such upload is pending.
 */
export async function sweepOrphanAttachments(prisma: PrismaClient, dir: string, options: { now: Date; graceHours: number }): Promise<OrphanSweep> {
  const cutoff = new Date(options.now.getTime() - options.graceHours * 3_600_000);
  const hashes = new Set<string>();
  let attachments = 0;
  for (;;) {
    const batch = await prisma.ticketAttachment.findMany({
      where: { eventId: null, createdAt: { lt: cutoff } },
      select: { id: true, sha256: true, thumbSha256: true },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
    });
    if (batch.length === 0) break;
    const removed = await prisma.ticketAttachment.deleteMany({ where: { id: { in: batch.map((row) => row.id) }, eventId: null } });
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
