// @vitest-environment happy-dom
/**
 * A stale edit in words, as every administration form shows it: who, when, which fields (each
 * named once, in the form's own words), and a button that asks for the latest copy.
 */
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '#/locales';
import StaleEditAlert from './stale-edit-alert.vue';

const LABELS: Record<string, string> = { centroidLat: '中心点', centroidLng: '中心点', name: '名称' };
const mountAlert = (by: string | null) => mount(StaleEditAlert, {
  global: { plugins: [ElementPlus, i18n] },
  props: {
    stale: { by, at: '2026-12-05T02:30:00.000Z', fields: ['name', 'centroidLat', 'centroidLng'], current: null },
    title: '此区域已被他人修改', fieldLabel: (field: string) => LABELS[field] ?? field, testid: 'area-stale',
  },
});

afterEach(() => setLocale('zh-CN'));

describe('the stale-edit alert', () => {
  it('names who changed which fields when, each field once, and offers the latest copy', async () => {
    const wrapper = mountAlert('孙丽');
    const text = wrapper.get('[data-testid="area-stale"]').text();
    expect(text).toContain('此区域已被他人修改');
    expect(text).toContain('已被 孙丽 于 2026-12-05 10:30 修改（名称、中心点）');
    await wrapper.get('[data-testid="area-stale-reload"]').trigger('click');
    expect(wrapper.emitted('reload')).toHaveLength(1);
  });

  it('says someone else when the change has no name, in English too', () => {
    setLocale('en');
    const text = mountAlert(null).get('[data-testid="area-stale"]').text();
    expect(text).toContain('someone else changed it at');
    expect(text).toContain('Load the latest');
  });
});
