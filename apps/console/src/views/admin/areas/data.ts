/**
 * The areas page's pure parts: the flat list nested into a tree, what the map shows for the
 * selected area, a chosen file read as a FeatureCollection, and a problem's words. No I/O.
 */
import type { AdminArea, AreaProblem, AreaWithBoundary } from '#/api/organisation';

export interface AreaTreeNode {
  id: string;
  label: string;
  level: string;
  area: AdminArea;
  children: AreaTreeNode[];
}

/** Nests the list (parents before children, as the API orders it) under its roots. */
export function buildAreaTree(areas: readonly AdminArea[], label: (area: AdminArea) => string): AreaTreeNode[] {
  const nodes = new Map(areas.map((area) => [area.id, { id: area.id, label: label(area), level: area.level, area, children: [] as AreaTreeNode[] }]));
  const roots: AreaTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.area.parentId ? nodes.get(node.area.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * An area with children shows them; a grid (no children) shows itself among its parent's
 * children, selected.
 */
export function mapAreasFor(
  detail: { area: AreaWithBoundary; children: AreaWithBoundary[] },
  siblings: readonly AreaWithBoundary[],
): { shapes: AreaWithBoundary[]; selectedId: string } {
  if (detail.children.length > 0) return { shapes: detail.children, selectedId: '' };
  return { shapes: siblings.length > 0 ? [...siblings] : [detail.area], selectedId: detail.area.id };
}

export type ParsedFile = { ok: true; collection: { type: 'FeatureCollection'; features: unknown[] } } | { ok: false; reason: 'not_json' | 'not_collection'; detail?: string };

/** The file's text as a FeatureCollection, or why it is not one (before anything is sent). */
export function parseFeatureCollection(text: string): ParsedFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not_json', detail: error instanceof Error ? error.message : String(error) };
  }
  const value = parsed as { type?: unknown; features?: unknown } | null;
  if (!value || value.type !== 'FeatureCollection' || !Array.isArray(value.features) || value.features.length === 0) return { ok: false, reason: 'not_collection' };
  return { ok: true, collection: { type: 'FeatureCollection', features: value.features } };
}

/** The numbers of an overlap or a part outside, for the report's detail column. */
export function problemNumbers(problem: AreaProblem): { m2: string; share: string } | null {
  if (problem.squareMetres === undefined || problem.share === undefined) return null;
  return { m2: problem.squareMetres.toLocaleString('en-US'), share: (problem.share * 100).toFixed(2) };
}

/** The file's own areas by code: their name and feature number (1-based), for areas the file creates. */
export function fileAreasByCode(collection: unknown): Map<string, { name: string; nameEn: string; feature: number }> {
  const features = (collection as { features?: unknown[] } | null)?.features ?? [];
  const byCode = new Map<string, { name: string; nameEn: string; feature: number }>();
  features.forEach((feature, index) => {
    const props = (feature as { properties?: Record<string, unknown> } | null)?.properties ?? {};
    if (typeof props.code !== 'string' || byCode.has(props.code)) return;
    const name = typeof props.name === 'string' ? props.name : props.code;
    byCode.set(props.code, { name, nameEn: typeof props.nameEn === 'string' ? props.nameEn : name, feature: index + 1 });
  });
  return byCode;
}

/** The words of a problem's detail: the ring counted from 1 and the position it names. */
export function problemDetailValues(problem: AreaProblem): { ring: number; at: string } {
  return { ring: (problem.ring ?? 0) + 1, at: problem.at ? `[${problem.at.join(', ')}]` : '' };
}
