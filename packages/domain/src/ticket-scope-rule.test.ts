import { describe, expect, it } from 'vitest';
import type { Role } from './roles';
import { EMPTY_SCOPE, type Scope } from './scope';
import { isInScope, ticketScopeRule, type ScopeViewer } from './ticket-scope-rule';

const scope = (partial: Partial<Scope>): Scope => ({ ...EMPTY_SCOPE, ...partial });
const street = scope({ areaIds: ['a-s01'], areaPaths: ['/wangcheng/s01'], unitIds: ['so-s01'] });
const grid = scope({ areaIds: ['a-g001'], areaPaths: ['/wangcheng/s01/g001'] });
const department = scope({ unitIds: ['u-env'] });
const educationInStreet = scope({ areaPaths: ['/wangcheng/s01'], categoryIds: ['c-edu'] });
const unitAccount = (userScope: Scope, roles: Role[] = ['dept_handler']): ScopeViewer => ({ id: 'user-1', roles, scope: userScope });

describe('isInScope', () => {
  it.each([
    ['commander sees everything', scope({ all: true }), { areaPath: '/wangcheng/s09/g100' }, true],
    ['empty scope sees nothing', EMPTY_SCOPE, { areaPath: '/wangcheng/s01', unitId: 'u-env' }, false],
    ['street sees itself', street, { areaPath: '/wangcheng/s01' }, true],
    ['street sees its grids', street, { areaPath: '/wangcheng/s01/g001' }, true],
    ['street does not see a look-alike sibling', street, { areaPath: '/wangcheng/s010/g001' }, false],
    ['street does not see the district level', street, { areaPath: '/wangcheng' }, false],
    ['grid does not see its parent street', grid, { areaPath: '/wangcheng/s01' }, false],
    ['grid does not see a sibling grid', grid, { areaPath: '/wangcheng/s01/g002' }, false],
    ['record without area is outside an area scope', street, { areaPath: null }, false],
    ['department sees tickets it leads, wherever', department, { areaPath: '/wangcheng/s05', unitId: 'u-env' }, true],
    ['department sees tickets it supports', department, { unitId: 'u-road', supportingUnitIds: ['u-env'] }, true],
    ['department does not see other units', department, { areaPath: '/wangcheng/s05', unitId: 'u-road' }, false],
    ['category scope: matching category in area', educationInStreet, { areaPath: '/wangcheng/s01/g003', categoryId: 'c-edu' }, true],
    ['category scope: other category in area', educationInStreet, { areaPath: '/wangcheng/s01/g003', categoryId: 'c-env' }, false],
    ['category scope: no category', educationInStreet, { areaPath: '/wangcheng/s01', categoryId: null }, false],
    ['category scope: matching category out of area', educationInStreet, { areaPath: '/wangcheng/s02', categoryId: 'c-edu' }, false],
    ['categories alone give no place', scope({ categoryIds: ['c-edu'] }), { areaPath: '/wangcheng/s01', categoryId: 'c-edu' }, false],
  ])('%s', (_name, userScope, record, expected) => {
    expect(isInScope(unitAccount(userScope), record)).toBe(expected);
  });
});

describe('isInScope: confidential (保密)', () => {
  const secret = { areaPath: '/wangcheng/s01/g001', unitId: 'u-petitions', confidential: true, createdById: 'someone' };
  it.each([
    ['a grid account does not read one of its grid that another unit leads', unitAccount(grid, ['grid_member']), secret, false],
    ['a street account does not read one of its street that another unit leads', unitAccount(street), secret, false],
    ['the lead unit reads it', unitAccount(scope({ unitIds: ['u-petitions'] })), secret, true],
    ['a supporting unit reads it', unitAccount(street), { ...secret, areaPath: '/wangcheng/s09', supportingUnitIds: ['so-s01'] }, true],
    ['the account that filed it reads it', { ...unitAccount(grid, ['grid_member']), id: 'someone' }, secret, true],
    ['the centre reads it in its scope', unitAccount(scope({ all: true }), ['agent']), secret, true],
    ['a centre role limited to another street does not', unitAccount(scope({ areaPaths: ['/wangcheng/s02'] }), ['agent']), secret, false],
    ['a non-confidential one is read by area as before', unitAccount(grid, ['grid_member']), { ...secret, confidential: false }, true],
  ])('%s', (_name, viewer, record, expected) => {
    expect(isInScope(viewer, record)).toBe(expected);
  });

  it('is one term list: the centre gets no confidential term, a unit account does', () => {
    expect(ticketScopeRule(unitAccount(scope({ all: true }), ['commander']))).toEqual({ kind: 'all' });
    expect(JSON.stringify(ticketScopeRule(unitAccount(grid, ['grid_member'])))).toContain('not_confidential');
  });
});
