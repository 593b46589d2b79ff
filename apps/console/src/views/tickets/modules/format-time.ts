/**
 * Date formatting for lists. `toLocaleString(locale, options)` builds a new Intl.DateTimeFormat
 * on every call, which is most of a cell's cost in a table of a few hundred rows; the formats
 * here are made once per locale and style and reused.
 */
const STYLES = {
  /** Month, day and time (a list's created-at column). */
  short: { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  /** The locale's default date and time (a countdown's tooltip). */
  full: { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type TimeStyle = keyof typeof STYLES;

const formats = new Map<string, Intl.DateTimeFormat>();

/** `iso` in `locale`, or '' for a missing or unparseable date. */
export function formatTime(iso: string | null | undefined, locale: string, style: TimeStyle): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '';
  const key = `${locale}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, STYLES[style]);
    formats.set(key, format);
  }
  return format.format(time);
}
