import { describe, expect, it } from 'vitest';
import type { Area, Category, Unit } from '#/api/catalogue';
import { filterByName, scoreName } from './name-match';
import { buildAreaTree, buildCategoryTree, groupCategoryLeaves, groupUnits, matchesNode } from './picker-options';

const unit = (id: string, name: string, nameEn: string, type: string, linkageTier: number | null = null): Unit => ({
  id, code: id, name, nameEn, type, linkageTier, areaId: 'd',
});

const UNITS: Unit[] = [
  unit('police-desk', '110指挥中心', '110 police desk', 'police_desk', 1),
  unit('dept-urban-management', '城市管理和综合执法局', 'Urban Management and Law Enforcement', 'department', 1),
  unit('dept-environment', '生态环境分局', 'Ecology and Environment Bureau', 'department', 2),
  unit('dept-finance', '财政局', 'Finance Bureau', 'department', 3),
  unit('so-s03', '月亮岛街道办事处', 'Yueliangdao office', 'street_office', 2),
  unit('gt-s01g01', '高塘岭街道第1网格工作队', 'Gaotangling grid 1 team', 'grid_team', 3),
];
const names = (list: readonly { name: string }[]) => list.map((item) => item.name);

describe('name matching', () => {
  it('finds a unit by pinyin initials, even when they skip characters (cgj → 城市管理和综合执法局)', () => {
    expect(names(filterByName(UNITS, 'cgj'))).toEqual(['城市管理和综合执法局']);
    expect(names(filterByName(UNITS, 'stj'))).toEqual(['生态环境分局']);
    expect(names(filterByName(UNITS, 'CZJ'))).toEqual(['财政局', '城市管理和综合执法局']);
  });

  it('finds a unit by full pinyin and by mixed syllables', () => {
    expect(names(filterByName(UNITS, 'chengguan'))).toEqual(['城市管理和综合执法局']);
    expect(names(filterByName(UNITS, 'yueliang'))).toEqual(['月亮岛街道办事处']);
    expect(names(filterByName(UNITS, 'shengtai'))).toEqual(['生态环境分局']);
  });

  it('finds a unit by Chinese, whole runs before scattered characters', () => {
    expect(names(filterByName(UNITS, '城管'))).toEqual(['城市管理和综合执法局']);
    expect(names(filterByName(UNITS, '街道'))).toEqual(['月亮岛街道办事处', '高塘岭街道第1网格工作队']);
    expect(scoreName(UNITS[3] as Unit, '财政局')).toBe(0);
  });

  it('finds a unit by its English name, case-insensitive', () => {
    expect(names(filterByName(UNITS, 'environment'))).toEqual(['生态环境分局']);
    expect(names(filterByName(UNITS, 'Urban'))).toEqual(['城市管理和综合执法局']);
  });

  it('ranks a hit at the start of the name before one inside it, and refuses what matches nothing', () => {
    expect(names(filterByName(UNITS, 'j')).at(0)).not.toBe(undefined);
    const scoreStart = scoreName(UNITS[3] as Unit, 'caizheng') as number;
    const scoreInside = scoreName(UNITS[3] as Unit, 'zhengju') as number;
    expect(scoreStart).toBeLessThan(scoreInside);
    expect(filterByName(UNITS, 'xyz')).toEqual([]);
    expect(filterByName(UNITS, '不存在')).toEqual([]);
    expect(filterByName(UNITS, '  ')).toHaveLength(UNITS.length);
  });
});

describe('picker options', () => {
  it('groups units by kind in a fixed order', () => {
    expect(groupUnits(UNITS, '').map((group) => group.type)).toEqual(['police_desk', 'department', 'street_office', 'grid_team']);
    expect(groupUnits(UNITS, 'jd').map((group) => [group.type, names(group.units)])).toEqual([
      ['street_office', ['月亮岛街道办事处']],
      ['grid_team', ['高塘岭街道第1网格工作队']],
    ]);
  });

  it('builds the area tree with each node’s path, in the UI’s language', () => {
    const area = (id: string, name: string, nameEn: string, level: string, parentId: string | null): Area => ({
      id, code: id, name, nameEn, level, parentId, path: id, centroidLat: null, centroidLng: null,
    });
    const areas = [area('d', '望城区', 'Wangcheng District', 'district', null), area('s03', '月亮岛街道', 'Yueliangdao', 'street', 'd'), area('s03g03', '月亮岛街道第3网格', 'Yueliangdao grid 3', 'grid', 's03')];
    const [district] = buildAreaTree(areas, 'zh-CN');
    const grid = district?.children?.[0]?.children?.[0];
    expect(grid).toMatchObject({ value: 's03g03', label: '月亮岛街道第3网格', path: ['望城区', '月亮岛街道'] });
    expect(matchesNode(grid as NonNullable<typeof grid>, 'yldjddsanwg')).toBe(false);
    expect(matchesNode(grid as NonNullable<typeof grid>, 'yld3')).toBe(false);
    expect(matchesNode(grid as NonNullable<typeof grid>, 'yldwg')).toBe(true);
    expect(buildAreaTree(areas, 'en')[0]?.children?.[0]?.label).toBe('Yueliangdao');
  });

  it('builds the category tree: groups cannot be chosen, police leaves are marked', () => {
    const category = (id: string, name: string, parentId: string | null, isLeaf: boolean, isPolice = false): Category => ({
      id, code: id, name, nameEn: id, parentId, isLeaf, defaultKind: 'help', isPolice, level: 'grid', defaultUnitId: null, handleLimitDays: null, requiredFields: [],
    });
    const tree = buildCategoryTree([category('security', '治安', null, false), category('security.fight', '打架斗殴', 'security', true, true)], 'zh-CN');
    expect(tree[0]).toMatchObject({ value: 'security', disabled: true });
    expect(tree[0]?.children?.[0]).toMatchObject({ value: 'security.fight', isPolice: true, disabled: false, path: ['治安'] });
  });

  it('lists category leaves under their group: own-name hits first, a matching group lists all its leaves', () => {
    const category = (id: string, name: string, parentId: string | null, isLeaf: boolean, isPolice = false): Category => ({
      id, code: id, name, nameEn: id, parentId, isLeaf, defaultKind: 'help', isPolice, level: 'grid', defaultUnitId: null, handleLimitDays: null, requiredFields: [],
    });
    const catalogue = [
      category('city', '城市管理', null, false), category('city.garbage', '垃圾清运', 'city', true), category('city.streetlight', '路灯损坏', 'city', true),
      category('security', '治安', null, false), category('security.fight', '打架斗殴', 'security', true, true), category('empty', '空组', null, false),
    ];
    expect(groupCategoryLeaves(catalogue, 'ljqy', 'zh-CN')).toEqual([{ value: 'city', label: '城市管理', leaves: [{ value: 'city.garbage', label: '垃圾清运', path: [], isPolice: false }] }]);
    expect(groupCategoryLeaves(catalogue, 'chengshi', 'zh-CN')[0]?.leaves.map((leaf) => leaf.value)).toEqual(['city.garbage', 'city.streetlight']);
    expect(groupCategoryLeaves(catalogue, '斗殴', 'zh-CN')[0]?.leaves[0]).toMatchObject({ value: 'security.fight', isPolice: true });
    expect(groupCategoryLeaves(catalogue, '', 'zh-CN').map((group) => group.value)).toEqual(['city', 'security']);
  });
});
