import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '#/api/tickets';
import { areaName, describeEventDetails, formatFileSize, listRunningDeadlines, localName, pickDeadline, toCountdown, toDurationMessage, toStateTagType, unitNamesOf } from './data';

const NOW = Date.parse('2025-03-10T08:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;

describe('toCountdown', () => {
  it('splits time left into days, hours and minutes, rounding left time down', () => {
    expect(toCountdown(at(((2 * 24 + 3) * 60 + 5) * MIN + 59_000), NOW)).toEqual({ isOverdue: false, days: 2, hours: 3, minutes: 5, tone: 'normal' });
  });

  it('turns amber within two hours and red once passed, rounding overdue time up', () => {
    expect(toCountdown(at(119 * MIN), NOW)?.tone).toBe('soon');
    expect(toCountdown(at(121 * MIN), NOW)?.tone).toBe('normal');
    expect(toCountdown(at(-90 * MIN - 1000), NOW)).toEqual({ isOverdue: true, days: 0, hours: 1, minutes: 31, tone: 'overdue' });
  });

  it('is null without a readable deadline', () => {
    expect(toCountdown(null, NOW)).toBeNull();
    expect(toCountdown('', NOW)).toBeNull();
    expect(toCountdown('not a date', NOW)).toBeNull();
  });
});

describe('toDurationMessage', () => {
  it('uses the two largest units that matter', () => {
    expect(toDurationMessage({ days: 1, hours: 2, minutes: 3 })).toEqual({ key: 'ticket.duration.daysHours', values: { days: 1, hours: 2 } });
    expect(toDurationMessage({ days: 0, hours: 2, minutes: 3 })).toEqual({ key: 'ticket.duration.hoursMinutes', values: { hours: 2, minutes: 3 } });
    expect(toDurationMessage({ days: 0, hours: 0, minutes: 0 })).toEqual({ key: 'ticket.duration.minutes', values: { minutes: 0 } });
  });
});

describe('pickDeadline', () => {
  const dues = { signDueAt: 'S', handleDueAt: 'H', followUpDueAt: 'F' };
  it('follows the state: sign while waiting to be signed, reply while handled, follow-up once replied', () => {
    expect(pickDeadline({ state: 'dispatched', ...dues })).toEqual({ kind: 'sign', dueAt: 'S' });
    expect(pickDeadline({ state: 'reopened', ...dues })).toEqual({ kind: 'sign', dueAt: 'S' });
    expect(pickDeadline({ state: 'in_progress', ...dues })).toEqual({ kind: 'reply', dueAt: 'H' });
    expect(pickDeadline({ state: 'dispatched', ...dues, signDueAt: null })).toEqual({ kind: 'reply', dueAt: 'H' });
    expect(pickDeadline({ state: 'replied', ...dues })).toEqual({ kind: 'followUp', dueAt: 'F' });
    expect(pickDeadline({ state: 'closed', ...dues })).toBeNull();
    expect(pickDeadline({ state: 'returned', ...dues })).toBeNull();
  });
});

describe('toStateTagType', () => {
  it('marks returns red, closed green and unknown grey', () => {
    expect(toStateTagType('returned')).toBe('danger');
    expect(toStateTagType('closed')).toBe('success');
    expect(toStateTagType('signed')).toBe('primary');
    expect(toStateTagType('whatever')).toBe('info');
  });
});

describe('describeEventDetails', () => {
  it('says an on-site check in words: the verdict, where it was made, and why a reply was or was not checked', async () => {
    const check = describeEventDetails({ action: 'verify', data: { verdict: 'failed', inGrid: false, position: { lat: 28.5, lng: 112.7, accuracy: 11.6 }, attachmentIds: ['a'] } });
    expect(check).toEqual([
      { labelKey: 'ticket.trail.verification', value: 'failed', valueKey: 'ticket.verificationVerdicts.failed' },
      { labelKey: 'ticket.trail.checkedAt', value: 'false', valueKey: 'ticket.trail.outsideGrid', values: { metres: '12' } },
    ]);
    const { i18n, setLocale } = await import('#/locales');
    setLocale('zh-CN');
    expect(i18n.global.t(check[1]!.valueKey!, check[1]!.values!)).toBe('不在本网格内（误差约 12 米）');
    expect(i18n.global.t(check[0]!.valueKey!)).toBe('不通过');
    expect(describeEventDetails({ action: 'reply', data: { content: '已补装', verification: 'no_grid_worker' } })[1]).toMatchObject({ valueKey: 'ticket.trail.verificationNeeds.no_grid_worker' });
    expect(describeEventDetails({ action: 'reopen', data: { viaVerification: true } })).toEqual([
      { labelKey: 'ticket.trail.reopenCause', value: 'verification', valueKey: 'ticket.trail.reopenViaVerification' },
    ]);
    // A follow-up's verdict stays a follow-up's.
    expect(describeEventDetails({ action: 'follow-up', data: { verdict: 'satisfied' } })[0]).toMatchObject({ labelKey: 'ticket.trail.verdict' });
  });

  it('names the facts of each act and skips unknown data', () => {
    expect(describeEventDetails({ action: 'reply', data: { content: '已清理' } })).toEqual([{ labelKey: 'ticket.trail.content', value: '已清理' }]);
    expect(describeEventDetails({ action: 'return', data: { reasonCode: 'wrong_location' } })).toEqual([
      { labelKey: 'ticket.trail.reasonCode', value: 'wrong_location', valueKey: 'ticket.returnReasons.wrong_location' },
    ]);
    expect(describeEventDetails({ action: 'approve-extension', data: { approve: false, days: 3 } }).map((d) => d.valueKey ?? d.value)).toEqual([
      '3',
      'ticket.trail.refused',
    ]);
    expect(describeEventDetails({ action: 'dispatch', data: { toUnitId: 'gt-s01g01', routed: true, level: 'grid' } })).toEqual([
      { labelKey: 'ticket.trail.toUnit', value: 'gt-s01g01' },
    ]);
    expect(describeEventDetails({ action: 'sign', data: { secret: { nested: 1 } } })).toEqual([]);
    expect(describeEventDetails({ action: 'close-at-intake', data: { answer: '工作日 9:00 起', articleId: 'kb-office-hours', articleTitle: '政务服务中心几点上班？' } })).toEqual([
      { labelKey: 'ticket.trail.answer', value: '工作日 9:00 起' },
      { labelKey: 'ticket.trail.article', value: '政务服务中心几点上班？' },
    ]);
  });
});

describe('listRunningDeadlines', () => {
  it('lists sign and reply while unsigned, only reply once signed, only follow-up once replied', () => {
    const dues = { signDueAt: 'S', handleDueAt: 'H', followUpDueAt: 'F' };
    expect(listRunningDeadlines({ state: 'dispatched', ...dues }).map((d) => d.kind)).toEqual(['sign', 'reply']);
    expect(listRunningDeadlines({ state: 'in_progress', ...dues })).toEqual([{ kind: 'reply', dueAt: 'H', labelKey: 'ticket.fields.replyDue' }]);
    expect(listRunningDeadlines({ state: 'follow_up', ...dues }).map((d) => d.kind)).toEqual(['followUp']);
    expect(listRunningDeadlines({ state: 'closed', ...dues })).toEqual([]);
  });
});

describe('formatFileSize', () => {
  it('reads as B, KB or MB', () => {
    expect(formatFileSize(12)).toBe('12 B');
    expect(formatFileSize(2048)).toBe('2.0 KB');
    expect(formatFileSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatFileSize(Number.NaN)).toBe('—');
  });
});

describe('names instead of ids', () => {
  const event = (unitId: string | null, unitName: string | null, unitNameEn: string | null = null) =>
    ({ id: '1', action: 'dispatch', fromState: null, toState: null, actorId: null, actorRole: 'agent', unitId, unitName, unitNameEn, reason: null, data: {}, at: '2025-03-10T08:00:00.000Z' }) as TicketEvent;

  it('localName takes the English name under en when there is one, else the name, else the id', () => {
    expect(localName('垃圾清运', 'Garbage collection', 'zh-CN', 'city.garbage')).toBe('垃圾清运');
    expect(localName('垃圾清运', 'Garbage collection', 'en', 'city.garbage')).toBe('Garbage collection');
    expect(localName('垃圾清运', '', 'en', 'city.garbage')).toBe('垃圾清运');
    expect(localName(null, null, 'zh-CN', 'city.garbage')).toBe('city.garbage');
  });

  it('unitNamesOf collects the lead unit and the trail units the server named', () => {
    const names = unitNamesOf({
      leadUnitId: 'dept-urban-management', leadUnitName: '区城市管理局', leadUnitNameEn: 'Urban Management Bureau',
      trail: [event('so-s01', '一街道办事处'), event('gt-x', null), event(null, null)],
    }, 'zh-CN');
    expect([...names]).toEqual([['so-s01', '一街道办事处'], ['dept-urban-management', '区城市管理局']]);
  });

  it('describeEventDetails names the unit a ticket went to when it knows it', () => {
    const names = new Map([['dept-urban-management', '区城市管理局']]);
    expect(describeEventDetails({ action: 'dispatch', data: { toUnitId: 'dept-urban-management' } }, names)).toEqual([{ labelKey: 'ticket.trail.toUnit', value: '区城市管理局' }]);
    expect(describeEventDetails({ action: 'dispatch', data: { toUnitId: 'gt-x' } }, names)).toEqual([{ labelKey: 'ticket.trail.toUnit', value: 'gt-x' }]);
  });

  it('names the supporting units of a dispatch, from the trail or the detail, in the UI language', () => {
    const data = { toUnitId: 'dept-urban-management', supportingUnits: [{ id: 'dept-environment', name: '生态环境分局', nameEn: 'Ecology Bureau' }, { id: 'so-s03', name: '月亮岛街道办事处', nameEn: 'Yueliangdao office' }, 'junk'] };
    const trail = [{ ...event('dept-urban-management', '城市管理和综合执法局'), data }];
    const zh = unitNamesOf({ leadUnitId: 'dept-urban-management', leadUnitName: '城市管理和综合执法局', leadUnitNameEn: 'Urban', trail }, 'zh-CN');
    expect(describeEventDetails({ action: 'dispatch', data }, zh)).toEqual([
      { labelKey: 'ticket.trail.toUnit', value: '城市管理和综合执法局' },
      { labelKey: 'pickers.trailSupporting', value: '生态环境分局、月亮岛街道办事处' },
    ]);
    const en = unitNamesOf({ leadUnitId: null, leadUnitName: null, leadUnitNameEn: null, trail: [], supportingUnits: [{ id: 'so-s03', name: '月亮岛街道办事处', nameEn: 'Yueliangdao office' }] }, 'en');
    expect(en.get('so-s03')).toBe('Yueliangdao office');
  });

  it('areaName finds the area, or shows the id, or a dash without one', () => {
    const areas = [{ id: 's01', name: '一街道', nameEn: 'First Street' }];
    expect(areaName(areas, 's01', 'zh-CN')).toBe('一街道');
    expect(areaName(areas, 's01', 'en')).toBe('First Street');
    expect(areaName(areas, 's99', 'zh-CN')).toBe('s99');
    expect(areaName(areas, null, 'zh-CN')).toBe('—');
  });
});
