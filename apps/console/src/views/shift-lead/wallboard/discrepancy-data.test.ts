import { describe, expect, it } from 'vitest';
import { discrepancyFieldLabel, discrepancyHotline, formatDiscrepancyValue } from './discrepancy-data';

const MESSAGES: Record<string, string> = {
  'discrepancy.noValue': '无', 'discrepancy.seconds': '{count} 秒', 'call.states.completed': '已完成',
  'discrepancy.hangupBy.agent': '坐席', 'discrepancy.fields.talkSeconds': '通话时长',
};
const t = (key: string, values: Record<string, unknown> = {}) => (MESSAGES[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
const te = (key: string) => key in MESSAGES;
const i18n = { t, te, time: (iso: string) => `T(${iso})` };

describe('differences in words', () => {
  it('formats each kind of value', () => {
    expect(formatDiscrepancyValue('talkSeconds', '32', null, i18n)).toBe('32 秒');
    expect(formatDiscrepancyValue('endedAt', '2026-12-04T21:40:00.000Z', null, i18n)).toBe('T(2026-12-04T21:40:00.000Z)');
    expect(formatDiscrepancyValue('state', 'completed', null, i18n)).toBe('已完成');
    expect(formatDiscrepancyValue('state', 'weird', null, i18n)).toBe('weird');
    expect(formatDiscrepancyValue('hangupBy', 'agent', null, i18n)).toBe('坐席');
    expect(formatDiscrepancyValue('agentInterface', 'PJSIP/8101', '李娜', i18n)).toBe('李娜');
    expect(formatDiscrepancyValue('agentInterface', 'PJSIP/9999', null, i18n)).toBe('PJSIP/9999');
    expect(formatDiscrepancyValue('answeredAt', null, null, i18n)).toBe('无');
  });

  it('names fields and hotlines', () => {
    expect(discrepancyFieldLabel('talkSeconds', t, te)).toBe('通话时长');
    expect(discrepancyFieldLabel('newField', t, te)).toBe('newField');
    const call = { hotlineNumber: '12345', hotlineName: '市民服务热线', hotlineNameEn: 'Citizen service' };
    expect(discrepancyHotline({ call } as never, 'zh-CN')).toBe('市民服务热线 12345');
    expect(discrepancyHotline({ call } as never, 'en')).toBe('Citizen service 12345');
    expect(discrepancyHotline({ call: { ...call, hotlineName: null } } as never, 'zh-CN')).toBe('12345');
  });
});
