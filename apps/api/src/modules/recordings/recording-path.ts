/**
 * Where Asterisk writes a call's recording, and which stored names the API will ever open.
 * The dialplan ([yixian-agent-connect]) writes `<RECORDING_DIR>/<YYYYMMDD>/<Linkedid>.wav`, the
 * date being the UTC day on which the agent answered. Pure: no I/O.
 */

/**
 * A stored recording name the API accepts: a UTC day folder and one file name without any
 * separator. Asterisk Linkedids are `<epoch>.<seq>`, or `<systemname>-<epoch>.<seq>` when
 * asterisk.conf sets `systemname`, hence `-` beside `\w` and `.`.
 */
export const RECORDING_FILE_PATTERN = /^\d{8}\/[\w.-]+\.wav$/;

const SAFE_LINKEDID = /^[\w.-]{1,128}$/;
/**
 * The dialplan reads the clock a moment before (membergosub) or after (the CDR's answer time)
 * the answer time we keep, so a call answered this close to 00:00 UTC may sit in the other day's folder.
 */
export const MIDNIGHT_SLACK_MS = 2_000;
const DAY_MS = 86_400_000;

/** `YYYYMMDD` of the UTC day of `at`, as the dialplan's `STRFTIME(${EPOCH},UTC,%Y%m%d)`. */
export function utcDayFolder(at: Date): string {
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The relative recording path of a call answered at `answeredAt`, as the call record keeps it
 * (`Call.recordingFile`); null for a Linkedid that could never name a safe file.
 */
export function recordingPathFor(linkedid: string, answeredAt: Date): string | null {
  if (!SAFE_LINKEDID.test(linkedid) || Number.isNaN(answeredAt.getTime())) return null;
  return `${utcDayFolder(answeredAt)}/${linkedid}.wav`;
}

/** True when a stored name has the one accepted shape (checked before any file is opened). */
export function isRecordingFileName(file: string): boolean {
  return RECORDING_FILE_PATTERN.test(file);
}

/**
 * The relative paths to look for, in order: the stored one, then, for a call answered within
 * {@link MIDNIGHT_SLACK_MS} of 00:00 UTC, the same file in the neighbouring day's folder.
 * Empty when the stored name is not of the accepted shape.
 */
export function recordingCandidates(file: string, answeredAt: Date | null): string[] {
  if (!isRecordingFileName(file)) return [];
  const candidates = [file];
  if (!answeredAt) return candidates;
  const name = file.slice(9);
  const intoDay = answeredAt.getTime() % DAY_MS;
  if (intoDay >= DAY_MS - MIDNIGHT_SLACK_MS) candidates.push(`${utcDayFolder(new Date(answeredAt.getTime() + DAY_MS))}/${name}`);
  if (intoDay < MIDNIGHT_SLACK_MS) candidates.push(`${utcDayFolder(new Date(answeredAt.getTime() - DAY_MS))}/${name}`);
  return candidates.filter((candidate, index) => candidates.indexOf(candidate) === index);
}
