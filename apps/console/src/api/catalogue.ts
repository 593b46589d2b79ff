import { requestClient } from './client';

/** One node of the category catalogue; only leaves take tickets. */
export interface Category {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  parentId: string | null;
  isLeaf: boolean;
  defaultKind: string;
  isPolice: boolean;
  level: string;
  defaultUnitId: string | null;
  handleLimitDays: number | null;
  requiredFields: Record<string, unknown>[];
}

/** One node of the area tree (district → streets → grids). */
export interface Area {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentId: string | null;
  path: string;
  centroidLat: number | null;
  centroidLng: number | null;
}

/** The whole active catalogue (groups and leaves). */
export function listCategories(): Promise<Category[]> {
  return requestClient.get<Category[]>('/categories');
}

/** Areas, optionally one level or the children of one parent. */
export function listAreas(query: { level?: 'district' | 'street' | 'grid'; parentId?: string } = {}): Promise<Area[]> {
  return requestClient.get<Area[]>('/areas', { query: { ...query } });
}

/** One handling unit: a district department, a street office, a grid team or the police desk. */
export interface Unit {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  type: string;
  /** Emergency linkage tier 1-3, null outside the linkage plan. */
  linkageTier: number | null;
  areaId: string;
}

/** Every active unit. */
export function listUnits(): Promise<Unit[]> {
  return requestClient.get<Unit[]>('/units');
}
