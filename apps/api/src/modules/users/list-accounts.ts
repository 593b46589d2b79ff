/**
 * The accounts list: search by username, name, extension or phone; filter by role, area (its
 * subtree: home area or an area in scope), unit and state; sorted and paginated on the server
 * (a district has ~1,700). A unit's liaison sees only its unit. The export reads the same filter.
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import type { AccountReferences } from './account-references.js';
import { ACCOUNT_SELECT, presentAccount, type AccountState } from './account-view.js';
import type { ManagerLimits } from './check-account.js';

export const ACCOUNT_SORTS = ['username', 'displayName', 'createdAt', 'lastLoginAt'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export interface AccountFilter {
  q?: string;
  role?: string;
  areaId?: string;
  unitId?: string;
  state?: AccountState;
}

export function accountWhere(filter: AccountFilter, limits: ManagerLimits, refs: AccountReferences, now: Date): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [];
  if (limits.kind === 'unit') and.push({ unitId: limits.unitId });
  const q = filter.q?.trim();
  if (q) {
    and.push({ OR: [
      { username: { contains: q, mode: 'insensitive' } }, { displayName: { contains: q, mode: 'insensitive' } },
      { extension: q }, { phone: { contains: q } },
    ] });
  }
  if (filter.role) and.push({ roles: { has: filter.role } });
  if (filter.unitId) and.push({ unitId: filter.unitId });
  if (filter.areaId) {
    const ids = refs.subtreeAreaIds(filter.areaId);
    and.push({ OR: [{ areaId: { in: ids } }, { scopeAreaIds: { hasSome: ids } }] });
  }
  if (filter.state === 'active') and.push({ status: 'active' });
  if (filter.state === 'disabled') and.push({ status: { not: 'active' } });
  if (filter.state === 'locked') and.push({ lockedUntil: { gt: now } });
  if (filter.state === 'must_change') and.push({ mustChangePassword: true });
  return and.length ? { AND: and } : {};
}

export interface ListAccountsOptions {
  filter: AccountFilter;
  limits: ManagerLimits;
  refs: AccountReferences;
  now: Date;
  page: number;
  pageSize: number;
  sort: AccountSort;
  order: 'asc' | 'desc';
}

export async function listAccounts(prisma: PrismaClient, options: ListAccountsOptions) {
  const where = accountWhere(options.filter, options.limits, options.refs, options.now);
  const orderBy: Prisma.UserOrderByWithRelationInput[] = [
    options.sort === 'lastLoginAt' ? { lastLoginAt: { sort: options.order, nulls: 'last' } } : { [options.sort]: options.order },
    { id: 'asc' },
  ];
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({ where, orderBy, skip: (options.page - 1) * options.pageSize, take: options.pageSize, select: ACCOUNT_SELECT }),
  ]);
  return { total, page: options.page, pageSize: options.pageSize, items: rows.map((row) => presentAccount(row, options.refs, options.now)) };
}
