import { describe, expect, it } from 'vitest';
import { ApiError } from '#/api/api-error';
import type { TicketEvent } from '#/api/tickets';
import { i18n, setLocale } from '#/locales';
import { upgradeKeptReply, type QueuedReport, type QueuedTicketAct } from '../../offline/phone-db';
import { hasAct, hasChanged, outcomeOfError } from '../../offline/send-outbox-item';
import { countPhotos, describeOutboxItem, describeOutboxState } from './data';

const translate = { t: (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {}), te: (key: string) => i18n.global.te(key) };
const photo = { name: 'a.jpg', type: 'image/jpeg', blob: new Blob(['x']), uploadedId: null };
const base = { id: 1, userId: 'u1', createdAt: '2026-12-05T01:00:00Z', state: 'waiting' as const, problem: null };
const report: QueuedReport = {
  ...base, kind: 'report', idempotencyKey: 'k', ticketId: null, ticketCode: null, photos: [photo], afterPhotos: [photo],
  body: { categoryId: 'city.garbage', description: '桥下垃圾', position: { lat: 1, lng: 2, accuracy: 5 } },
};
const reply: QueuedTicketAct = {
  ...base, kind: 'act', action: 'reply', idempotencyKey: 'key-0001', ticketId: 't1', ticketCode: 'GD-1', body: { content: '已清运' }, text: '已清运', photos: [], seenState: 'signed', seenChangeId: '40',
};
const check: QueuedTicketAct = {
  ...reply, action: 'verify', body: { verdict: 'failed', note: '仍有垃圾' }, text: '仍有垃圾', seenState: 'verifying',
};
const event = (id: string, action: string, content: string, actorId: string | null = 'u1'): TicketEvent => ({
  id, action, fromState: null, toState: null, actorId, actorRole: null, unitId: null, reason: null, data: { content }, at: '2026-12-05T01:00:00Z',
});

describe('the outbox in words', () => {
  it('names a report, a filed report and a reply', () => {
    setLocale('zh-CN');
    expect(describeOutboxItem(report, translate)).toEqual({ title: '巡查上报', text: '桥下垃圾' });
    expect(describeOutboxItem({ ...report, ticketCode: 'GD-9' }, translate).title).toContain('GD-9');
    expect(describeOutboxItem(reply, translate)).toEqual({ title: '回复工单 GD-1', text: '已清运' });
    expect(describeOutboxItem(check, translate)).toEqual({ title: '核查工单 GD-1', text: '仍有垃圾' });
    expect(describeOutboxItem({ ...reply, action: 'return' }, translate).title).toBe('退回工单 GD-1');
    expect(countPhotos(report)).toBe(2);
  });

  it('says the state, and a refusal with the ticket\'s state in words (both languages)', () => {
    setLocale('zh-CN');
    expect(describeOutboxState(reply, translate)).toBe('等待发送');
    const refused = { state: 'refused' as const, problem: { key: 'mobile.outbox.problems.changed.reply', values: { state: 'returned' } } };
    expect(describeOutboxState(refused, translate)).toContain('现为“已退单”');
    const failed = { state: 'failed' as const, problem: { error: { code: 'validation_failed', status: 400, message: 'bad' } } };
    expect(describeOutboxState(failed, translate)).toMatch(/^发送失败：/);
    setLocale('en');
    expect(describeOutboxState(refused, translate)).toContain('The ticket changed after you wrote this reply');
    setLocale('zh-CN');
  });
});

describe('sending', () => {
  it('knows an act already on the ticket: the worker\'s own, after what they saw (its answer was lost)', () => {
    expect(hasAct({ trail: [event('41', 'reply', '已清运')] }, reply)).toBe(true);
    // Before what the worker saw, by someone else, or another act: not this one.
    expect(hasAct({ trail: [event('39', 'reply', '已清运')] }, reply)).toBe(false);
    expect(hasAct({ trail: [event('41', 'reply', '已清运', 'u2')] }, reply)).toBe(false);
    expect(hasAct({ trail: [event('41', 'return', '')] }, reply)).toBe(false);
    expect(hasAct({ trail: [event('41', 'verify', '')] }, check)).toBe(true);
  });

  it('tells a changed ticket by its latest changing entry, not by a reminder', () => {
    expect(hasChanged({ state: 'signed', lastChangeId: '40' }, reply)).toBe(false);
    expect(hasChanged({ state: 'signed', lastChangeId: '44' }, reply)).toBe(true);
  });

  it('keeps a reply of the first version as an act, judged by its text and the state it was written in', () => {
    const old = upgradeKeptReply({ ...base, kind: 'reply', ticketId: 't1', ticketCode: 'GD-1', content: '已清运', photos: [], seenState: 'signed' });
    expect(old).toMatchObject({ kind: 'act', action: 'reply', body: { content: '已清运' }, text: '已清运', seenChangeId: null, id: 1 });
    expect(hasAct({ trail: [event('5', 'reply', '已清运')] }, old)).toBe(true);
    expect(hasChanged({ state: 'signed', lastChangeId: '44' }, old)).toBe(false);
    expect(hasChanged({ state: 'returned', lastChangeId: '44' }, old)).toBe(true);
  });

  it('waits on no signal or an ended session, and says a refusal', () => {
    expect(outcomeOfError(new ApiError({ status: 0, code: 'network_error', message: 'x' }), 'act')).toEqual({ kind: 'offline' });
    // A failover or a busy centre is not the act's fault: it waits and is sent again under its key.
    expect(outcomeOfError(new ApiError({ status: 502, code: 'bad_gateway', message: 'x' }), 'act')).toEqual({ kind: 'offline' });
    expect(outcomeOfError(new ApiError({ status: 503, code: 'service_unavailable', message: 'x' }), 'report')).toEqual({ kind: 'offline' });
    expect(outcomeOfError(new ApiError({ status: 401, code: 'session_expired', message: 'x' }), 'act')).toEqual({ kind: 'signedOut' });
    expect(outcomeOfError(new ApiError({ status: 404, code: 'not_found', message: 'x' }), 'act')).toMatchObject({ kind: 'failed', problem: { key: 'mobile.outbox.problems.notFound' } });
    expect(outcomeOfError(new ApiError({ status: 400, code: 'validation_failed', message: 'x', field: 'position' }), 'report')).toMatchObject({ kind: 'failed', problem: { key: 'mobile.report.errors.outside' } });
  });
});
