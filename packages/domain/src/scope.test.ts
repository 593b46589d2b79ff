import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, isAreaPathWithin, isInScope, parseScope, type Scope } from './scope';

const scope = (partial: Partial<Scope>): Scope => ({ ...EMPTY_SCOPE, ...partial });
const street = scope({ areaIds: ['a-s01'], areaPaths: ['/wangcheng/s01'] });
const grid = scope({ areaIds: ['a-g001'], areaPaths: ['/wangcheng/s01/g001'] });
const department = scope({ unitIds: ['u-env'] });
const educationInStreet = scope({ areaPaths: ['/wangcheng/s01'], categoryIds: ['c-edu'] });

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
    expect(isInScope(userScope, record)).toBe(expected);
  });
});

describe('isAreaPathWithin', () => {
  it('is segment-aware and tolerates a trailing slash on the root', () => {
    expect(isAreaPathWithin('/a/b/c', '/a/b')).toBe(true);
    expect(isAreaPathWithin('/a/b/c', '/a/b/')).toBe(true);
    expect(isAreaPathWithin('/a/bc', '/a/b')).toBe(false);
  });
});

describe('parseScope', () => {
  it('fills defaults and removes duplicates', () => {
    expect(parseScope({ unitIds: ['u1', 'u1'] })).toEqual({ ...EMPTY_SCOPE, unitIds: ['u1'] });
  });

  it.each([
    [null, /scope must be an object/],
    [[], /scope must be an object/],
    [{ all: 'yes' }, /scope\.all must be a boolean/],
    [{ unitIds: 'u1' }, /scope\.unitIds must be an array/],
    [{ categoryIds: [''] }, /scope\.categoryIds must be an array of non-empty strings/],
    [{ areaPaths: ['wangcheng/s01'] }, /scope\.areaPaths: "wangcheng\/s01"/],
    [{ areaPaths: ['/wangcheng//s01'] }, /scope\.areaPaths/],
  ])('refuses %j', (input, message) => {
    expect(() => parseScope(input)).toThrow(message);
  });
});
