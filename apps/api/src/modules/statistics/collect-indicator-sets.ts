/**
 * Walks each ticket's trail and sorts it into the indicator sets of every unit. Pure: the caller
 * loads the tickets, their trail (entries before `to` only, oldest first), the calendar and the
 * category limits. What the words of DOMAIN.md mean here, from the trail:
 *
 * - **dispatched** (denominator of on_time_sign, return_rate, extension_rate): a `dispatch` or
 *   `escalate` entry to the unit (toState `dispatched`, `unitId` = the new lead unit) in [from, to).
 * - **signed in time**: after EVERY such in-period dispatch to the unit, the unit's `sign` entry came
 *   before any other dispatch and at or before the sign-for deadline. The deadline is recomputed with
 *   the domain's `computeDeadlines` from the dispatch time, the category's limits and the work
 *   calendar — the same computation the deadline planner ran — so holidays inside it count as they did.
 * - **handling episode**: from a dispatch to the unit or a `reopen` for it, due at `computeDeadlines(…)
 *   .replyBy`, moved later by an extension approved before that deadline passed (`approve-extension`
 *   with `approve: true` carries the new `replyBy`; an approval after the deadline does not excuse
 *   the lateness, and so a period's figures never change once the period is over); marking a mailbox
 *   letter complex (`mark-complex`, its new `replyBy`) moves it the same way, and so does an
 *   administrator's re-plan (`replan-deadline` with a `replyBy`, earlier or later) before the deadline passed. It ends with the
 *   unit's `reply`, or without one at a return, another dispatch, a
 *   reopen, a merge or a close. An episode that ended without a reply BEFORE its deadline is not the
 *   unit's to answer for and is dropped.
 * - **due in the period** (on_time_completion, mailbox_on_time): a ticket with an episode for the unit
 *   whose deadline lies in [from, to) and that was either replied or whose deadline has passed (`now`):
 *   a deadline still ahead of us cannot have been missed. **Replied in time**: every such episode
 *   ended with the unit's reply at or before its deadline. mailbox_on_time is the same for `mailbox` tickets.
 * - **returned** (return_rate): a dispatched-in-period ticket that the unit returned and whose return
 *   the dispatcher ruled wrongful (`dispatch` with `ruling: 'reject'`) before `to`, as DOMAIN.md says a
 *   ruled-wrongful return counts against the unit. An accepted or unruled return does not.
 * - **extended** (extension_rate): a dispatched-in-period ticket with an approved extension for the unit.
 * - **redo_rate**: tickets the unit replied in [from, to) / those of them reopened for it afterwards.
 * - **satisfaction**: tickets whose last verdict (`follow-up` or `close` with a verdict) for the unit
 *   fell in [from, to); `unreachable` is no follow-up done. Satisfied = satisfied or basically satisfied.
 * - **direct_answer**: tickets created in [from, to) by the unit's accounts (an agent without a unit:
 *   {@link CENTRE_KEY}) / those closed at intake.
 * - **supervision_count / notice_count**: distinct tickets with a `supervise` / `notice` entry (a
 *   person's or the worker's) for the unit in [from, to); the denominator is the dispatched set.
 * - **on_spot_count** (网格自处数): distinct tickets with a dispatch to the unit in [from, to) marked
 *   `onSpot` — a grid worker's 自处 (patrol/handle-on-spot.ts dispatches to the worker's own grid team
 *   and marks every act). Denominator: the dispatched set, as for the other counts.
 * - **patrol_report_count** (巡查上报数): tickets of channel `grid_patrol` created in [from, to) by the
 *   unit's accounts (handled on the spot or not). Denominator: the dispatched set.
 * - **grid_settlement** (网格办结率): tickets closed (`close`, toState `closed`) in [from, to) that had
 *   been dispatched to the unit before the close / those the unit held when they closed (the close
 *   entry's unit is the lead unit). For a grid team that is the share settled in the grid — the 70 of
 *   70/20/10 — its own tickets (on-spot ones included) against those it passed up.
 */
import {
  CHANNELS, computeDeadlines, type Channel, type ResolvedCategoryLimits, type TicketKind, type WorkCalendar,
} from '@yixian/domain';
import { CENTRE_KEY, COUNT_INDICATORS, createEmptySets, type UnitIndicatorSets } from './ticket-indicators.js';

export interface TrailEntry {
  action: string;
  toState: string | null;
  unitId: string | null;
  actorId: string | null;
  data: unknown;
  at: Date;
}

export interface TrailTicket {
  id: string;
  kind: string;
  channel: string;
  urgency: string;
  fields: unknown;
  categoryId: string;
  trail: TrailEntry[];
}

/** What reading a trail needs beyond the trail: the calendar, the limits and the accounts' units. */
export interface TrailContext {
  calendar: WorkCalendar;
  /** The category's limits and own handling days (as the planner resolves them). */
  limitsFor: (categoryId: string) => ResolvedCategoryLimits;
  /** The unit of an account (null: no unit, counted under CENTRE_KEY). */
  unitOfUser: (userId: string | null) => string | null;
}

export interface CollectInput extends TrailContext {
  from: Date;
  to: Date;
  now: Date;
}

export interface Episode { unitId: string; dueAt: Date; repliedAt: Date | null; endedAt: Date | null }

export const isClose = (e: TrailEntry) => e.action === 'close' && e.toState === 'closed';
export const isDispatch = (e: TrailEntry) => (e.action === 'dispatch' || e.action === 'escalate') && e.toState === 'dispatched';
export const dataOf = (e: TrailEntry) => (e.data && typeof e.data === 'object' ? e.data as Record<string, unknown> : {});

export function deadlinesFor(ticket: TrailTicket, from: Date, input: TrailContext) {
  const { limits, ...own } = input.limitsFor(ticket.categoryId);
  const fields = dataOf({ data: ticket.fields } as TrailEntry);
  return computeDeadlines({
    from, kind: ticket.kind as TicketKind, channel: ticket.channel as Channel, urgent: ticket.urgency === 'urgent',
    complex: fields.complex === true, ...own,
  }, input.calendar, limits);
}

/** The units a ticket was dispatched to before the trail entry at `until` (first dispatch first). */
export function listHolders(trail: readonly TrailEntry[], until: number): string[] {
  const units = new Set<string>();
  for (const entry of trail.slice(0, until)) if (isDispatch(entry) && entry.unitId) units.add(entry.unitId);
  return [...units];
}

const REPLY_REVIEW = 'reply_review';

/** A unit's reply the centre sent back (回复审核): the next review act after it is `reject-reply`. */
export function isReplySentBack(trail: readonly TrailEntry[], index: number): boolean {
  const review = trail.slice(index + 1).find((e) => e.action === 'approve-reply' || e.action === 'reject-reply');
  return review?.action === 'reject-reply';
}

export function listEpisodes(ticket: TrailTicket, input: TrailContext): Episode[] {
  const episodes: Episode[] = [];
  let open: Episode | null = null;
  const close = (at: Date) => { if (open) { open.endedAt = at; episodes.push(open); open = null; } };
  for (const entry of ticket.trail) {
    const starts = (isDispatch(entry) || entry.action === 'reopen') && entry.unitId;
    if (starts) {
      close(entry.at);
      open = { unitId: entry.unitId!, dueAt: deadlinesFor(ticket, entry.at, input).replyBy, repliedAt: null, endedAt: null };
    } else if (!open) {
      continue;
    } else if (entry.action === 'reply') {
      // A reply under review (回复审核) counts at the unit's reply time, not the approval; one sent
      // back does not count, and the episode runs on to the next reply.
      open.repliedAt = entry.at;
      if (entry.toState !== REPLY_REVIEW) close(entry.at);
    } else if (entry.action === 'reject-reply') {
      open.repliedAt = null;
    } else if (entry.action === 'approve-reply') {
      close(open.repliedAt ?? entry.at);
    } else if ((entry.action === 'approve-extension' && dataOf(entry).approve === true) || entry.action === 'mark-complex') {
      const replyBy = new Date(String(dataOf(entry).replyBy));
      if (!Number.isNaN(replyBy.getTime()) && entry.at < open.dueAt && replyBy > open.dueAt) open.dueAt = replyBy;
    } else if (entry.action === 'replan-deadline' && typeof dataOf(entry).replyBy === 'string') {
      // An administrator's re-plan (a category limit or the work calendar changed) before the deadline passed.
      const replyBy = new Date(String(dataOf(entry).replyBy));
      if (!Number.isNaN(replyBy.getTime()) && entry.at < open.dueAt) open.dueAt = replyBy;
    } else if (entry.action === 'return' || entry.toState === 'merged' || entry.toState === 'closed') {
      close(entry.at);
    }
  }
  if (open) episodes.push(open);
  return episodes;
}

type Sets = Map<string, UnitIndicatorSets>;
const setsOf = (sets: Sets, unitId: string) => {
  let found = sets.get(unitId);
  if (!found) { found = createEmptySets(); sets.set(unitId, found); }
  return found;
};

function collectDispatchFigures(ticket: TrailTicket, input: CollectInput, sets: Sets): void {
  const inPeriod = (at: Date) => at >= input.from && at < input.to;
  const trail = ticket.trail;
  const late = new Set<string>();
  trail.forEach((entry, index) => {
    if (!isDispatch(entry) || !entry.unitId || !inPeriod(entry.at)) return;
    const unit = setsOf(sets, entry.unitId);
    unit.on_time_sign.denominator.add(ticket.id);
    unit.return_rate.denominator.add(ticket.id);
    unit.extension_rate.denominator.add(ticket.id);
    for (const indicator of COUNT_INDICATORS) unit[indicator].denominator.add(ticket.id);
    if (dataOf(entry).onSpot === true) unit.on_spot_count.numerator.add(ticket.id);
    const signBy = deadlinesFor(ticket, entry.at, input).signBy;
    const rest = trail.slice(index + 1);
    const nextDispatch = rest.findIndex(isDispatch);
    const window = nextDispatch < 0 ? rest : rest.slice(0, nextDispatch);
    const sign = window.find((e) => e.action === 'sign' && e.unitId === entry.unitId);
    if (!sign || sign.at > signBy) late.add(entry.unitId);
    if (!late.has(entry.unitId)) unit.on_time_sign.numerator.add(ticket.id);
    else unit.on_time_sign.numerator.delete(ticket.id);
    const returned = window.findIndex((e) => e.action === 'return' && e.unitId === entry.unitId);
    if (returned >= 0 && nextDispatch >= 0 && dataOf(rest[nextDispatch]!).ruling === 'reject') unit.return_rate.numerator.add(ticket.id);
    if (rest.some((e) => e.action === 'approve-extension' && e.unitId === entry.unitId && dataOf(e).approve === true)) {
      unit.extension_rate.numerator.add(ticket.id);
    }
  });
}

function collectCompletion(ticket: TrailTicket, input: CollectInput, sets: Sets): void {
  const missed = new Set<string>();
  for (const episode of listEpisodes(ticket, input)) {
    if (episode.dueAt < input.from || episode.dueAt >= input.to) continue;
    const inTime = episode.repliedAt !== null && episode.repliedAt <= episode.dueAt;
    if (!inTime && episode.endedAt && episode.repliedAt === null && episode.endedAt < episode.dueAt) continue;
    if (!inTime && episode.repliedAt === null && episode.dueAt >= input.now) continue;
    const unit = setsOf(sets, episode.unitId);
    const figures = ticket.channel === 'mailbox' ? [unit.on_time_completion, unit.mailbox_on_time] : [unit.on_time_completion];
    for (const figure of figures) {
      figure.denominator.add(ticket.id);
      if (inTime && !missed.has(episode.unitId)) figure.numerator.add(ticket.id);
      else figure.numerator.delete(ticket.id);
    }
    if (!inTime) missed.add(episode.unitId);
  }
}

function collectEventFigures(ticket: TrailTicket, input: CollectInput, sets: Sets): void {
  const inPeriod = (at: Date) => at >= input.from && at < input.to;
  const verdicts = new Map<string, string>();
  const repliedBy = new Map<string, Date>();
  for (const [index, entry] of ticket.trail.entries()) {
    const unitId = entry.unitId;
    if (entry.action === 'create' && inPeriod(entry.at)) {
      const key = input.unitOfUser(entry.actorId) ?? CENTRE_KEY;
      setsOf(sets, key).direct_answer.denominator.add(ticket.id);
      if (ticket.trail.some((e) => e.action === 'close-at-intake')) setsOf(sets, key).direct_answer.numerator.add(ticket.id);
      if (ticket.channel === CHANNELS.grid_patrol) setsOf(sets, key).patrol_report_count.numerator.add(ticket.id);
    }
    if (!unitId) continue;
    if (entry.action === 'reply' && inPeriod(entry.at) && !repliedBy.has(unitId) && !isReplySentBack(ticket.trail, index)) {
      repliedBy.set(unitId, entry.at);
      setsOf(sets, unitId).redo_rate.denominator.add(ticket.id);
    }
    if (entry.action === 'reopen' && repliedBy.has(unitId) && entry.at > repliedBy.get(unitId)!) {
      setsOf(sets, unitId).redo_rate.numerator.add(ticket.id);
    }
    const verdict = dataOf(entry).verdict;
    if ((entry.action === 'follow-up' || entry.action === 'close') && typeof verdict === 'string' && inPeriod(entry.at)) {
      verdicts.set(unitId, verdict);
    }
    if (entry.action === 'supervise' && inPeriod(entry.at)) setsOf(sets, unitId).supervision_count.numerator.add(ticket.id);
    if (entry.action === 'notice' && inPeriod(entry.at)) setsOf(sets, unitId).notice_count.numerator.add(ticket.id);
  }
  for (const [unitId, verdict] of verdicts) {
    if (verdict === 'unreachable') continue;
    const unit = setsOf(sets, unitId);
    unit.satisfaction.denominator.add(ticket.id);
    if (verdict === 'satisfied' || verdict === 'basically_satisfied') unit.satisfaction.numerator.add(ticket.id);
  }
}

function collectSettlement(ticket: TrailTicket, input: CollectInput, sets: Sets): void {
  const closedAt = ticket.trail.findIndex(isClose);
  const close = ticket.trail[closedAt];
  if (!close || close.at < input.from || close.at >= input.to) return;
  for (const unitId of listHolders(ticket.trail, closedAt)) {
    const figure = setsOf(sets, unitId).grid_settlement;
    figure.denominator.add(ticket.id);
    if (close.unitId === unitId) figure.numerator.add(ticket.id);
  }
}

/** Every unit's indicator sets for [from, to) from the given tickets. */
export function collectIndicatorSets(tickets: readonly TrailTicket[], input: CollectInput): Map<string, UnitIndicatorSets> {
  const sets: Sets = new Map();
  for (const ticket of tickets) {
    collectDispatchFigures(ticket, input, sets);
    collectCompletion(ticket, input, sets);
    collectEventFigures(ticket, input, sets);
    collectSettlement(ticket, input, sets);
  }
  return sets;
}
