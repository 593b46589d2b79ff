/**
 * A hotline's after-hours policy and how the PBX reads it. The API keeps it on the `hotline` row;
 * the bridge writes one AstDB key per active number (family `yixian-hotline`, key = the number
 * dialled) whose value the dialplan (`telephony/asterisk/extensions.conf`, `[hotline-inbound]`)
 * and the PBX simulator both read: `<hours>|<when closed>|<queue priority>`, e.g.
 * `office|forward:12345|0`. Holidays and make-up working days go to family `yixian-calendar`
 * (key YYYYMMDD, value `holiday` | `workday`).
 */
import type { EnumValue } from './enum-helpers';

/** When a line is open: always, or in office hours (the PBX's OFFICE_DAYS/OFFICE_TIMES and the work calendar). */
export const HOTLINE_HOURS = { always: '24h', office: 'office' } as const;
export type HotlineHours = EnumValue<typeof HOTLINE_HOURS>;

/** What a caller gets while the line is closed. */
export const WHEN_CLOSED = { callbackOrMessage: 'callback_or_message', message: 'message', forward: 'forward' } as const;
export type WhenClosed = EnumValue<typeof WHEN_CLOSED>;

/** AstDB families the PBX reads; the product owns them (a sync deletes keys it did not write). */
export const ASTDB_FAMILIES = { hotline: 'yixian-hotline', calendar: 'yixian-calendar' } as const;

/** A number the centre can answer: 3 to 8 digits, not starting with 0 (0… is the carrier's). */
export const HOTLINE_NUMBER_PATTERN = /^[1-9][0-9]{2,7}$/;

/** The police line: always open and never sent to voicemail, whatever the data says (the dialplan fixes it too). */
export const POLICE_HOTLINE = '110';

export interface HotlinePolicy {
  hours: HotlineHours;
  whenClosed: WhenClosed;
  forwardTo: string | null;
  priority: number;
}

/** The AstDB value of one active hotline. */
export function pbxHotlineValue(policy: HotlinePolicy): string {
  const closed = policy.whenClosed === WHEN_CLOSED.forward ? `forward:${policy.forwardTo ?? ''}` : policy.whenClosed;
  return `${policy.hours}|${closed}|${policy.priority}`;
}

/** Reads an AstDB value back (the simulator does, as the dialplan does); null when it is not one. */
export function parsePbxHotlineValue(value: string): HotlinePolicy | null {
  const [hours, closed, priority] = value.split('|');
  if (hours !== HOTLINE_HOURS.always && hours !== HOTLINE_HOURS.office) return null;
  if (!/^-?\d+$/.test(priority ?? '')) return null;
  const forward = /^forward:(\d+)$/.exec(closed ?? '');
  if (forward) return { hours, whenClosed: WHEN_CLOSED.forward, forwardTo: forward[1]!, priority: Number(priority) };
  if (closed !== WHEN_CLOSED.callbackOrMessage && closed !== WHEN_CLOSED.message) return null;
  return { hours, whenClosed: closed, forwardTo: null, priority: Number(priority) };
}

/** The AstDB key of a calendar day (the PBX's local date, as the dialplan formats `%Y%m%d`). */
export const calendarKey = (isoDay: string) => isoDay.replaceAll('-', '');
