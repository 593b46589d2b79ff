/**
 * How a difference with the PBX accounting reads on the wallboard: field names, times, seconds,
 * outcomes and agents in words (pure; the panel passes the i18n functions and the time format).
 */
import type { DiscrepancyView } from '#/api/accounting';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type HasKey = (key: string) => boolean;

const TIME_FIELDS = new Set(['enteredAt', 'answeredAt', 'endedAt']);
const SECONDS_FIELDS = new Set(['waitSeconds', 'talkSeconds']);

/** The field's name in words (the API's name when the console does not know it). */
export function discrepancyFieldLabel(field: string, t: Translate, te: HasKey): string {
  return te(`discrepancy.fields.${field}`) ? t(`discrepancy.fields.${field}`) : field;
}

/** One side of a difference in words; `name` is the agent's name on an agentInterface difference. */
export function formatDiscrepancyValue(
  field: string, value: string | null, name: string | null, i18n: { t: Translate; te: HasKey; time: (iso: string) => string },
): string {
  const { t, te, time } = i18n;
  if (value === null) return t('discrepancy.noValue');
  if (TIME_FIELDS.has(field)) return Number.isNaN(Date.parse(value)) ? value : time(value);
  if (SECONDS_FIELDS.has(field)) return t('discrepancy.seconds', { count: value });
  if (field === 'state') return te(`call.states.${value}`) ? t(`call.states.${value}`) : value;
  if (field === 'hangupBy') return te(`discrepancy.hangupBy.${value}`) ? t(`discrepancy.hangupBy.${value}`) : value;
  if (field === 'agentInterface') return name ?? value;
  return value;
}

/** The hotline's name in the page's language, its number when it has none. */
export function discrepancyHotline(item: Pick<DiscrepancyView, 'call'>, locale: string): string {
  const name = locale === 'en' ? item.call.hotlineNameEn : item.call.hotlineName;
  return name ? `${name} ${item.call.hotlineNumber}` : item.call.hotlineNumber;
}
