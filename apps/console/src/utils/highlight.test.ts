import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlightParts', () => {
  it('marks every word, longest first, case-insensitive, keeping markup as text', () => {
    expect(highlightParts('社保卡补办：带<b>身份证</b>补办', '补办 社保')).toEqual([
      { text: '社保', hit: true }, { text: '卡', hit: false }, { text: '补办', hit: true },
      { text: '：带<b>身份证</b>', hit: false }, { text: '补办', hit: true },
    ]);
    expect(highlightParts('Water OUTAGE', 'water')).toEqual([{ text: 'Water', hit: true }, { text: ' OUTAGE', hit: false }]);
    expect(highlightParts('无匹配', '   ')).toEqual([{ text: '无匹配', hit: false }]);
  });
});
