/**
 * The whole area tree in memory (a district has ~150 areas), changed there first and checked as
 * a whole before anything is written: levels (district → street → grid), no sibling overlapping
 * another beyond the tolerance, every area inside its parent within the tolerance. Only pairs
 * that involve a changed area are measured, so an edit is judged by what it changes.
 */
import type { Prisma } from '@yixian/db';
import { AREA_LEVELS } from '@yixian/domain';
import {
  areaOf, centroidOf, isBeyondTolerance, outsideOf, overlapOf, type Boundary, type GeometryProblem,
} from './area-geometry.js';

export interface AreaNode {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentId: string | null;
  path: string;
  boundary: Boundary | null;
  centroidLat: number | null;
  centroidLng: number | null;
  version: number;
  /** The row as read, to compare and to audit; null for a new area. */
  original: AreaView | null;
  /** Its boundary failed the geometry checks: the tree checks skip it (the problem is already named). */
  invalidBoundary?: boolean;
}

export type AreaView = Omit<AreaNode, 'original' | 'invalidBoundary'>;

export interface AreaProblem {
  /** The area's code (null when a feature has none). */
  code: string | null;
  /** The feature's position in an imported file, from 1. */
  feature?: number;
  problem: string;
  message: string;
  /** The other area of an overlap, or the parent of an area that sticks out. */
  with?: string;
  squareMetres?: number;
  /** The overlap or the part outside as a share of the smaller area (0.012 = 1.2%). */
  share?: number;
  ring?: number;
  at?: GeometryProblem['at'];
}

export type AreaTree = Map<string, AreaNode>;

const PARENT_LEVEL: Record<string, string | null> = {
  [AREA_LEVELS.district]: null, [AREA_LEVELS.street]: AREA_LEVELS.district, [AREA_LEVELS.grid]: AREA_LEVELS.street,
};

export function viewOf(node: AreaNode): AreaView {
  const { original: _original, invalidBoundary: _invalid, ...view } = node;
  return view;
}

export async function loadAreaTree(tx: Prisma.TransactionClient): Promise<AreaTree> {
  const rows = await tx.area.findMany({
    orderBy: { path: 'asc' },
    select: { id: true, code: true, name: true, nameEn: true, level: true, parentId: true, path: true, boundary: true, centroidLat: true, centroidLng: true, version: true },
  });
  return new Map(rows.map((row) => {
    const view: AreaView = { ...row, boundary: (row.boundary ?? null) as Boundary | null };
    return [row.id, { ...view, original: { ...view } }];
  }));
}

export function findByCode(tree: AreaTree, code: string): AreaNode | undefined {
  return [...tree.values()].find((node) => node.code === code);
}

/** Sets a new boundary and its centroid. */
export function setBoundary(node: AreaNode, boundary: Boundary): void {
  node.boundary = boundary;
  const centre = centroidOf(boundary);
  node.centroidLat = centre.lat;
  node.centroidLng = centre.lng;
}

/** Rebuilds every materialised path from the parents (a move carries its subtree). */
export function recomputePaths(tree: AreaTree): void {
  const visit = (node: AreaNode, prefix: string, seen: Set<string>) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    node.path = `${prefix}/${node.id}`;
    for (const child of tree.values()) if (child.parentId === node.id) visit(child, node.path, seen);
  };
  const seen = new Set<string>();
  for (const node of tree.values()) if (node.parentId === null) visit(node, '', seen);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isGeometryChanged(node: AreaNode): boolean {
  return !node.original || node.original.parentId !== node.parentId || !sameJson(node.original.boundary, node.boundary);
}

/** The fields an administrator changed on the node (path follows the parent and is not listed). */
export function changedFieldsOf(node: AreaNode): string[] {
  if (!node.original) return ['created'];
  return (['code', 'name', 'nameEn', 'parentId', 'boundary'] as const).filter((key) => !sameJson(node.original![key], node[key]));
}

function checkLevels(tree: AreaTree, node: AreaNode): AreaProblem[] {
  const wanted = PARENT_LEVEL[node.level];
  if (wanted === undefined) return [{ code: node.code, problem: 'unknown_level', message: `level ${node.level} is not district, street or grid` }];
  const parent = node.parentId ? tree.get(node.parentId) : undefined;
  if (wanted === null && node.parentId !== null) return [{ code: node.code, problem: 'parent_level', message: 'a district has no parent area' }];
  if (wanted !== null && parent?.level !== wanted) {
    return [{ code: node.code, problem: 'parent_level', message: `a ${node.level}'s parent must be a ${wanted}${parent ? `; ${parent.name} is a ${parent.level}` : ''}` }];
  }
  return [];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function outsideProblem(child: AreaNode, parent: AreaNode): AreaProblem | null {
  const outside = outsideOf(child.boundary!, parent.boundary!);
  const own = areaOf(child.boundary!);
  if (!isBeyondTolerance(outside, own)) return null;
  return {
    code: child.code, problem: 'outside_parent', with: parent.code, squareMetres: Math.round(outside), share: round(outside / own, 4),
    message: `${child.name} lies ${Math.round(outside)} m² (${round((100 * outside) / own, 2)}%) outside its parent ${parent.name}`,
  };
}

function overlapProblem(a: AreaNode, b: AreaNode): AreaProblem | null {
  const shared = overlapOf(a.boundary!, b.boundary!);
  if (shared === 0) return null;
  const smaller = Math.min(areaOf(a.boundary!), areaOf(b.boundary!));
  if (!isBeyondTolerance(shared, smaller)) return null;
  return {
    code: a.code, problem: 'overlap', with: b.code, squareMetres: Math.round(shared), share: round(shared / smaller, 4),
    message: `${a.name} overlaps ${b.name} by ${Math.round(shared)} m² (${round((100 * shared) / smaller, 2)}% of the smaller)`,
  };
}

/** Every problem of the tree that involves a changed area; none means it may be written. */
export function checkAreaTree(tree: AreaTree): AreaProblem[] {
  const problems: AreaProblem[] = [];
  const nodes = [...tree.values()];
  const changed = nodes.filter((node) => !node.original || changedFieldsOf(node).length > 0);
  for (const node of changed) problems.push(...checkLevels(tree, node));
  const shaped = (node: AreaNode | undefined): node is AreaNode => !!node && node.boundary !== null && !node.invalidBoundary;
  const moved = new Set(nodes.filter((node) => shaped(node) && isGeometryChanged(node)).map((node) => node.id));
  for (const node of nodes.filter(shaped)) {
    const parent = node.parentId ? tree.get(node.parentId) : undefined;
    // Measured when the area or its parent changed shape or place.
    if (shaped(parent) && (moved.has(node.id) || moved.has(parent.id))) {
      const problem = outsideProblem(node, parent);
      if (problem) problems.push(problem);
    }
  }
  const checkedPairs = new Set<string>();
  for (const id of moved) {
    const node = tree.get(id)!;
    for (const sibling of nodes) {
      if (sibling.id === id || sibling.parentId !== node.parentId || !shaped(sibling)) continue;
      const key = [id, sibling.id].sort().join('|');
      if (checkedPairs.has(key)) continue;
      checkedPairs.add(key);
      const problem = overlapProblem(node, sibling);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}
