/**
 * The built-in backup format, for servers no local pg_dump can read (the embedded PostgreSQL 18
 * of `npm start`): one gzip file holding a magic line, the manifest, then each table's
 * `COPY … TO STDOUT` text in the manifest's order. COPY's output arrives in chunks of unknown
 * number, so each chunk is framed by its length (4 bytes, big-endian) and a table ends with an
 * empty frame. A truncated or damaged file fails gzip's own check while being read.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { BackupError } from './backup-error.js';
import { parseManifest, type BackupManifest, type TableSnapshot } from './backup-manifest.js';
import { quoteIdent } from './session-settings.js';

const MAGIC = Buffer.from('YIXIAN-BACKUP-COPY 1\n');
/** The header's manifest is small; more than this is not one of our files. */
const MAX_MANIFEST_BYTES = 64 << 20;

const frame = (chunk: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(chunk.length);
  return Buffer.concat([length, chunk]);
};

const copySql = (table: TableSnapshot, direction: 'TO STDOUT' | 'FROM STDIN'): string =>
  `COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(', ')}) ${direction}`;

/** Writes the archive from a client inside the backup's snapshot; resolves with its size in bytes. */
export async function writeCopyArchive(client: pg.ClientBase, manifest: BackupManifest, file: string): Promise<number> {
  async function* frames(): AsyncGenerator<Buffer> {
    yield MAGIC;
    yield frame(Buffer.from(JSON.stringify(manifest)));
    for (const table of manifest.tables) {
      for await (const chunk of client.query(copyTo(copySql(table, 'TO STDOUT'))) as AsyncIterable<Buffer>) {
        if (chunk.length > 0) yield frame(chunk);
      }
      yield frame(Buffer.alloc(0));
    }
  }
  const out = createWriteStream(file, { mode: 0o600 });
  await pipeline(Readable.from(frames()), createGzip({ level: 6 }), out);
  return out.bytesWritten;
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buffered: Buffer = Buffer.alloc(0);
  constructor(private readonly source: AsyncIterator<Buffer>, private readonly file: string) {}

  async read(length: number): Promise<Buffer> {
    while (this.buffered.length < length) {
      const next = await this.source.next();
      if (next.done) throw new BackupError(`${this.file} ends early: the archive is truncated`);
      this.buffered = this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
    }
    const out = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return out;
  }

  async readFrame(limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
    const length = (await this.read(4)).readUInt32BE(0);
    if (length > limit) throw new BackupError(`${this.file}: a frame of ${length} bytes where at most ${limit} belong; not a Yixian backup`);
    return this.read(length);
  }
}

export interface CopyArchiveReader {
  manifest: BackupManifest;
  /** Streams the next table's rows (the manifest's order) into COPY FROM on `client`; resolves with the row count. */
  copyNextTable(client: pg.ClientBase, table: TableSnapshot): Promise<number>;
  close(): void;
}

export async function openCopyArchive(file: string): Promise<CopyArchiveReader> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = new ByteReader(input[Symbol.asyncIterator]() as AsyncIterator<Buffer>, file);
  const magic = await reader.read(MAGIC.length).catch((error: Error) => {
    throw new BackupError(`${file} is not a built-in Yixian backup (${error.message})`);
  });
  if (!magic.equals(MAGIC)) throw new BackupError(`${file} is not a built-in Yixian backup (its first line is not "${MAGIC.toString().trim()}")`);
  const manifest = parseManifest((await reader.readFrame(MAX_MANIFEST_BYTES)).toString(), `${file} (header)`);
  return {
    manifest,
    async copyNextTable(client, table) {
      async function* rows(): AsyncGenerator<Buffer> {
        for (;;) {
          const chunk = await reader.readFrame();
          if (chunk.length === 0) return;
          yield chunk;
        }
      }
      const target = client.query(copyFrom(copySql(table, 'FROM STDIN')));
      await pipeline(Readable.from(rows()), target);
      return Number(target.rowCount);
    },
    close: () => input.destroy(),
  };
}
