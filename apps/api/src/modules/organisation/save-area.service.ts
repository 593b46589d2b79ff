/**
 * Changing the area tree: create an area, edit its names, code or parent, replace its boundary,
 * or import many boundaries from GeoJSON. Each builds the changed tree in memory, checks it whole
 * (area-tree.ts), and writes it with one audit row per area in one transaction; any problem
 * writes nothing. After the commit every process hears `areas`: point-in-polygon placement
 * (routing/locate-area.ts) reads the new boundaries from its next call.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { checkBoundary, type Boundary } from './area-geometry.js';
import { applyBoundaryImport, type ImportFeature } from './apply-boundary-import.js';
import {
  checkAreaTree, findByCode, loadAreaTree, recomputePaths, setBoundary, viewOf, type AreaNode, type AreaProblem, type AreaTree, type AreaView,
} from './area-tree.js';
import { writeAreaTree } from './write-area-tree.js';

export interface AreaFields {
  code: string;
  name: string;
  nameEn: string;
  parentId: string | null;
}

const FIELD_OF_PROBLEM: Record<string, string> = { parent_level: 'parentId', unknown_level: 'level', outside_parent: 'boundary', overlap: 'boundary' };

function refuse(problems: AreaProblem[], field?: string): AppError {
  const first = problems[0]!;
  return new AppError('validation_failed', problems.map((problem) => problem.message).join('; '), {
    field: field ?? FIELD_OF_PROBLEM[first.problem] ?? 'boundary', details: { reason: first.problem, problems },
  });
}

function applyFields(tree: AreaTree, node: AreaNode, fields: AreaFields): void {
  const taken = findByCode(tree, fields.code.trim());
  if (taken && taken.id !== node.id) {
    throw new AppError('validation_failed', `The code ${fields.code} belongs to ${taken.name}`, { field: 'code', details: { reason: 'code_taken' } });
  }
  if (fields.parentId !== null && !tree.has(fields.parentId)) {
    throw new AppError('validation_failed', `Unknown parent area ${fields.parentId}`, { field: 'parentId', details: { reason: 'unknown_parent' } });
  }
  Object.assign(node, { code: fields.code.trim(), name: fields.name.trim(), nameEn: fields.nameEn.trim() || fields.name.trim(), parentId: fields.parentId });
}

function applyBoundary(node: AreaNode, boundary: unknown): void {
  const problems = checkBoundary(boundary);
  if (problems.length > 0) throw refuse(problems.map((problem) => ({ code: node.code, ...problem })), 'boundary');
  setBoundary(node, boundary as Boundary);
}

/** Checks the changed tree, writes it, announces it; answers the changed area's view. */
async function commitTree(
  app: FastifyInstance, request: FastifyRequest, change: (tree: AreaTree) => AreaNode, act: 'create' | 'update',
): Promise<AreaView> {
  const at = app.clock.now();
  const view = await app.prisma.$transaction(async (tx) => {
    const tree = await loadAreaTree(tx);
    const node = change(tree);
    if (!node.original) tree.set(node.id, node);
    recomputePaths(tree);
    const problems = checkAreaTree(tree);
    if (problems.length > 0) throw refuse(problems);
    await writeAreaTree(tx, request, at, tree, { act });
    return viewOf(node);
  });
  await app.configChanged(['areas']);
  return view;
}

function requireNode(tree: AreaTree, id: string): AreaNode {
  const node = tree.get(id);
  if (!node) throw new AppError('not_found', 'No such area', { field: 'id' });
  return node;
}

export async function createArea(
  app: FastifyInstance, request: FastifyRequest, input: AreaFields & { level: string; boundary?: unknown },
): Promise<AreaView> {
  return commitTree(app, request, (tree) => {
    const id = randomUUID();
    const node: AreaNode = {
      id, code: '', name: '', nameEn: '', level: input.level, parentId: null, path: `/${id}`,
      boundary: null, centroidLat: null, centroidLng: null, version: 1, original: null,
    };
    applyFields(tree, node, input);
    if (input.boundary !== undefined && input.boundary !== null) applyBoundary(node, input.boundary);
    return node;
  }, 'create');
}

/** Fails with the 409 when the editor's version is not the area's. */
async function checkVersion(app: FastifyInstance, id: string, version: number): Promise<void> {
  const current = await app.prisma.area.findUnique({ where: { id } });
  if (!current) throw new AppError('not_found', 'No such area', { field: 'id' });
  if (current.version !== version) throw await staleEdit(app.prisma, { resource: 'area', resourceId: id, sentVersion: version, current });
}

export async function updateArea(
  app: FastifyInstance, request: FastifyRequest, id: string, input: AreaFields & { version: number },
): Promise<AreaView> {
  await checkVersion(app, id, input.version);
  return commitTree(app, request, (tree) => {
    const node = requireNode(tree, id);
    node.original!.version = input.version;
    applyFields(tree, node, input);
    return node;
  }, 'update');
}

export async function replaceBoundary(
  app: FastifyInstance, request: FastifyRequest, id: string, input: { version: number; boundary: unknown },
): Promise<AreaView> {
  await checkVersion(app, id, input.version);
  return commitTree(app, request, (tree) => {
    const node = requireNode(tree, id);
    node.original!.version = input.version;
    applyBoundary(node, input.boundary);
    return node;
  }, 'update');
}

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  features: number;
  created: string[];
  updated: string[];
  problems: AreaProblem[];
}

/**
 * Checks a FeatureCollection against the tree and, unless it is a dry run or anything is wrong,
 * writes it. A dry run answers the same report and writes nothing; an apply with problems is a
 * 400 carrying the report.
 */
export async function importBoundaries(
  app: FastifyInstance, request: FastifyRequest, features: readonly ImportFeature[], dryRun: boolean,
): Promise<ImportReport> {
  const at = app.clock.now();
  const report = await app.prisma.$transaction(async (tx) => {
    const tree = await loadAreaTree(tx);
    const outcome = applyBoundaryImport(tree, features);
    const problems = [...outcome.problems, ...checkAreaTree(tree)];
    const report: ImportReport = { dryRun, applied: false, features: features.length, created: outcome.created, updated: outcome.updated, problems };
    if (dryRun) return report;
    if (problems.length > 0) {
      throw new AppError('validation_failed', `${problems.length} problem(s) in the file; nothing was imported`, {
        field: 'features', details: { reason: problems[0]!.problem, ...report },
      });
    }
    await writeAreaTree(tx, request, at, tree, { act: 'import', summary: { features: features.length, created: outcome.created.length, updated: outcome.updated.length } });
    return { ...report, applied: true };
  }, { timeout: 60_000 });
  if (report.applied) await app.configChanged(['areas']);
  return report;
}
