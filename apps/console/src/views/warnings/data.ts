/** Pure helpers of the warnings pages: level colours, state tags, the acknowledgement figure, the draft form. */
import { ROLES, WARNING_LEVEL_VALUES, WARNING_TYPE_VALUES, type Role, type WarningLevel, type WarningState, type WarningType } from '@yixian/domain';
import type { AckFigure, WarningDetail, WarningDraft } from '#/api/warnings';

export { WARNING_LEVEL_VALUES, WARNING_TYPE_VALUES };

/** The national warning colours (background, and the text that reads on it). */
export const LEVEL_COLOURS: Record<WarningLevel, { background: string; text: string }> = {
  blue: { background: '#1f6fd1', text: '#ffffff' },
  yellow: { background: '#f5c400', text: '#1f1f1f' },
  orange: { background: '#f07d00', text: '#ffffff' },
  red: { background: '#d7261e', text: '#ffffff' },
};

export const STATE_TAG: Record<WarningState, 'info' | 'warning' | 'success' | 'danger' | 'primary'> = {
  draft: 'info', pending_approval: 'warning', published: 'success', lifted: 'primary', expired: 'info',
};

/** Who drafts, updates and lifts (the server checks the same); only a commander approves. */
export const canDraftWarnings = (roles: readonly Role[]) => roles.some((role) => role === ROLES.commander || role === ROLES.dispatcher || role === ROLES.shift_lead);
export const isCommander = (roles: readonly Role[]) => roles.includes(ROLES.commander);

/** `82%`, or null when nobody was reached yet. */
export function ackPercent(ack: AckFigure): number | null {
  return ack.rate === null ? null : Math.round(ack.rate * 100);
}

export interface DraftForm {
  level: WarningLevel;
  type: WarningType;
  title: string;
  text: string;
  period: [Date, Date] | null;
  unitIds: string[];
  areaIds: string[];
  allGridMembers: boolean;
  tiers: number[];
  /** The incident the warning belongs to, if any. */
  incidentId: string | null;
}

export function emptyDraftForm(now = new Date()): DraftForm {
  return { level: 'yellow', type: 'rainstorm', title: '', text: '', period: [now, new Date(now.getTime() + 24 * 3600_000)], unitIds: [], areaIds: [], allGridMembers: false, tiers: [], incidentId: null };
}

export function formOfWarning(warning: WarningDetail): DraftForm {
  return {
    level: warning.level, type: warning.type, title: warning.title, text: warning.text,
    period: [new Date(warning.validFrom), new Date(warning.validUntil)],
    unitIds: warning.targets.units.map((unit) => unit.id), areaIds: warning.targets.areas.map((area) => area.id),
    allGridMembers: warning.targets.allGridMembers, tiers: [...warning.targets.tiers], incidentId: warning.incident?.id ?? null,
  };
}

export const hasTargets = (form: DraftForm) => form.unitIds.length > 0 || form.areaIds.length > 0 || form.tiers.length > 0 || form.allGridMembers;

/** The request body of a draft form, or the key of what is missing. */
export function draftBodyOf(form: DraftForm): { body: WarningDraft } | { missing: 'title' | 'text' | 'validity' | 'targets' | 'periodOrder' } {
  if (!form.title.trim()) return { missing: 'title' };
  if (!form.text.trim()) return { missing: 'text' };
  if (!form.period) return { missing: 'validity' };
  if (form.period[1].getTime() <= form.period[0].getTime()) return { missing: 'periodOrder' };
  if (!hasTargets(form)) return { missing: 'targets' };
  return {
    body: {
      level: form.level, type: form.type, title: form.title.trim(), text: form.text.trim(),
      validFrom: form.period[0].toISOString(), validUntil: form.period[1].toISOString(),
      targets: {
        ...(form.unitIds.length ? { unitIds: form.unitIds } : {}), ...(form.areaIds.length ? { areaIds: form.areaIds } : {}),
        ...(form.tiers.length ? { tiers: form.tiers } : {}), ...(form.allGridMembers ? { allGridMembers: true } : {}),
      },
      incidentId: form.incidentId,
    },
  };
}

/** `warning.send_back` → the audit part's label key `audit.actions.warning_send_back`. */
export const trailLabelKey = (action: string) => `audit.actions.${action.replaceAll('.', '_')}`;
