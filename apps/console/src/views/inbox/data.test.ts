import { describe, expect, it } from 'vitest';
import type { TicketView } from '#/api/tickets';
import { buildInboxQueries, INBOX_TAB_VALUES, matchesInboxTab, mergeTicketPages } from './data';

const NOW = Date.parse('2025-03-10T08:00:00.000Z');
const ticket = (id: string, patch: Partial<TicketView> = {}): TicketView => ({
  id, code: `YX-${id}`, channel: 'phone', ticketClass: 'non_police', state: 'dispatched', policeState: null, kind: 'complaint',
  categoryId: 'c', urgency: 'normal', confidential: false, title: 't', description: 'd', callerNumber: null, address: null,
  areaId: 's01g01', leadUnitId: 'gt-s01g01', supportingUnitIds: [], hotlineNumber: '12345', callId: null, level: 'grid',
  signDueAt: null, handleDueAt: null, followUpDueAt: null, extensionCount: 0, verdict: null, linkedTicketId: null, mergedIntoId: null,
  dispatchedAt: null, closedAt: null, createdAt: '2025-03-10T07:00:00.000Z', updatedAt: '2025-03-10T07:00:00.000Z', ...patch,
});

describe('buildInboxQueries', () => {
  it('asks for the unit’s tickets in the tab’s states', () => {
    expect(buildInboxQueries('to_sign', 'gt-s01g01')).toEqual([{ pageSize: 100, unitId: 'gt-s01g01', state: 'dispatched,reopened' }]);
    expect(buildInboxQueries('in_progress', 'u').map((q) => q.state)).toEqual(['signed,in_progress']);
    expect(buildInboxQueries('to_verify', 'u')).toEqual([{ pageSize: 100, state: 'verifying' }]);
    expect(buildInboxQueries('overdue', 'u')).toEqual([{ pageSize: 100, unitId: 'u', overdue: true }]);
    expect(buildInboxQueries('returned', null)).toEqual([{ pageSize: 100, state: 'returned' }]);
  });
});

describe('matchesInboxTab', () => {
  it('sorts each state into its tab', () => {
    const tabsOf = (t: TicketView) => INBOX_TAB_VALUES.filter((tab) => matchesInboxTab(t, tab, NOW));
    expect(tabsOf(ticket('1', { state: 'dispatched' }))).toEqual(['to_sign']);
    expect(tabsOf(ticket('2', { state: 'reopened' }))).toEqual(['to_sign']);
    expect(tabsOf(ticket('3', { state: 'in_progress', handleDueAt: '2025-03-10T07:59:00.000Z' }))).toEqual(['in_progress', 'overdue']);
    expect(tabsOf(ticket('4', { state: 'signed', handleDueAt: '2025-03-10T08:01:00.000Z' }))).toEqual(['in_progress']);
    expect(tabsOf(ticket('5', { state: 'returned' }))).toEqual(['returned']);
    expect(tabsOf(ticket('6', { state: 'replied', handleDueAt: '2025-03-01T00:00:00.000Z' }))).toEqual([]);
  });
});

describe('mergeTicketPages', () => {
  it('keeps each ticket once, most urgent deadline first, undated last (newest first)', () => {
    const late = ticket('late', { signDueAt: '2025-03-10T12:00:00.000Z' });
    const soon = ticket('soon', { signDueAt: '2025-03-10T09:00:00.000Z' });
    const undatedOld = ticket('old', { createdAt: '2025-03-09T00:00:00.000Z' });
    const undatedNew = ticket('new', { createdAt: '2025-03-10T07:30:00.000Z' });
    const merged = mergeTicketPages([
      { total: 2, items: [late, undatedOld] },
      { total: 3, items: [soon, undatedNew, late] },
    ]);
    expect(merged.map((t) => t.id)).toEqual(['soon', 'late', 'new', 'old']);
  });
});
