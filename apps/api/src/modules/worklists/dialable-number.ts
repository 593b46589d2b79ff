/**
 * Whether the PBX may dial a citizen's number on a call-out: a mobile or a landline with its
 * area code (what [yixian-callback] accepts), never a short code such as 110 or a withheld number.
 */
import { normalisePhone } from '@yixian/domain';

const DIALABLE = /^(?:1[3-9]\d{9}|0[1-9]\d{8,11})$/;

/** The number as the dialplan takes it, or null when it cannot be called back. */
export function toDialableNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const number = normalisePhone(raw);
    return DIALABLE.test(number) ? number : null;
  } catch {
    return null;
  }
}
