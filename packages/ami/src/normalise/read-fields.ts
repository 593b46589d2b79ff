import { getField, type AmiMessage } from '../protocol/ami-message';

/** A field as a trimmed string, or null when absent or empty. */
export function readText(message: AmiMessage, key: string): string | null {
  const value = getField(message, key);
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A whole-number field, or null when absent or not a number (never NaN). */
export function readInt(message: AmiMessage, key: string): number | null {
  const value = readText(message, key);
  if (value === null || !/^-?\d+$/.test(value)) return null;
  return Number(value);
}

/** Asterisk's `Timestamp: 1795965236.929312` (seconds) as ISO, or null. */
export function readTimestamp(message: AmiMessage): string | null {
  const value = readText(message, 'Timestamp');
  if (value === null || !/^\d+(\.\d+)?$/.test(value)) return null;
  const date = new Date(Math.round(Number(value) * 1000));
  // Beyond what a Date holds (a bad frame's digits): no time rather than a throw.
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Caller ID as shown to agents. `<unknown>` means none. Channel events escape quotes
 * and backslashes (`O\'Brien`); OriginateResponse and Cdr do not, so unescape here.
 */
export function readCallerId(message: AmiMessage, key: string): string | null {
  const value = readText(message, key);
  if (value === null || value === '<unknown>') return null;
  return value.replace(/\\(['"\\])/g, '$1');
}
