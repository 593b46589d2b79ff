import { ROLE_VALUES, type Role } from '@yixian/domain';
import { describe, expect, it } from 'vitest';
import { NAV_ITEMS } from '#/router/nav-items';
import { filterMenuByRoles } from './data';

const menuFor = (...roles: Role[]): string[] => filterMenuByRoles(NAV_ITEMS, roles).map((item) => item.path);

describe('filterMenuByRoles', () => {
  it('gives an agent the desk but neither the audit log nor administration', () => {
    const menu = menuFor('agent');
    expect(menu).toContain('/desk');
    expect(menu).not.toContain('/audit');
    expect(menu).not.toContain('/admin');
    expect(menu).not.toContain('/inbox');
  });

  it('gives the auditor the audit log and nothing else (separation of duties)', () => {
    expect(menuFor('auditor')).toEqual(['/audit']);
  });

  it('never gives the admin the audit log', () => {
    const menu = menuFor('admin');
    expect(menu).toContain('/admin');
    expect(menu).toContain('/health');
    expect(menu).not.toContain('/audit');
  });

  it('opens 系统管理 first for an administrator (a new district is set up there), the inbox first for a liaison', () => {
    expect(menuFor('admin')[0]).toBe('/admin');
    expect(menuFor('dept_admin')[0]).toBe('/inbox');
  });

  it('gives unit roles the inbox but not the agent desk', () => {
    for (const role of ['dept_handler', 'dept_admin', 'grid_member'] as const) {
      expect(menuFor(role), role).toContain('/inbox');
      expect(menuFor(role), role).not.toContain('/desk');
    }
  });

  it('merges the pages of several roles without duplicates, in menu order', () => {
    const menu = menuFor('dispatcher', 'shift_lead');
    expect(menu).toEqual(NAV_ITEMS.map((i) => i.path).filter((p) => menu.includes(p)));
    expect(new Set(menu).size).toBe(menu.length);
    expect(menu).toEqual(expect.arrayContaining(['/desk', '/dispatch', '/wallboard', '/stats']));
  });

  it('gives no menu to a user without roles', () => {
    expect(menuFor()).toEqual([]);
  });

  it('offers every role at least one page, and every page to some role', () => {
    for (const role of ROLE_VALUES) expect(menuFor(role).length, role).toBeGreaterThan(0);
    const reachable = new Set(ROLE_VALUES.flatMap((role) => menuFor(role)));
    expect([...reachable].sort()).toEqual(NAV_ITEMS.map((i) => i.path).sort());
  });
});
