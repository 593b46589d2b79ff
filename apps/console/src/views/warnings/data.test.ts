import { describe, expect, it } from 'vitest';
import zhCN from '#/locales/zh-CN';
import en from '#/locales/en';
import { LEVEL_COLOURS, WARNING_LEVEL_VALUES, ackPercent, draftBodyOf, emptyDraftForm, trailLabelKey } from './data';

const lookup = (messages: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('warnings page helpers', () => {
  it('sends a draft only when it is whole, and names what is missing', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const form = emptyDraftForm(now);
    expect(draftBodyOf(form)).toEqual({ missing: 'title' });
    form.title = ' 暴雨黄色预警 ';
    expect(draftBodyOf(form)).toEqual({ missing: 'text' });
    form.text = '请做好防范';
    expect(draftBodyOf(form)).toEqual({ missing: 'targets' });
    form.period = [now, now];
    form.tiers = [1];
    expect(draftBodyOf(form)).toEqual({ missing: 'periodOrder' });
    form.period = [now, new Date(now.getTime() + 3600_000)];
    form.areaIds = ['s01'];
    expect(draftBodyOf(form)).toEqual({
      body: {
        level: 'yellow', type: 'rainstorm', title: '暴雨黄色预警', text: '请做好防范', validFrom: '2026-03-02T02:00:00.000Z', validUntil: '2026-03-02T03:00:00.000Z',
        targets: { areaIds: ['s01'], tiers: [1] }, incidentId: null,
      },
    });
  });

  it('rounds the acknowledgement rate, and has none before anyone was reached', () => {
    expect(ackPercent({ total: 11, acknowledged: 9, rate: 9 / 11 })).toBe(82);
    expect(ackPercent({ total: 0, acknowledged: 0, rate: null })).toBeNull();
  });

  it('names every level in both languages, in its own colour, and every trail act', () => {
    for (const level of WARNING_LEVEL_VALUES) {
      expect(LEVEL_COLOURS[level].background).toMatch(/^#[0-9a-f]{6}$/);
      expect(lookup(zhCN, `warnings.levels.${level}`)).toMatch(/预警$/);
      expect(lookup(en, `warnings.levels.${level}`)).toMatch(/warning$/);
    }
    for (const act of ['warning.draft', 'warning.submit', 'warning.approve', 'warning.send_back', 'warning.update', 'warning.lift', 'warning.expire', 'warning.acknowledge']) {
      expect(typeof lookup(zhCN, trailLabelKey(act)), act).toBe('string');
    }
  });
});
