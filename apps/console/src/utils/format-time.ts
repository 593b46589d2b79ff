/**
 * The one way the console writes a time: the centre's clock (Asia/Shanghai, UTC+8 all year, no
 * daylight saving), whatever the browser's time zone, 24-hour, as `2026-02-03 16:07:09` in both
 * languages (the server's exports write the same). Plain arithmetic, no Intl formatter per cell.
 */
export const CENTRE_TIME_ZONE = 'Asia/Shanghai';
const CENTRE_OFFSET_MS = 8 * 3600_000;

export type TimeStyle = 'full' | 'minutes' | 'short' | 'time';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * `iso` (or a Date) at the centre's time, or '' for a missing or unparseable date. `full`
 * `2026-02-03 16:07:09`, `minutes` `2026-02-03 16:07`, `short` `02-03 16:07`, `time` `16:07:09`.
 * `locale` is accepted for the callers' sake; the format is the same in both languages.
 */
export function formatTime(iso: string | Date | null | undefined, _locale?: string, style: TimeStyle = 'full'): string {
  const time = iso instanceof Date ? iso.getTime() : iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '';
  const at = new Date(time + CENTRE_OFFSET_MS);
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const minutes = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  const seconds = `${minutes}:${pad(at.getUTCSeconds())}`;
  if (style === 'minutes') return `${date} ${minutes}`;
  if (style === 'short') return `${date.slice(5)} ${minutes}`;
  if (style === 'time') return seconds;
  return `${date} ${seconds}`;
}
