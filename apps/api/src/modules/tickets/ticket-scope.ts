/**
 * The scope filter for tickets, applied by every ticket query (never by the route).
 * A ticket is in scope when the actor sees the whole district, or its area lies in one of
 * the actor's area subtrees, or one of the actor's units leads or supports it; when the
 * actor's scope names categories, only those categories.
 */
import type { Prisma } from '@yixian/db';
import type { Actor } from '../auth/actor.js';

export function ticketScopeWhere(actor: Actor): Prisma.TicketWhereInput {
  if (actor.scope.all) return {};
  const anyOf: Prisma.TicketWhereInput[] = [
    ...actor.scope.areaPaths.flatMap((path) => [{ areaPath: path }, { areaPath: { startsWith: `${path}/` } }]),
  ];
  if (actor.scope.unitIds.length > 0) {
    anyOf.push({ leadUnitId: { in: actor.scope.unitIds } });
    anyOf.push({ supportingUnitIds: { hasSome: actor.scope.unitIds } });
  }
  const where: Prisma.TicketWhereInput = { OR: anyOf.length > 0 ? anyOf : [{ id: { in: [] } }] };
  if (actor.scope.categoryIds.length > 0) where.categoryId = { in: actor.scope.categoryIds };
  return where;
}
