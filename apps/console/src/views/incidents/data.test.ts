import { describe, expect, it } from 'vitest';
import { i18n, setLocale } from '#/locales';
import type { TrailEntry } from '#/api/incidents';
import { buildIncidentQuery, dayRangeToIso, describeCall, describeTrailEntry, levelColour } from './data';

const { t, te } = i18n.global;
const tr = (key: string, values?: Record<string, unknown>) => (values ? t(key, values) : t(key));
const entry = (over: Partial<TrailEntry>): TrailEntry => ({
  id: '1', action: 'file', fromState: null, toState: null, actor: null, unit: null, reason: null, data: {}, at: '2026-12-05T08:00:00.000Z', ...over,
});

describe('incident list query', () => {
  it('covers whole centre days (UTC+8) for a period', () => {
    expect(dayRangeToIso(['2026-12-01', '2026-12-05'])).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-05T16:00:00.000Z' });
    expect(dayRangeToIso(null)).toEqual({});
  });

  it('joins states with commas and leaves out empty filters', () => {
    expect(buildIncidentQuery({ states: ['filed', 'responding'], type: '', level: 'III', period: null, q: '  桥 ' }, 2, 20)).toEqual({
      state: 'filed,responding', type: undefined, level: 'III', q: '桥', page: 2, pageSize: 20,
    });
  });
});

describe('incident words', () => {
  it('colours levels I red, II orange, III yellow, IV blue', () => {
    expect(levelColour('I').background).toBe('#d92d20');
    expect(levelColour('II').background).toBe('#f07c00');
    expect(levelColour('III').background).toBe('#f5c400');
    expect(levelColour('IV').background).toBe('#1d6fd8');
  });

  it('says a trail entry in words: the act, the states, the level and the reason', () => {
    setLocale('zh-CN');
    const filed = describeTrailEntry(entry({ action: 'file', fromState: 'verified', toState: 'filed', data: { level: 'III' }, reason: '现场确认' }), tr, te);
    expect(filed.title).toBe('立案');
    expect(filed.details).toEqual(['已核实 → 已立案', 'Ⅲ级（较大）', '现场确认']);
    const relevel = describeTrailEntry(entry({ action: 'relevel', data: { fromLevel: 'III', toLevel: 'II' } }), tr, te);
    expect(relevel.details).toContain('级别 Ⅲ级 → Ⅱ级');
  });

  it('says what the system did: a plan applied, a call result, a coded reason', () => {
    setLocale('zh-CN');
    const applied = describeTrailEntry(entry({ action: 'plan_applied', data: { planId: 'p', planVersion: 2, activated: 14, tasks: 3 } }), tr, te);
    expect(applied).toEqual({ title: '按预案启动', details: ['启动 14 个单位，生成 3 项任务', '预案第 2 版'] });
    const result = describeTrailEntry(entry({ action: 'alert_call_result', unit: { id: 'fire', name: '消防救援大队' }, data: { attempt: 1, target: 'on_duty', outcome: 'acknowledged' } }), tr, te);
    expect(result.details).toEqual(['单位：消防救援大队', '结果：接听并按 1 确认', '第 1 次 · 值班']);
    expect(describeTrailEntry(entry({ action: 'alert_call_skipped', reason: 'no_number' }), tr, te).details).toEqual(['该单位无值班电话']);
    expect(describeTrailEntry(entry({ action: 'alert_call_skipped', reason: 'brand_new_code' }), tr, te).details).toEqual([]);
  });

  it('never shows a raw action code it does not know', () => {
    setLocale('zh-CN');
    const unknown = describeTrailEntry(entry({ action: 'something_new', data: { outcome: 'mystery' } }), tr, te);
    expect(unknown.title).toBe('其他记录');
    expect(JSON.stringify(unknown)).not.toContain('something_new');
    expect(JSON.stringify(unknown)).not.toContain('mystery');
  });

  it('says an alert call: attempt, whom and how it ended', () => {
    setLocale('zh-CN');
    const call = { id: 'c', attempt: 2, target: 'deputy' as const, outcome: 'no_answer', detail: null, placedAt: '', endedAt: null };
    expect(describeCall(call, tr, te)).toBe('第 2 次 · 副班 · 无人接听');
    setLocale('en');
    expect(describeCall({ ...call, outcome: 'acknowledged', target: 'on_duty' }, tr, te)).toBe('Call 2 · On duty · Answered, pressed 1');
    setLocale('zh-CN');
  });
});
