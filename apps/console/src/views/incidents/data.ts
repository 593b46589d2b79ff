/**
 * Pure helpers the incident pages share: level colours, state tag types, the list's query from
 * its filters, and the trail and alert calls in words (never raw codes).
 */
import { INCIDENT_LEVEL_VALUES, type IncidentLevel } from '@yixian/domain';
import type { AlertCallView, IncidentQuery, TrailEntry } from '#/api/incidents';

/** Level colours of the national scheme: I red, II orange, III yellow, IV blue. */
export const LEVEL_COLOURS: Readonly<Record<IncidentLevel, { background: string; text: string }>> = {
  I: { background: '#d92d20', text: '#ffffff' },
  II: { background: '#f07c00', text: '#ffffff' },
  III: { background: '#f5c400', text: '#3d2f00' },
  IV: { background: '#1d6fd8', text: '#ffffff' },
};

export function levelColour(level: string): { background: string; text: string } {
  return (LEVEL_COLOURS as Record<string, { background: string; text: string }>)[level] ?? { background: '#909399', text: '#ffffff' };
}

export const INCIDENT_LEVELS_ORDERED: readonly IncidentLevel[] = INCIDENT_LEVEL_VALUES;

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

export function incidentStateTagType(state: string): TagType {
  if (state === 'reported' || state === 'verified') return 'warning';
  if (state === 'filed' || state === 'responding') return 'danger';
  if (state === 'handled') return 'primary';
  if (state === 'closed') return 'success';
  return 'info';
}

export function activationStateTagType(state: string): TagType {
  if (state === 'acknowledged') return 'success';
  if (state === 'notifying') return 'warning';
  if (state === 'unreached' || state === 'escalated') return 'danger';
  return 'info';
}

export function taskStateTagType(state: string, overdue: boolean): TagType {
  if (overdue && state !== 'done' && state !== 'cancelled') return 'danger';
  if (state === 'done') return 'success';
  if (state === 'assigned') return 'warning';
  if (state === 'cancelled') return 'info';
  return 'primary';
}

export interface IncidentFilters {
  states: string[];
  type: string;
  level: string;
  period: [string, string] | null;
  q: string;
}

/** `YYYY-MM-DD` days at the centre (UTC+8) → ISO instants covering the whole days. */
export function dayRangeToIso(period: [string, string] | null): { from?: string; to?: string } {
  if (!period) return {};
  const [from, to] = period;
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(`${to}T00:00:00+08:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export function buildIncidentQuery(filters: IncidentFilters, page: number, pageSize: number): IncidentQuery {
  return {
    state: filters.states.length ? filters.states.join(',') : undefined,
    type: filters.type || undefined,
    level: filters.level || undefined,
    q: filters.q.trim() || undefined,
    ...dayRangeToIso(filters.period),
    page,
    pageSize,
  };
}

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** A code's label, or a neutral word when the locale does not know it (never the raw code). */
export function labelOf(t: Translate, te: Exists, prefix: string, value: string | null | undefined, fallbackKey = 'common.empty'): string {
  if (value === null || value === undefined || value === '') return '—';
  return te(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : t(fallbackKey);
}

/**
 * A trail entry's reason: a system act's coded reason in words (`no_number`); a person's reason
 * as written. A code the console does not know is left out rather than shown raw.
 */
function describeReason(entry: TrailEntry, t: Translate, te: Exists): string {
  const reason = entry.reason?.trim();
  if (!reason) return '';
  if (te(`incident.trail.reasons.${reason}`)) return t(`incident.trail.reasons.${reason}`);
  if (!entry.actor && /^[a-z][a-z_]*$/.test(reason)) return '';
  return reason;
}

/** One alert call in words: "第 2 次 · 副班 · 无人接听". */
export function describeCall(call: AlertCallView, t: Translate, te: Exists): string {
  return t('incident.activations.callLine', {
    attempt: call.attempt,
    target: labelOf(t, te, 'emergency.callTargets', call.target),
    outcome: labelOf(t, te, 'emergency.callOutcomes', call.outcome),
  });
}

/** A trail entry's headline and the details it carries, in words. */
export function describeTrailEntry(entry: TrailEntry, t: Translate, te: Exists): { title: string; details: string[] } {
  const title = te(`incident.trail.actions.${entry.action}`) ? t(`incident.trail.actions.${entry.action}`) : t('incident.trail.actions.other');
  const details: string[] = [];
  const data = entry.data ?? {};
  if (entry.fromState && entry.toState && entry.fromState !== entry.toState) {
    details.push(t('incident.trail.transition', {
      from: labelOf(t, te, 'emergency.states', entry.fromState),
      to: labelOf(t, te, 'emergency.states', entry.toState),
    }));
  }
  const fromLevel = typeof data.fromLevel === 'string' ? data.fromLevel : typeof data.from === 'string' && te(`emergency.levelShort.${data.from}`) ? data.from : null;
  const toLevel = typeof data.toLevel === 'string' ? data.toLevel : typeof data.level === 'string' ? data.level : null;
  if (toLevel && te(`emergency.levelShort.${toLevel}`)) {
    details.push(fromLevel
      ? t('incident.trail.levelChange', { from: t(`emergency.levelShort.${fromLevel}`), to: t(`emergency.levelShort.${toLevel}`) })
      : t(`emergency.levels.${toLevel}`));
  }
  if (typeof data.kind === 'string' && te(`emergency.reportKinds.${data.kind}`)) details.push(t(`emergency.reportKinds.${data.kind}`));
  if (typeof data.unitName === 'string') details.push(t('incident.trail.unitName', { name: data.unitName }));
  else if (entry.unit) details.push(t('incident.trail.unitName', { name: entry.unit.name }));
  if (Array.isArray(data.unitNames) && data.unitNames.length) details.push(t('incident.trail.unitName', { name: data.unitNames.join('、') }));
  if (typeof data.taskTitle === 'string') details.push(t('incident.trail.taskTitle', { title: data.taskTitle }));
  if (typeof data.outcome === 'string' && te(`emergency.callOutcomes.${data.outcome}`)) {
    details.push(t('incident.trail.outcome', { outcome: t(`emergency.callOutcomes.${data.outcome}`) }));
  }
  if (typeof data.fieldStatus === 'string' && te(`emergency.fieldStatuses.${data.fieldStatus}`)) details.push(t(`emergency.fieldStatuses.${data.fieldStatus}`));
  if (typeof data.ticketCode === 'string') details.push(t('incident.trail.ticket', { code: data.ticketCode }));
  if (typeof data.source === 'string' && te(`emergency.sources.${data.source}`)) details.push(t('incident.trail.source', { source: t(`emergency.sources.${data.source}`) }));
  if (entry.action === 'plan_applied' && typeof data.activated === 'number') {
    details.push(t('incident.trail.planApplied', { units: data.activated, tasks: typeof data.tasks === 'number' ? data.tasks : 0 }));
  }
  if (typeof data.planVersion === 'number' && entry.action === 'plan_applied') details.push(t('incident.trail.planVersion', { version: data.planVersion }));
  if (typeof data.attempt === 'number' && typeof data.target === 'string') {
    details.push(t('incident.trail.attempt', { attempt: data.attempt, target: labelOf(t, te, 'emergency.callTargets', data.target) }));
  }
  if (typeof data.via === 'string' && te(`emergency.ackVia.${data.via}`)) details.push(t('incident.trail.via', { via: t(`emergency.ackVia.${data.via}`) }));
  if (data.late === true) details.push(t('incident.trail.late'));
  const reason = describeReason(entry, t, te);
  if (reason) details.push(reason);
  if (typeof data.note === 'string' && data.note) details.push(data.note);
  return { title, details };
}

/** The subtype choices as a cascade: type → its subtypes. */
export function buildTypeCascade(
  subtypes: Readonly<Record<string, readonly string[]>>,
  t: Translate,
): { value: string; label: string; children: { value: string; label: string }[] }[] {
  return Object.entries(subtypes).map(([type, list]) => ({
    value: type,
    label: t(`emergency.types.${type}`),
    children: list.map((subtype) => ({ value: subtype, label: t(`emergency.subtypes.${subtype}`) })),
  }));
}
