/**
 * The scope filter for tickets, applied by every ticket query (never by the route).
 * A ticket is in scope when the actor sees the whole district, or its area lies in one of
 * the actor's area subtrees, or one of the actor's units leads or supports it; when the
 * actor's scope names categories, only those categories.
 */
import { Prisma } from '@yixian/db';
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

/**
 * The same scope as `ticketScopeWhere`, as SQL over `ticket` aliased `t`, for the raw search query
 * (which Prisma's filters cannot express: the keyword index is an expression index). Kept beside
 * it so the two change together; tickets-search.test.ts checks they select the same tickets.
 */
export function ticketScopeSql(actor: Actor): Prisma.Sql {
  if (actor.scope.all) return Prisma.sql`TRUE`;
  const anyOf: Prisma.Sql[] = actor.scope.areaPaths.flatMap((path) => [
    Prisma.sql`t."areaPath" = ${path}`, Prisma.sql`starts_with(t."areaPath", ${`${path}/`})`,
  ]);
  if (actor.scope.unitIds.length > 0) {
    anyOf.push(Prisma.sql`t."leadUnitId" = ANY(${actor.scope.unitIds}::text[])`);
    anyOf.push(Prisma.sql`t."supportingUnitIds" && ${actor.scope.unitIds}::text[]`);
  }
  const area = anyOf.length > 0 ? Prisma.sql`(${Prisma.join(anyOf, ' OR ')})` : Prisma.sql`FALSE`;
  if (actor.scope.categoryIds.length === 0) return area;
  return Prisma.sql`(${area} AND t."categoryId" = ANY(${actor.scope.categoryIds}::text[]))`;
}
