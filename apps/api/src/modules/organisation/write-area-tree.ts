/**
 * Writes the areas a checked tree changed, each with its audit row, inside the caller's
 * transaction. An area edited by someone else since it was read is a 409 (the whole change rolls
 * back). A move rewrites the paths of its subtree and of the tickets placed in it, so scopes and
 * figures follow the area at once.
 */
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '@yixian/db';
import { recordChange, type ChangeAct, type JsonRecord } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { changedFieldsOf, viewOf, type AreaNode, type AreaTree } from './area-tree.js';

function dataOf(node: AreaNode) {
  return {
    code: node.code, name: node.name, nameEn: node.nameEn, level: node.level, parentId: node.parentId, path: node.path,
    boundary: (node.boundary ?? undefined) as Prisma.InputJsonValue | undefined, centroidLat: node.centroidLat, centroidLng: node.centroidLng,
  };
}

async function currentView(tx: Prisma.TransactionClient, id: string): Promise<(JsonRecord & { version: number }) | null> {
  return tx.area.findUnique({ where: { id } });
}

/** The areas written, in tree order (parents before children). */
export async function writeAreaTree(
  tx: Prisma.TransactionClient,
  request: FastifyRequest,
  at: Date,
  tree: AreaTree,
  options: { act: ChangeAct; summary?: JsonRecord },
): Promise<AreaNode[]> {
  const nodes = [...tree.values()].sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const written: AreaNode[] = [];
  for (const node of nodes) {
    if (!node.original) {
      await tx.area.create({ data: { id: node.id, ...dataOf(node) } });
      await recordChange(tx, request, at, { act: 'create', resource: 'area', resourceId: node.id, version: 1, before: null, after: viewOf(node), summary: options.summary });
      written.push(node);
      continue;
    }
    const fields = changedFieldsOf(node);
    if (fields.length === 0) {
      // Only its path followed a moved parent: no edit of its own, no new version.
      if (node.path !== node.original.path) await tx.area.update({ where: { id: node.id }, data: { path: node.path } });
      continue;
    }
    const { count } = await tx.area.updateMany({ where: { id: node.id, version: node.original.version }, data: { ...dataOf(node), version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'area', resourceId: node.id, sentVersion: node.original.version, current: await currentView(tx, node.id) });
    node.version = node.original.version + 1;
    await recordChange(tx, request, at, {
      act: options.act, resource: 'area', resourceId: node.id, version: node.version, before: node.original, after: viewOf(node), summary: options.summary,
    });
    if (node.path !== node.original.path) {
      await tx.$executeRaw`UPDATE "ticket" SET "areaPath" = ${node.path} || substr("areaPath", ${node.original.path.length + 1})
        WHERE "areaPath" = ${node.original.path} OR "areaPath" LIKE ${`${node.original.path}/%`}`;
    }
    written.push(node);
  }
  return written;
}
