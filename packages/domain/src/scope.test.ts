import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, isAreaPathWithin, parseScope } from './scope';

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
