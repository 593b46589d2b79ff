import { requestClient } from './client';

/** One unit as administrators see it, with the names of its parent, area and handled categories. */
export interface AdminUnit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  type: string;
  level: string;
  parentId: string | null;
  parentName: string | null;
  parentNameEn: string | null;
  linkageTier: number | null;
  dutyPhone: string | null;
  areaId: string;
  areaName: string;
  areaNameEn: string;
  active: boolean;
  version: number;
  categoryIds: string[];
  categories: { id: string; name: string; nameEn: string }[];
}

export interface UnitFields {
  code: string;
  name: string;
  nameEn: string;
  type: string;
  parentId: string | null;
  linkageTier: number | null;
  dutyPhone: string | null;
  areaId: string;
  categoryIds: string[];
}

/** Codes a unit form shows itself, beside the field or as the stale-edit notice. */
const FORM_CODES = ['validation_failed', 'conflict'] as const;

export function listAdminUnits(): Promise<AdminUnit[]> {
  return requestClient.get<AdminUnit[]>('/admin/units');
}

export function createUnit(body: UnitFields): Promise<AdminUnit> {
  return requestClient.post<AdminUnit>('/admin/units', body, { handledCodes: FORM_CODES });
}

export function updateUnit(id: string, body: UnitFields & { version: number }): Promise<AdminUnit> {
  return requestClient.put<AdminUnit>(`/admin/units/${encodeURIComponent(id)}`, body, { handledCodes: FORM_CODES });
}

/** Disabling a unit still in use answers 409 `confirmation_required` with counts; `confirm` goes ahead. */
export function setUnitActive(id: string, active: boolean, body: { version: number; confirm?: boolean }): Promise<AdminUnit> {
  return requestClient.post<AdminUnit>(`/admin/units/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`, body, { handledCodes: ['conflict'] });
}

/** An area of the tree, without its polygon. */
export interface AdminArea {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentId: string | null;
  path: string;
  centroidLat: number | null;
  centroidLng: number | null;
  version: number;
  hasBoundary: boolean;
  childCount: number;
}

export type AreaWithBoundary = Omit<AdminArea, 'hasBoundary' | 'childCount'> & { boundary: unknown };

export interface AreaProblem {
  code: string | null;
  feature?: number;
  problem: string;
  message: string;
  with?: string;
  squareMetres?: number;
  share?: number;
  /** 0-based ring index of a geometry problem, and the position it names. */
  ring?: number;
  at?: number[];
}

export interface BoundaryImportReport {
  dryRun: boolean;
  applied: boolean;
  features: number;
  created: string[];
  updated: string[];
  problems: AreaProblem[];
}

export function listAdminAreas(): Promise<AdminArea[]> {
  return requestClient.get<AdminArea[]>('/admin/areas');
}

export function getAdminArea(id: string): Promise<{ area: AreaWithBoundary; parent: AreaWithBoundary | null; children: AreaWithBoundary[] }> {
  return requestClient.get(`/admin/areas/${encodeURIComponent(id)}`);
}

export function updateArea(id: string, body: { code: string; name: string; nameEn: string; parentId: string | null; version: number }): Promise<AreaWithBoundary> {
  return requestClient.put<AreaWithBoundary>(`/admin/areas/${encodeURIComponent(id)}`, body, { handledCodes: FORM_CODES });
}

/** Sends a FeatureCollection; an apply with problems answers 400 carrying the same report as the dry run. */
export function importBoundaries(collection: unknown, dryRun: boolean): Promise<BoundaryImportReport> {
  return requestClient.post<BoundaryImportReport>('/admin/areas/boundaries/import', collection, { query: { dryRun }, handledCodes: ['validation_failed', 'conflict'], timeoutMs: 120_000 });
}
