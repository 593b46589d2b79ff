import { StringDecoder } from 'node:string_decoder';

/** One AMI message as ordered key/value pairs: Asterisk's key order and spelling are part of the contract. */
export type AmiFields = Array<readonly [string, string]>;

/** An action as a client sent it: keys lower-cased for lookup (Asterisk matches them case-insensitively). */
export interface ActionRequest {
  readonly name: string;
  readonly fields: ReadonlyMap<string, string>;
  /** Every `Variable:` line, in order (Originate may carry several). */
  readonly variables: readonly string[];
  get(key: string): string | undefined;
}

const MAX_FRAME_BYTES = 64 * 1024;

/** Serialises one message with CRLF line ends and the terminating blank line. */
export function serializeMessage(fields: AmiFields): string {
  let out = '';
  for (const [k, v] of fields) out += `${k}: ${v}\r\n`;
  return `${out}\r\n`;
}

/** Parses one action frame (without its blank line) into an ActionRequest; returns an error text when unusable. */
export function parseActionFrame(frame: string): ActionRequest | { error: string } {
  const fields = new Map<string, string>();
  const variables: string[] = [];
  for (const rawLine of frame.split(/\r?\n/)) {
    if (rawLine === '') continue;
    const colon = rawLine.indexOf(':');
    if (colon <= 0) return { error: `Malformed line (no "Key: value"): ${rawLine.slice(0, 60)}` };
    const key = rawLine.slice(0, colon).trim().toLowerCase();
    const value = rawLine.slice(colon + 1).replace(/^ /, '');
    if (key === 'variable') variables.push(value);
    if (!fields.has(key)) fields.set(key, value);
  }
  const name = fields.get('action') ?? '';
  return { name, fields, variables, get: (key: string) => fields.get(key.toLowerCase()) };
}

/**
 * Splits a client byte stream into action frames. Decodes UTF-8 as a stream (a read may end
 * mid-character) and accepts LF-only clients too. Frames over 64 KiB are reported, not buffered forever.
 */
export function createActionFramer(onFrame: (frame: string) => void, onOversize: () => void): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  return (chunk) => {
    buffer += decoder.write(chunk);
    for (;;) {
      const match = /\r?\n\r?\n/.exec(buffer);
      if (!match) break;
      const frame = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (frame.trim() !== '') onFrame(frame);
    }
    if (buffer.length > MAX_FRAME_BYTES) {
      buffer = '';
      onOversize();
    }
  };
}

/** Formats epoch milliseconds the way `timestampevents = yes` prints them: seconds with 6 decimals. */
export function formatTimestamp(ms: number): string {
  return (ms / 1000).toFixed(6);
}

/** `2026-11-29 15:13:56` in UTC, as the Cdr event prints times (the recording PBX ran in UTC). */
export function formatCdrTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-11-29T15:13:56.123+0000`, as security events print EventTV. */
export function formatEventTv(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}+0000`;
}
