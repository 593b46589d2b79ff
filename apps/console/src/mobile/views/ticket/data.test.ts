import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '#/api/tickets';
import { i18n, setLocale } from '#/locales';
import { describeActionError, summariseTrail, toPhoneActions } from './data';

const event = (id: string, action: string, at: string, patch: Partial<TicketEvent> = {}): TicketEvent => ({
  id, action, fromState: null, toState: null, actorId: null, actorRole: null, unitId: null, reason: null, data: {}, at, ...patch,
});
const translate = { t: (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {}), te: (key: string) => i18n.global.te(key) };

describe('toPhoneActions', () => {
  it('offers only the handler actions the server allows, sign first', () => {
    const buttons = toPhoneActions({ allowedActions: ['return', 'sign', 'remind', 'dispatch'], trail: [], extensionCount: 0 });
    expect(buttons.map((b) => b.action)).toEqual(['sign', 'return']);
    expect(buttons[0]?.labelKey).toBe('ticket.actions.sign');
  });

  it('orders reply before the extension and the return, and drops a second extension', () => {
    const allowed = ['reply', 'return', 'request-extension'];
    expect(toPhoneActions({ allowedActions: allowed, trail: [], extensionCount: 0 }).map((b) => b.action)).toEqual(['reply', 'request-extension', 'return']);
    expect(toPhoneActions({ allowedActions: allowed, trail: [], extensionCount: 1 }).map((b) => b.action)).toEqual(['reply', 'return']);
  });
});

describe('summariseTrail', () => {
  it('lists the newest entries first, with a reply text or a reason and who acted', () => {
    const trail = [
      event('1', 'create', '2026-12-05T01:00:00Z'),
      event('2', 'dispatch', '2026-12-05T01:05:00Z', { unitName: '东一网格工作站' }),
      event('3', 'reply', '2026-12-05T03:00:00Z', { actorName: '网格员 赵磊', data: { content: '已清运' } }),
      event('4', 'return', '2026-12-05T02:00:00Z', { reason: '不属本网格' }),
    ];
    const summary = summariseTrail(trail, 3);
    expect(summary.map((entry) => entry.action)).toEqual(['reply', 'return', 'dispatch']);
    expect(summary[0]).toMatchObject({ who: '网格员 赵磊', text: '已清运' });
    expect(summary[1]).toMatchObject({ who: null, text: '不属本网格' });
    expect(summary[2]).toMatchObject({ who: '东一网格工作站', text: null });
  });

  it('carries the files an act has, and none for an entry without', () => {
    const photo = { id: 'f1', act: 'reply', fileName: 'site.jpg', contentType: 'image/jpeg', sizeBytes: 2048, width: 48, height: 32, hasThumbnail: true, createdAt: '2026-12-05T03:00:00Z' };
    const summary = summariseTrail([event('1', 'create', '2026-12-05T01:00:00Z'), event('2', 'reply', '2026-12-05T03:00:00Z', { attachments: [photo] })]);
    expect(summary[0]?.attachments).toEqual([photo]);
    expect(summary[1]?.attachments).toEqual([]);
  });

  it('keeps entries of the same second in trail order, newest last in the trail first here', () => {
    const at = '2026-12-05T01:00:00Z';
    const summary = summariseTrail([event('1', 'create', at), event('2', 'dispatch', at), event('3', 'sign', at)]);
    expect(summary.map((entry) => entry.action)).toEqual(['sign', 'dispatch', 'create']);
  });
});

describe('describeActionError', () => {
  it('says a stale ticket in words with its new state, and asks for a reload', () => {
    setLocale('zh-CN');
    const stale = describeActionError({ code: 'conflict', message: 'Cannot sign a ticket in state signed', status: 409, details: { details: { state: 'signed', action: 'sign' } } }, translate);
    expect(stale).toEqual({ text: '工单已是“已签收”，不能再签收。已为您刷新，请查看后再操作。', isStale: true });
    setLocale('en');
    expect(describeActionError({ code: 'conflict', message: 'x', status: 409, details: { details: { state: 'signed', action: 'sign' } } }, translate).text).toContain('The ticket is now "Signed"');
    setLocale('zh-CN');
  });

  it('names the closed return window at the centre clock, and a waiting extension', () => {
    const late = describeActionError({ code: 'conflict', message: 'The return window closed', status: 409, field: 'reasonCode', details: { details: { returnBy: '2026-12-04T02:00:00.000Z' } } }, translate);
    expect(late).toEqual({ text: '已过退单时限（须在 2026-12-04 10:00 前退单）。如确需退回，请联系派单员。', isStale: false });
    expect(describeActionError({ code: 'conflict', message: 'waiting', status: 409, field: 'days' }, translate).text).toContain('已有一个延期申请');
  });

  it('falls back to the console wording of the error code', () => {
    expect(describeActionError({ code: 'forbidden', message: 'no', status: 403 }, translate)).toEqual({ text: '您没有权限执行此操作', isStale: false });
  });
});
