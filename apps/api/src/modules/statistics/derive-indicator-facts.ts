/**
 * Derives a ticket's indicator facts (see indicator-facts.ts) from its WHOLE trail, with the same
 * readings of the trail as `collectIndicatorSets` (collect-indicator-sets.ts): deadlines from the
 * category's limits and the work calendar, handling episodes, the sign-for window up to the next
 * dispatch. Pure; the refresh stores the result per ticket.
 */
import { CHANNELS } from '@yixian/domain';
import { CENTRE_KEY } from './ticket-indicators.js';
import {
  dataOf, deadlinesFor, isClose, isDispatch, isReplySentBack, listEpisodes, listHolders, type TrailContext, type TrailEntry, type TrailTicket,
} from './collect-indicator-sets.js';
import type { IndicatorFact } from './indicator-facts.js';

type Draft = Omit<IndicatorFact, 'seq' | 'rollable'>;

function dispatchFacts(ticket: TrailTicket, context: TrailContext, add: (draft: Draft) => void): void {
  const trail = ticket.trail;
  trail.forEach((entry, index) => {
    if (!isDispatch(entry) || !entry.unitId) return;
    const unitKey = entry.unitId;
    const rest = trail.slice(index + 1);
    const nextIndex = rest.findIndex(isDispatch);
    const window = nextIndex < 0 ? rest : rest.slice(0, nextIndex);
    const next: TrailEntry | undefined = nextIndex < 0 ? undefined : rest[nextIndex];
    const base = { ticketId: ticket.id, unitKey, at: entry.at, verdict: null, unreplied: false };
    const signBy = deadlinesFor(ticket, entry.at, context).signBy;
    const sign = window.find((e) => e.action === 'sign' && e.unitId === unitKey);
    add({ ...base, indicator: 'on_time_sign', hitAt: sign && sign.at <= signBy ? sign.at : null });
    const returned = window.some((e) => e.action === 'return' && e.unitId === unitKey);
    add({ ...base, indicator: 'return_rate', hitAt: returned && next && dataOf(next).ruling === 'reject' ? next.at : null });
    const approval = rest.find((e) => e.action === 'approve-extension' && e.unitId === unitKey && dataOf(e).approve === true);
    add({ ...base, indicator: 'extension_rate', hitAt: approval?.at ?? null });
    if (dataOf(entry).onSpot === true) add({ ...base, indicator: 'on_spot_count', hitAt: entry.at });
  });
}

function settlementFacts(ticket: TrailTicket, add: (draft: Draft) => void): void {
  const closedAt = ticket.trail.findIndex(isClose);
  if (closedAt < 0) return;
  const close = ticket.trail[closedAt]!;
  for (const unitKey of listHolders(ticket.trail, closedAt)) {
    add({ ticketId: ticket.id, unitKey, indicator: 'grid_settlement', at: close.at, hitAt: close.unitId === unitKey ? close.at : null, verdict: null, unreplied: false });
  }
}

function completionFacts(ticket: TrailTicket, context: TrailContext, add: (draft: Draft) => void): void {
  for (const episode of listEpisodes(ticket, context)) {
    // Handed back without a reply before its deadline: not the unit's to answer for.
    if (episode.repliedAt === null && episode.endedAt && episode.endedAt < episode.dueAt) continue;
    const inTime = episode.repliedAt !== null && episode.repliedAt <= episode.dueAt;
    const base = { ticketId: ticket.id, unitKey: episode.unitId, at: episode.dueAt, hitAt: inTime ? episode.repliedAt : null, verdict: null, unreplied: episode.repliedAt === null };
    add({ ...base, indicator: 'on_time_completion' });
    if (ticket.channel === 'mailbox') add({ ...base, indicator: 'mailbox_on_time' });
  }
}

function eventFacts(ticket: TrailTicket, context: TrailContext, add: (draft: Draft) => void): void {
  const trail = ticket.trail;
  const closedAtIntake = trail.find((e) => e.action === 'close-at-intake');
  trail.forEach((entry, index) => {
    const base = { ticketId: ticket.id, at: entry.at, verdict: null, unreplied: false };
    if (entry.action === 'create') {
      const creator = context.unitOfUser(entry.actorId) ?? CENTRE_KEY;
      add({ ...base, unitKey: creator, indicator: 'direct_answer', hitAt: closedAtIntake?.at ?? null });
      if (ticket.channel === CHANNELS.grid_patrol) add({ ...base, unitKey: creator, indicator: 'patrol_report_count', hitAt: entry.at });
    }
    const unitKey = entry.unitId;
    if (!unitKey) return;
    if (entry.action === 'reply' && !isReplySentBack(trail, index)) {
      const reopen = trail.slice(index + 1).find((e) => e.action === 'reopen' && e.unitId === unitKey && e.at > entry.at);
      add({ ...base, unitKey, indicator: 'redo_rate', hitAt: reopen?.at ?? null });
    }
    const verdict = dataOf(entry).verdict;
    if ((entry.action === 'follow-up' || entry.action === 'close') && typeof verdict === 'string') {
      add({ ...base, unitKey, indicator: 'satisfaction', hitAt: null, verdict });
    }
    if (entry.action === 'supervise') add({ ...base, unitKey, indicator: 'supervision_count', hitAt: entry.at });
    if (entry.action === 'notice') add({ ...base, unitKey, indicator: 'notice_count', hitAt: entry.at });
  });
}

/** Every indicator fact of one ticket, from its whole trail (oldest first). */
export function deriveIndicatorFacts(ticket: TrailTicket, context: TrailContext): IndicatorFact[] {
  const drafts: Draft[] = [];
  const add = (draft: Draft) => { drafts.push(draft); };
  dispatchFacts(ticket, context, add);
  completionFacts(ticket, context, add);
  eventFacts(ticket, context, add);
  settlementFacts(ticket, add);
  const groupKey = (d: Draft) => `${d.unitKey}\u0000${d.indicator}`;
  const sizes = new Map<string, number>();
  for (const draft of drafts) sizes.set(groupKey(draft), (sizes.get(groupKey(draft)) ?? 0) + 1);
  const seqs = new Map<string, number>();
  // Trail order within a group: dispatch facts and event facts are pushed in trail order; episodes too.
  return drafts.map((draft) => {
    const key = groupKey(draft);
    const seq = seqs.get(key) ?? 0;
    seqs.set(key, seq + 1);
    return { ...draft, seq, rollable: sizes.get(key) === 1 && !draft.unreplied } satisfies IndicatorFact;
  });
}
