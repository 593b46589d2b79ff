/**
 * Reads a GeoJSON FeatureCollection of area boundaries into the in-memory tree. Each feature is
 * one area, named by `properties.code`:
 *   - a known code: its boundary is replaced; `name`, `nameEn` and `parentCode`, when given,
 *     rename or move it; `level`, when given, must match;
 *   - an unknown code: a new area, which needs `name`, a `level` (or a parent to take it from)
 *     and `parentCode` unless it is a district (`nameEn` defaults to `name`).
 * Every problem is reported by feature (position from 1) and code; the tree checks then run on
 * the result. Nothing here writes.
 */
import { randomUUID } from 'node:crypto';
import { isAreaLevel } from '@yixian/domain';
import { checkBoundary, type Boundary } from './area-geometry.js';
import { findByCode, recomputePaths, setBoundary, type AreaNode, type AreaProblem, type AreaTree } from './area-tree.js';

export interface ImportFeature {
  type: 'Feature';
  geometry: unknown;
  properties?: Record<string, unknown> | null;
}

const CHILD_LEVEL: Record<string, string | undefined> = { district: 'street', street: 'grid' };
/** What a code may hold: it is typed by people and shown in paths. */
const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export interface ImportOutcome {
  problems: AreaProblem[];
  /** Codes of the areas the file creates, and of those it changes. */
  created: string[];
  updated: string[];
}

export function applyBoundaryImport(tree: AreaTree, features: readonly ImportFeature[]): ImportOutcome {
  const problems: AreaProblem[] = [];
  const seen = new Set<string>();
  const parents: { node: AreaNode; parentCode: string; feature: number }[] = [];
  const created: string[] = [];
  const updated: string[] = [];
  features.forEach((item, index) => {
    const feature = index + 1;
    const props = item.properties ?? {};
    const code = text(props.code);
    const fail = (problem: string, message: string, extra: Partial<AreaProblem> = {}) => problems.push({ feature, code: code ?? null, problem, message, ...extra });
    if (!code) return fail('missing_code', 'the feature has no properties.code');
    if (!CODE_PATTERN.test(code)) return fail('bad_code', 'a code holds 1 to 64 letters, digits, dots, dashes or underscores');
    if (seen.has(code)) return fail('duplicate_code', `the code ${code} appears more than once in the file`);
    seen.add(code);
    const level = text(props.level);
    if (level !== undefined && !isAreaLevel(level)) return fail('unknown_level', `level ${level} is not district, street or grid`);
    let node = findByCode(tree, code);
    if (node && level !== undefined && level !== node.level) return fail('level_mismatch', `${node.name} is a ${node.level}, the file says ${level}`);
    const geometryProblems = checkBoundary(item.geometry);
    for (const problem of geometryProblems) fail(problem.problem, problem.message, { ring: problem.ring, at: problem.at });
    const parentCode = text(props.parentCode);
    if (!node) {
      const name = text(props.name);
      if (!name) return fail('missing_name', `the new area ${code} needs properties.name`);
      if (!level && !parentCode) return fail('missing_level', `the new area ${code} needs properties.level or properties.parentCode`);
      if (level !== 'district' && !parentCode) return fail('missing_parent', `the new ${level ?? 'area'} ${code} needs properties.parentCode`);
      const id = randomUUID();
      node = {
        id, code, name, nameEn: text(props.nameEn) ?? name, level: level ?? '', parentId: null, path: `/${id}`,
        boundary: null, centroidLat: null, centroidLng: null, version: 1, original: null,
      };
      tree.set(id, node);
      created.push(code);
    } else {
      node.name = text(props.name) ?? node.name;
      node.nameEn = text(props.nameEn) ?? node.nameEn;
      updated.push(code);
    }
    if (geometryProblems.length > 0) node.invalidBoundary = true;
    else setBoundary(node, item.geometry as Boundary);
    if (parentCode) parents.push({ node, parentCode, feature });
  });
  for (const { node, parentCode, feature } of parents) {
    const parent = findByCode(tree, parentCode);
    if (!parent) {
      problems.push({ feature, code: node.code, problem: 'unknown_parent', message: `no area has the parent code ${parentCode}` });
      continue;
    }
    node.parentId = parent.id;
    if (!node.level) node.level = CHILD_LEVEL[parent.level] ?? '';
  }
  recomputePaths(tree);
  return { problems, created, updated };
}
