/**
 * The files on disk, named by the sha256 of their bytes: `<dir>/<first 2 hex>/<sha256>`. The same
 * content is stored once, however many rows name it. A file appears whole or not at all: it is
 * written to a temporary name and hard-linked into place (a link never replaces an existing file,
 * so two uploads of the same bytes at once end with one file). A file is written before its row
 * and removed again if the row is not (`removeUnreferencedFiles`), so no row names a missing file
 * and a failed upload leaves none behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PrismaClient } from '@yixian/db';

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Where the file with this hash lives under `dir`. */
export function storedPath(dir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return join(dir, sha256.slice(0, 2), sha256);
}

/** Stores `bytes` unless the same content is there; `created` says whether this call wrote it. */
export async function putFile(dir: string, bytes: Buffer): Promise<{ sha256: string; created: boolean }> {
  const sha256 = sha256Of(bytes);
  const path = storedPath(dir, sha256);
  await mkdir(dirname(path), { recursive: true, mode: 0o750 });
  const temporary = `${path}.${randomUUID()}.part`;
  await writeFile(temporary, bytes, { flag: 'wx', mode: 0o640 });
  try {
    await link(temporary, path);
    return { sha256, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { sha256, created: false };
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

export async function readStoredFile(dir: string, sha256: string): Promise<Buffer> {
  return readFile(storedPath(dir, sha256));
}

/**
 * Removes the files of `hashes` that no attachment row names (the clean-up of a failed upload).
 * Ticket and incident attachments share the store, so both tables are asked.
 */
export async function removeUnreferencedFiles(prisma: Pick<PrismaClient, 'ticketAttachment' | 'incidentAttachment'>, dir: string, hashes: readonly string[]): Promise<void> {
  for (const sha256 of new Set(hashes)) {
    const where = { OR: [{ sha256 }, { thumbSha256: sha256 }] };
    const used = await prisma.ticketAttachment.count({ where }) + await prisma.incidentAttachment.count({ where });
    if (used === 0) await unlink(storedPath(dir, sha256)).catch(() => undefined);
  }
}
