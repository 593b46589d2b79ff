import { describe, expect, it } from 'vitest';
import { ApiError } from '#/api/api-error';
import type { TicketEvent } from '#/api/tickets';
import { i18n, setLocale } from '#/locales';
import type { QueuedReply, QueuedReport } from '../../offline/phone-db';
import { hasReply, outcomeOfError } from '../../offline/send-outbox-item';
import { countPhotos, describeOutboxItem, describeOutboxState } from './data';

const translate = { t: (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {}), te: (key: string) => i18n.global.te(key) };
const photo = { name: 'a.jpg', type: 'image/jpeg', blob: new Blob(['x']), uploadedId: null };
const base = { id: 1, userId: 'u1', createdAt: '2026-12-05T01:00:00Z', state: 'waiting' as const, problem: null };
const report: QueuedReport = {
  ...base, kind: 'report', idempotencyKey: 'k', ticketId: null, ticketCode: null, photos: [photo], afterPhotos: [photo],
  body: { categoryId: 'city.garbage', description: '桥下垃圾', position: { lat: 1, lng: 2, accuracy: 5 } },
};
const reply: QueuedReply = { ...base, kind: 'reply', ticketId: 't1', ticketCode: 'GD-1', content: '已清运', photos: [], seenState: 'signed', seenUpdatedAt: '2026-12-05T00:00:00Z' };
const event = (action: string, content: string): TicketEvent => ({
  id: action, action, fromState: null, toState: null, actorId: null, actorRole: null, unitId: null, reason: null, data: { content }, at: '2026-12-05T01:00:00Z',
});

describe('the outbox in words', () => {
  it('names a report, a filed report and a reply', () => {
    setLocale('zh-CN');
    expect(describeOutboxItem(report, translate)).toEqual({ title: '巡查上报', text: '桥下垃圾' });
    expect(describeOutboxItem({ ...report, ticketCode: 'GD-9' }, translate).title).toContain('GD-9');
    expect(describeOutboxItem(reply, translate)).toEqual({ title: '回复工单 GD-1', text: '已清运' });
    expect(countPhotos(report)).toBe(2);
  });

  it('says the state, and a refusal with the ticket\'s state in words (both languages)', () => {
    setLocale('zh-CN');
    expect(describeOutboxState(reply, translate)).toBe('等待发送');
    const refused = { state: 'refused' as const, problem: { key: 'mobile.outbox.problems.changed', values: { state: 'returned' } } };
    expect(describeOutboxState(refused, translate)).toContain('现为“已退单”');
    const failed = { state: 'failed' as const, problem: { error: { code: 'validation_failed', status: 400, message: 'bad' } } };
    expect(describeOutboxState(failed, translate)).toMatch(/^发送失败：/);
    setLocale('en');
    expect(describeOutboxState(refused, translate)).toContain('The ticket changed after you wrote this reply');
    setLocale('zh-CN');
  });
});

describe('sending', () => {
  it('knows a reply already on the ticket (its answer was lost)', () => {
    expect(hasReply({ trail: [event('reply', '已清运')] }, ' 已清运 ')).toBe(true);
    expect(hasReply({ trail: [event('reply', '别的')] }, '已清运')).toBe(false);
  });

  it('waits on no signal or an ended session, and says a refusal', () => {
    expect(outcomeOfError(new ApiError({ status: 0, code: 'network_error', message: 'x' }), 'reply')).toEqual({ kind: 'offline' });
    expect(outcomeOfError(new ApiError({ status: 401, code: 'session_expired', message: 'x' }), 'reply')).toEqual({ kind: 'signedOut' });
    expect(outcomeOfError(new ApiError({ status: 404, code: 'not_found', message: 'x' }), 'reply')).toMatchObject({ kind: 'failed', problem: { key: 'mobile.outbox.problems.notFound' } });
    expect(outcomeOfError(new ApiError({ status: 400, code: 'validation_failed', message: 'x', field: 'position' }), 'report')).toMatchObject({ kind: 'failed', problem: { key: 'mobile.report.errors.outside' } });
  });
});
