/**
 * Finds a call's recording on disk from what the call record says, never from the request. The
 * stored name must have the one accepted shape, resolve inside the recordings folder (also after
 * symbolic links) and be a regular file; anything else is refused with a reason the route audits.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { recordingCandidates } from './recording-path.js';

export interface RecordingCall {
  state: string;
  answeredAt: Date | null;
  recordingFile: string | null;
}

/** Why no file is served: the audit row's reason. */
export type RecordingRefusal = 'no_recording' | 'unsafe_path' | 'in_progress' | 'file_missing';

export type RecordingLookup =
  | { found: true; file: string; sizeBytes: number }
  | { found: false; reason: RecordingRefusal };

function isInside(root: string, absolute: string): boolean {
  return absolute.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

async function statFile(absolute: string) {
  try {
    const info = await stat(absolute);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

/**
 * The recording's path relative to `root`, or why there is none. A call still answered has a
 * recording MixMonitor is still writing (its WAV header is only completed at hang-up): refused.
 */
export async function findRecordingFile(root: string, call: RecordingCall): Promise<RecordingLookup> {
  if (!call.recordingFile) return { found: false, reason: 'no_recording' };
  const candidates = recordingCandidates(call.recordingFile, call.answeredAt);
  if (candidates.length === 0 || !isInside(root, resolve(root, call.recordingFile))) return { found: false, reason: 'unsafe_path' };
  if (call.state === 'answered') return { found: false, reason: 'in_progress' };
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return { found: false, reason: 'file_missing' };
  for (const file of candidates) {
    const absolute = resolve(root, file);
    if (!isInside(root, absolute)) return { found: false, reason: 'unsafe_path' };
    const info = await statFile(absolute);
    if (!info) continue;
    if (!isInside(realRoot, await realpath(absolute))) return { found: false, reason: 'unsafe_path' };
    return { found: true, file, sizeBytes: info.size };
  }
  return { found: false, reason: 'file_missing' };
}
