/**
 * The scope filter for tickets, applied by every ticket query (never by the route): the rule of
 * `ticketScopeRule` (packages/domain/src/ticket-scope-rule.ts) rendered for Prisma (`ticketScopeWhere`) and for the raw search query's
 * SQL over `ticket` aliased `t` (`ticketScopeSql`; Prisma's filters cannot use its expression
 * index). Both render the one rule; tickets-search.test.ts checks they select the same tickets.
 */
import { Prisma } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { ticketScopeRule, type ScopeTerm } from '@yixian/domain';

const NOTHING: Prisma.TicketWhereInput = { id: { in: [] } };

function toWhere(term: ScopeTerm): Prisma.TicketWhereInput {
  switch (term.kind) {
    case 'all': return {};
    case 'none': return NOTHING;
    case 'area_within': return { OR: [{ areaPath: term.path }, { areaPath: { startsWith: `${term.path}/` } }] };
    case 'lead_in': return { leadUnitId: { in: term.unitIds } };
    case 'supported_by_any': return { supportingUnitIds: { hasSome: term.unitIds } };
    case 'category_in': return { categoryId: { in: term.categoryIds } };
    case 'not_confidential': return { confidential: false };
    case 'created_by': return { createdById: term.userId };
    case 'any_of': return term.terms.length > 0 ? { OR: term.terms.map(toWhere) } : NOTHING;
    case 'all_of': return { AND: term.terms.map(toWhere) };
  }
}

function toSql(term: ScopeTerm): Prisma.Sql {
  switch (term.kind) {
    case 'all': return Prisma.sql`TRUE`;
    case 'none': return Prisma.sql`FALSE`;
    case 'area_within': return Prisma.sql`(t."areaPath" = ${term.path} OR starts_with(t."areaPath", ${`${term.path}/`}))`;
    case 'lead_in': return Prisma.sql`t."leadUnitId" = ANY(${term.unitIds}::text[])`;
    case 'supported_by_any': return Prisma.sql`t."supportingUnitIds" && ${term.unitIds}::text[]`;
    case 'category_in': return Prisma.sql`t."categoryId" = ANY(${term.categoryIds}::text[])`;
    case 'not_confidential': return Prisma.sql`NOT t."confidential"`;
    case 'created_by': return Prisma.sql`t."createdById" = ${term.userId}`;
    case 'any_of': return term.terms.length > 0 ? Prisma.sql`(${Prisma.join(term.terms.map(toSql), ' OR ')})` : Prisma.sql`FALSE`;
    case 'all_of': return Prisma.sql`(${Prisma.join(term.terms.map(toSql), ' AND ')})`;
  }
}

export function ticketScopeWhere(actor: Actor): Prisma.TicketWhereInput {
  return toWhere(ticketScopeRule(actor));
}

export function ticketScopeSql(actor: Actor): Prisma.Sql {
  return toSql(ticketScopeRule(actor));
}
