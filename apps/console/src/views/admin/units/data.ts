/**
 * The units page's pure parts: units grouped by type, the form ↔ API shapes, and the words of a
 * refusal. No I/O.
 */
import { UNIT_TYPE_VALUES } from '@yixian/domain';
import type { AdminUnit, UnitFields } from '#/api/organisation';
import { filterByName } from '#/components/pickers/name-match';

export interface UnitForm {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  parentId: string;
  /** 0 = outside the linkage plan (a radio button cannot hold null). */
  linkageTier: number;
  dutyPhone: string;
  areaId: string;
  categoryIds: string[];
}

export interface Issue {
  field: string;
  code: string;
}

/** The units of each type, in the domain's order, filtered by a typed name or pinyin. */
export function groupUnitsByType(units: readonly AdminUnit[], query: string): { type: string; units: AdminUnit[] }[] {
  return UNIT_TYPE_VALUES.map((type) => ({ type, units: filterByName(units.filter((unit) => unit.type === type), query) }));
}

export function emptyUnitForm(): UnitForm {
  return { code: '', name: '', nameEn: '', type: 'department', parentId: '', linkageTier: 0, dutyPhone: '', areaId: '', categoryIds: [] };
}

export function unitFormOf(unit: AdminUnit): UnitForm {
  return {
    code: unit.code, name: unit.name, nameEn: unit.nameEn, type: unit.type, parentId: unit.parentId ?? '', linkageTier: unit.linkageTier ?? 0,
    dutyPhone: unit.dutyPhone ?? '', areaId: unit.areaId, categoryIds: [...unit.categoryIds],
  };
}

export function unitFieldsOf(form: UnitForm): UnitFields {
  return {
    code: form.code.trim(), name: form.name.trim(), nameEn: form.nameEn.trim(), type: form.type, parentId: form.parentId || null,
    linkageTier: form.linkageTier || null, dutyPhone: form.dutyPhone.trim() || null, areaId: form.areaId, categoryIds: form.categoryIds,
  };
}

/** The refusal in an API error body: its field and reason (the form shows it beside the field). */
export function issueOf(field: string | undefined, body: Readonly<Record<string, unknown>>): Issue | null {
  const reason = (body.details as { reason?: string } | undefined)?.reason;
  if (!field || !reason) return null;
  return { field, code: reason };
}

/** What disabling answered when it refused: the counts to show, or why it cannot go ahead. */
export interface DisableRefusal {
  reason: 'confirmation_required' | 'unit_in_use' | 'police_desk' | 'already_active' | 'already_disabled' | 'stale_version' | string;
  openTickets?: number;
  activeAccounts?: number;
  activeChildren?: number;
  categories?: number;
}

export function disableRefusalOf(body: Readonly<Record<string, unknown>>): DisableRefusal | null {
  const details = body.details as DisableRefusal | undefined;
  return details?.reason ? details : null;
}
