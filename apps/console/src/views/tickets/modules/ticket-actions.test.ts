import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '#/api/tickets';
import { buildActionBody, createActionForm, findPendingExtension, toActionButtons } from './ticket-actions';

let nextId = 1;
const event = (action: string, data: Record<string, unknown> = {}, reason: string | null = null): TicketEvent => ({
  id: String(nextId++), action, fromState: 'in_progress', toState: 'in_progress', actorId: 'u', actorRole: 'dept_handler',
  unitId: 'gt-s01g01', reason, data, at: '2025-03-10T08:00:00.000Z',
});

describe('findPendingExtension', () => {
  it('finds the last request without a decision after it', () => {
    expect(findPendingExtension([event('sign'), event('request-extension', { days: 3 }, '需协调')])).toEqual({ days: 3, reason: '需协调', at: '2025-03-10T08:00:00.000Z' });
    expect(findPendingExtension([event('request-extension', { days: 3 }), event('approve-extension', { approve: true })])).toBeNull();
    expect(findPendingExtension([])).toBeNull();
  });
});

describe('toActionButtons', () => {
  it('keeps only known, allowed actions in a fixed order', () => {
    const buttons = toActionButtons({ allowedActions: ['return', 'sign', 'close-at-intake', 'bogus'], trail: [], extensionCount: 0 });
    expect(buttons.map((b) => b.action)).toEqual(['sign', 'return']);
    expect(buttons[0]).toEqual({ action: 'sign', labelKey: 'ticket.actions.sign', form: 'none', buttonType: 'primary' });
  });

  it('offers the extension decision only when a request waits, and a new request only when none waits and none was granted', () => {
    const allowed = ['reply', 'request-extension', 'approve-extension'];
    expect(toActionButtons({ allowedActions: allowed, trail: [], extensionCount: 0 }).map((b) => b.action)).toEqual(['reply', 'request-extension']);
    const waiting = [event('request-extension', { days: 2 })];
    expect(toActionButtons({ allowedActions: allowed, trail: waiting, extensionCount: 0 }).map((b) => b.action)).toEqual(['reply', 'approve-extension']);
    expect(toActionButtons({ allowedActions: allowed, trail: [], extensionCount: 1 }).map((b) => b.action)).toEqual(['reply']);
  });

  it('offers marking complex only on a mailbox letter not yet marked, with a reason form', () => {
    const allowed = ['remind', 'supervise', 'mark-complex'];
    const letter = toActionButtons({ allowedActions: allowed, trail: [], extensionCount: 0, channel: 'mailbox', complex: false });
    expect(letter.map((b) => b.action)).toEqual(['remind', 'supervise', 'mark-complex']);
    expect(letter.at(-1)).toEqual({ action: 'mark-complex', labelKey: 'ticket.actions.mark-complex', form: 'reason', buttonType: 'warning' });
    expect(toActionButtons({ allowedActions: allowed, trail: [], extensionCount: 0, channel: 'mailbox', complex: true }).map((b) => b.action)).toEqual(['remind', 'supervise']);
    expect(toActionButtons({ allowedActions: allowed, trail: [], extensionCount: 0, channel: 'phone', complex: false }).map((b) => b.action)).toEqual(['remind', 'supervise']);
  });
});

describe('buildActionBody', () => {
  it('builds exactly the API bodies, trimmed, without empty optional fields', () => {
    const form = createActionForm();
    expect(buildActionBody('sign', form)).toEqual({ ok: true, body: {} });
    expect(buildActionBody('reply', { ...form, content: '  已处理 ' })).toEqual({ ok: true, body: { content: '已处理' } });
    expect(buildActionBody('return', { ...form, reasonCode: 'wrong_location', note: '不在本网格' })).toEqual({
      ok: true, body: { reasonCode: 'wrong_location', note: '不在本网格' },
    });
    expect(buildActionBody('request-extension', { ...form, days: 5, reason: '等待材料' })).toEqual({ ok: true, body: { days: 5, reason: '等待材料' } });
    expect(buildActionBody('approve-extension', { ...form, approve: false, note: ' 不合理 ' })).toEqual({ ok: true, body: { approve: false, note: '不合理' } });
    expect(buildActionBody('follow-up', { ...form, verdict: 'basically_satisfied' })).toEqual({ ok: true, body: { verdict: 'basically_satisfied' } });
    expect(buildActionBody('close', form)).toEqual({ ok: true, body: {} });
  });

  it('names the first missing or out-of-range field', () => {
    const form = createActionForm();
    expect(buildActionBody('reply', { ...form, content: '   ' })).toEqual({ ok: false, field: 'content', messageKey: 'ticket.form.contentRequired' });
    expect(buildActionBody('return', { ...form, note: 'x' })).toMatchObject({ ok: false, field: 'reasonCode' });
    expect(buildActionBody('return', { ...form, reasonCode: 'other' })).toMatchObject({ ok: false, field: 'note' });
    expect(buildActionBody('request-extension', { ...form, days: 6, reason: 'x' })).toMatchObject({ ok: false, field: 'days' });
    expect(buildActionBody('request-extension', { ...form, days: 1.5, reason: 'x' })).toMatchObject({ ok: false, field: 'days' });
    expect(buildActionBody('request-extension', { ...form, days: 2 })).toMatchObject({ ok: false, field: 'reason' });
    expect(buildActionBody('follow-up', form)).toMatchObject({ ok: false, field: 'verdict' });
    expect(buildActionBody('reopen', form)).toMatchObject({ ok: false, field: 'reason' });
    expect(buildActionBody('mark-complex', { ...form, reason: '  ' })).toMatchObject({ ok: false, field: 'reason', messageKey: 'ticket.form.reasonRequired' });
    expect(buildActionBody('mark-complex', { ...form, reason: ' 涉及多部门 ' })).toEqual({ ok: true, body: { reason: '涉及多部门' } });
  });

  it('turns a dispatch on a returned ticket into a ruling', () => {
    const form = createActionForm();
    expect(buildActionBody('dispatch', form)).toEqual({ ok: true, body: {} });
    expect(buildActionBody('dispatch', { ...form, unitId: 'so-s01' })).toEqual({ ok: true, body: { unitId: 'so-s01' } });
    expect(buildActionBody('dispatch', { ...form, unitId: 'so-s01' }, { isReturned: true })).toEqual({ ok: true, body: { unitId: 'so-s01', ruling: 'accept' } });
    expect(buildActionBody('dispatch', { ...form, unitId: 'so-s01', ruling: 'reject' }, { isReturned: true })).toEqual({ ok: true, body: { ruling: 'reject' } });
  });

  it('sends the supporting units beside the lead (never the lead twice) and refuses a stale unit', () => {
    const form = { ...createActionForm(), unitId: 'dept-urban-management', supportingUnitIds: ['dept-environment', 'dept-urban-management', 'so-s03'] };
    expect(buildActionBody('dispatch', form)).toEqual({ ok: true, body: { unitId: 'dept-urban-management', supportingUnitIds: ['dept-environment', 'so-s03'] } });
    expect(buildActionBody('dispatch', { ...form, supportingUnitIds: [] })).toEqual({ ok: true, body: { unitId: 'dept-urban-management' } });
    expect(buildActionBody('dispatch', form, { hasUnknownUnit: true })).toEqual({ ok: false, field: 'unitId', messageKey: 'pickers.unknownBlocked' });
  });
});
