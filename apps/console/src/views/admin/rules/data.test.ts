import { describe, expect, it } from 'vitest';
import type { KeywordRule, TryResult } from '#/api/admin-catalogue';
import zhCN from '#/locales/zh-CN';
import { emptyFilter, filterRules, ruleBodyOf, ruleChangesOf, ruleFormOf, staleText, tryLines } from './data';

const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN);
const t = (key: string, values: Record<string, unknown> = {}) => String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

const rule = (keyword: string, extra: Partial<KeywordRule> = {}): KeywordRule => ({
  id: `rule-${keyword}`, keyword, ticketClass: 'police', categoryId: null, categoryName: null, priority: 0, active: true, version: 1, ...extra,
});

describe('keyword rules in words', () => {
  const rules = [
    rule('打架'), rule('噪音', { ticketClass: 'non_police', categoryId: 'env.noise', categoryName: '噪声扰民', active: false }), rule('持刀', { priority: 10 }),
  ];

  it('filters by keyword or category name, class, category and state', () => {
    expect(filterRules(rules, emptyFilter()).map((r) => r.keyword)).toEqual(['打架', '噪音', '持刀']);
    expect(filterRules(rules, { ...emptyFilter(), query: '噪声' }).map((r) => r.keyword)).toEqual(['噪音']);
    expect(filterRules(rules, { ...emptyFilter(), ticketClass: 'police' }).map((r) => r.keyword)).toEqual(['打架', '持刀']);
    expect(filterRules(rules, { ...emptyFilter(), categoryId: 'env.noise' }).map((r) => r.keyword)).toEqual(['噪音']);
    expect(filterRules(rules, { ...emptyFilter(), state: 'disabled' }).map((r) => r.keyword)).toEqual(['噪音']);
  });

  it('sends a new rule trimmed, without a category as null, and an edit only what changed', () => {
    expect(ruleBodyOf({ keyword: ' 打架 ', ticketClass: 'police', categoryId: '', priority: 3 })).toEqual({ keyword: '打架', ticketClass: 'police', categoryId: null, priority: 3 });
    const noise = rules[1]!;
    expect(ruleChangesOf(ruleFormOf(noise), noise)).toEqual({});
    expect(ruleChangesOf({ ...ruleFormOf(noise), categoryId: '', priority: 5 }, noise)).toEqual({ categoryId: null, priority: 5 });
  });

  it('says which class, rule and category a sample was classified by', () => {
    const hit = rule('持刀', { categoryId: 'public.order', categoryName: '治安', priority: 10 });
    const result: TryResult = { ticketClass: 'police', source: 'keyword', keyword: '持刀', rule: hit, matches: [hit] };
    expect(tryLines(result, t).map((line) => `${line.label}=${line.value}`)).toEqual([
      '分类结果=警务类', '判定依据=关键词规则', '命中关键词=持刀', '规则适用分类=治安', '生效规则=“持刀” → 警务类（优先级 10）',
    ]);
    expect(tryLines(result, t, (id) => (id === 'public.order' ? 'Public order' : undefined))[3]!.value).toBe('Public order');
    const none: TryResult = { ticketClass: 'non_police', source: 'default', keyword: null, rule: null, matches: [] };
    expect(tryLines(none, t).map((line) => line.value)).toEqual(['非警务类', '未命中规则，默认非警务类']);
  });

  it('names who changed which fields of a stale rule', () => {
    expect(staleText({ by: '张三', at: null, fields: ['keyword', 'priority'], current: null }, t, '12-05 10:00')).toBe('已被 张三 于 12-05 10:00 修改（关键词、优先级），请载入最新内容后重新编辑。');
  });
});
