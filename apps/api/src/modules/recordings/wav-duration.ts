/**
 * How long a WAV recording plays, read from its header (the first few KB), never from its audio.
 * MixMonitor writes a RIFF/WAVE file whose `fmt ` chunk gives the byte rate and whose `data`
 * chunk the audio's length; a header it has not completed (size 0 or 0xFFFFFFFF) counts the
 * bytes after the `data` header instead. Undefined for anything that is not such a file.
 */
import { open } from 'node:fs/promises';

const HEADER_BYTES = 4096;
const UNKNOWN_SIZES = new Set([0, 0xffff_ffff]);

/** Seconds of audio (0.1 s precision) from a WAV header and the file's size, or undefined. */
export function wavDurationFromHeader(header: Buffer, fileSize: number): number | undefined {
  if (header.length < 12 || header.toString('latin1', 0, 4) !== 'RIFF' || header.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= header.length;) {
    const id = header.toString('latin1', at, at + 4);
    const size = header.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ' && body + 12 <= header.length) byteRate = header.readUInt32LE(body + 8);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const available = Math.max(0, fileSize - body);
      const bytes = UNKNOWN_SIZES.has(size) ? available : Math.min(size, available);
      return Math.round((bytes / byteRate) * 10) / 10;
    }
    at = body + size + (size % 2);
  }
  return undefined;
}

/** The duration of the WAV file at `absolute`; undefined when it cannot be read or is no WAV. */
export async function readWavDuration(absolute: string, fileSize: number): Promise<number | undefined> {
  let handle;
  try {
    handle = await open(absolute, 'r');
    const buffer = Buffer.alloc(Math.min(HEADER_BYTES, fileSize));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return wavDurationFromHeader(buffer.subarray(0, bytesRead), fileSize);
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
