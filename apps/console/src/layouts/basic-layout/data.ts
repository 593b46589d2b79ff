import type { Role } from '@yixian/domain';
import { canAccess, type NavItem } from '#/router/nav-items';

/**
 * The side menu for a user: the pages any of their roles allows, in menu order. Pure, so the
 * role matrix is tested without a browser.
 */
export function filterMenuByRoles(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  if (roles.length === 0) return [];
  return items.filter((item) => canAccess(item.roles, roles));
}
