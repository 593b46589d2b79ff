import { describe, expect, it } from 'vitest';
import type { TicketDetail, TicketView } from '#/api/tickets';
import { buildDispatchQueries, collectExtensionRequests, EXTENSION_SCAN_LIMIT, mapWithLimit, selectExtensionCandidates } from './data';

const ticket = (id: string, patch: Partial<TicketView> = {}): TicketView => ({
  id, code: `YX-${id}`, channel: 'phone', ticketClass: 'non_police', state: 'in_progress', policeState: null, kind: 'complaint',
  categoryId: 'c', urgency: 'normal', confidential: false, title: 't', description: 'd', callerNumber: null, address: null,
  areaId: null, leadUnitId: 'u', supportingUnitIds: [], hotlineNumber: null, callId: null, level: null, signDueAt: null,
  handleDueAt: null, followUpDueAt: null, extensionCount: 0, verdict: null, linkedTicketId: null, mergedIntoId: null,
  dispatchedAt: null, closedAt: null, createdAt: '2025-03-10T07:00:00.000Z', updatedAt: '2025-03-10T07:00:00.000Z', ...patch,
});
const detail = (id: string, actions: Array<[string, Record<string, unknown>, string | null]>): TicketDetail => ({
  ...ticket(id), complex: false, allowedActions: [], mayRevealCaller: false, lastChangeId: null,
  trail: actions.map(([action, data, reason], i) => ({
    id: String(i), action, fromState: null, toState: null, actorId: null, actorRole: 'dept_handler', unitId: 'u', reason, data, at: `2025-03-10T0${i}:00:00.000Z`,
  })),
});

describe('buildDispatchQueries', () => {
  it('maps each desk queue to its states', () => {
    expect(buildDispatchQueries('awaiting')).toEqual([{ pageSize: 100, state: 'accepted' }]);
    expect(buildDispatchQueries('returned').map((q) => q.state)).toEqual(['returned']);
    expect(buildDispatchQueries('extensions').map((q) => q.state)).toEqual(['signed', 'in_progress', 'reopened']);
    expect(buildDispatchQueries('dispatched').map((q) => q.state)).toEqual(['dispatched']);
    expect(buildDispatchQueries('follow_up').map((q) => q.state)).toEqual(['replied', 'follow_up']);
    expect(buildDispatchQueries('verifying').map((q) => q.state)).toEqual(['verifying']);
  });
});

describe('extension requests', () => {
  it('inspects only tickets not yet extended, latest change first, up to the limit', () => {
    const many = Array.from({ length: EXTENSION_SCAN_LIMIT + 5 }, (_, i) => ticket(`n${i}`, { updatedAt: `2025-03-10T07:${String(i).padStart(2, '0')}:00.000Z` }));
    const picked = selectExtensionCandidates([ticket('done', { extensionCount: 1, updatedAt: '2030-01-01T00:00:00.000Z' }), ...many]);
    expect(picked).toHaveLength(EXTENSION_SCAN_LIMIT);
    expect(picked[0]?.id).toBe(`n${EXTENSION_SCAN_LIMIT + 4}`);
    expect(picked.some((t) => t.id === 'done')).toBe(false);
  });

  it('keeps the tickets whose last request has no decision yet', () => {
    const requests = collectExtensionRequests([
      detail('waiting', [['sign', {}, null], ['request-extension', { days: 3 }, '等待检测报告']]),
      detail('decided', [['request-extension', { days: 2 }, 'x'], ['approve-extension', { approve: false }, null]]),
      detail('none', [['sign', {}, null]]),
    ]);
    expect([...requests.keys()]).toEqual(['waiting']);
    expect(requests.get('waiting')).toEqual({ days: 3, reason: '等待检测报告', at: '2025-03-10T01:00:00.000Z' });
  });
});

describe('mapWithLimit', () => {
  it('never runs more than the limit at once, keeps order and reports failures per item', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithLimit([1, 2, 3, 4, 5], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running -= 1;
      if (n === 3) throw new Error('three');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'x'))).toEqual([10, 20, 'x', 40, 50]);
    expect(await mapWithLimit([], 3, async () => 1)).toEqual([]);
  });
});
