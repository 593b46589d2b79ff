/**
 * The boundary rules on crafted polygons (no database): what a boundary must be, sibling
 * overlaps and areas sticking out of their parent beyond the tolerance, and the seed's district
 * passing every check.
 */
import { describe, expect, it } from 'vitest';
import { buildAreas } from '../../../../../prisma/seed/seed-org.js';
import { checkBoundary, GEOMETRY_TOLERANCE, type Boundary } from './area-geometry.js';
import { checkAreaTree, recomputePaths, setBoundary, type AreaNode, type AreaTree } from './area-tree.js';

const box = (west: number, south: number, east: number, north: number): Boundary => ({
  type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

function node(id: string, level: string, parentId: string | null, boundary: Boundary, isNew = false): AreaNode {
  const base = { id, code: id, name: id, nameEn: id, level, parentId, path: '', boundary, centroidLat: null, centroidLng: null, version: 1 };
  return { ...base, original: isNew ? null : { ...base } };
}

/** A street of two side-by-side grids, ~1.1 km × 1.1 km each. */
function smallTree(): AreaTree {
  const tree: AreaTree = new Map([
    node('d', 'district', null, box(112, 28, 113, 29)),
    node('s', 'street', 'd', box(112.1, 28.1, 112.12, 28.11)),
    node('g1', 'grid', 's', box(112.1, 28.1, 112.11, 28.11)),
    node('g2', 'grid', 's', box(112.11, 28.1, 112.12, 28.11)),
  ].map((n) => [n.id, n]));
  recomputePaths(tree);
  return tree;
}

describe('a boundary', () => {
  it.each([
    ['a point', { type: 'Point', coordinates: [112, 28] }, 'not_polygon'],
    ['nothing', null, 'not_polygon'],
    ['an open ring', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, 'ring_not_closed'],
    ['a ring of three', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }, 'too_few_points'],
    ['a latitude of 95', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 95], [0, 0]]] }, 'bad_coordinate'],
    ['a bow tie', { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }, 'self_intersection'],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, 'empty'],
  ])('refuses %s', (_label, geometry, problem) => {
    expect(checkBoundary(geometry)[0]?.problem).toBe(problem);
  });

  it('accepts a polygon with a hole and a multipolygon', () => {
    expect(checkBoundary({ type: 'Polygon', coordinates: [box(0, 0, 3, 3).coordinates[0], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] })).toEqual([]);
    expect(checkBoundary({ type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1).coordinates, box(2, 2, 3, 3).coordinates] })).toEqual([]);
  });
});

describe('the tree checks', () => {
  it('passes siblings that share an edge', () => {
    const tree = smallTree();
    setBoundary(tree.get('g1')!, box(112.1, 28.1, 112.11, 28.11));
    tree.get('g1')!.original!.boundary = null;
    expect(checkAreaTree(tree)).toEqual([]);
  });

  it('names an overlap beyond the tolerance, with how much', () => {
    const tree = smallTree();
    setBoundary(tree.get('g1')!, box(112.1, 28.1, 112.112, 28.11));
    const problems = checkAreaTree(tree);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'g1', problem: 'overlap', with: 'g2' });
    // 0.002° of longitude × 0.01° of latitude at 28°N ≈ 196 m × 1,113 m.
    expect(problems[0]!.squareMetres).toBeGreaterThan(200_000);
    expect(problems[0]!.squareMetres).toBeLessThan(230_000);
    expect(problems[0]!.share).toBeCloseTo(0.2, 1);
  });

  it('tolerates a sliver under the tolerance', () => {
    const tree = smallTree();
    // 0.000005° ≈ 0.5 m wide over 1.1 km ≈ 550 m²: under 1,000 m² and under 0.5% of ~1.2 km².
    setBoundary(tree.get('g1')!, box(112.1, 28.1, 112.110005, 28.11));
    expect(GEOMETRY_TOLERANCE.squareMetres).toBe(1_000);
    expect(checkAreaTree(tree)).toEqual([]);
  });

  it('names a grid sticking out of its street', () => {
    const tree = smallTree();
    setBoundary(tree.get('g2')!, box(112.11, 28.1, 112.13, 28.11));
    const problems = checkAreaTree(tree);
    expect(problems).toEqual([expect.objectContaining({ code: 'g2', problem: 'outside_parent', with: 's' })]);
    expect(problems[0]!.share).toBeCloseTo(0.5, 1);
  });

  it('names the grids a shrunk street leaves outside', () => {
    const tree = smallTree();
    setBoundary(tree.get('s')!, box(112.1, 28.1, 112.11, 28.11));
    expect(checkAreaTree(tree).map((p) => [p.code, p.problem])).toEqual([['g2', 'outside_parent']]);
  });

  it('names a grid moved under a grid', () => {
    const tree = smallTree();
    tree.get('g2')!.parentId = 'g1';
    recomputePaths(tree);
    expect(checkAreaTree(tree)[0]).toMatchObject({ code: 'g2', problem: 'parent_level' });
  });

  it('passes the seed district: 1 + 14 + 133 areas, every one checked', () => {
    const tree: AreaTree = new Map(buildAreas().map((row) => [row.id, { ...row, boundary: row.boundary as Boundary, version: 1, original: null }]));
    for (const area of tree.values()) expect(checkBoundary(area.boundary), area.code).toEqual([]);
    expect(tree.size).toBe(148);
    expect(checkAreaTree(tree)).toEqual([]);
  });
});
