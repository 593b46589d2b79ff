/**
 * Generated tickets and their trails. A ticket's age decides how far along the closed loop it
 * got (old ones closed, recent ones still with units); phone tickets come from answered calls.
 */
import type { CityModel, CityPlan, CityReference } from './city-model.js';
import { exponential } from './city-random.js';
import type { CopyValue } from './copy-rows.js';
import { ticketText } from './city-text.js';

const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
/** The loop's steps in order: [action, from, to]. */
const LOOP = [
  ['dispatch', 'accepted', 'dispatched'], ['sign', 'dispatched', 'signed'], ['start', 'signed', 'in_progress'],
  ['reply', 'in_progress', 'replied'], ['follow-up', 'replied', 'follow_up'], ['close', 'follow_up', 'closed'],
] as const;
const STEPS_FOR_STATE: Record<string, number> = { dispatched: 1, signed: 2, in_progress: 3, replied: 4, follow_up: 5, closed: 6 };
const KINDS = ['consultation', 'help_request', 'complaint', 'report', 'suggestion', 'praise'];

export const TICKET_COLUMNS = [
  'id', 'code', 'channel', 'ticketClass', 'state', 'kind', 'categoryId', 'urgency', 'title', 'description', 'callerNumber',
  'address', 'areaId', 'areaPath', 'callId', 'hotlineNumber', 'leadUnitId', 'supportingUnitIds', 'level', 'signDueAt', 'handleDueAt',
  'followUpDueAt', 'deadlineVersion', 'verdict', 'dispatchedAt', 'signedAt', 'repliedAt', 'closedAt', 'createdAt', 'updatedAt',
] as const;
export const EVENT_COLUMNS = ['ticketId', 'action', 'fromState', 'toState', 'actorRole', 'unitId', 'reason', 'data', 'at'] as const;

function stateByAge(ageDays: number, roll: number): string {
  if (ageDays >= 20) return roll < 0.97 ? 'closed' : 'follow_up';
  if (ageDays >= 5) return roll < 0.7 ? 'closed' : roll < 0.8 ? 'replied' : roll < 0.9 ? 'in_progress' : roll < 0.95 ? 'follow_up' : 'signed';
  return roll < 0.25 ? 'dispatched' : roll < 0.5 ? 'signed' : roll < 0.8 ? 'in_progress' : roll < 0.95 ? 'replied' : 'returned';
}

export function createTicketGenerator(plan: CityPlan, ref: CityReference, model: CityModel) {
  const phoneTickets = Math.min(Math.round(plan.tickets * 0.85), plan.calls);
  const endOfData = plan.lastDayStart + DAY_MS;

  /** The answered call a phone ticket comes from (probing forward past abandoned calls). */
  function callFor(k: number) {
    const start = Math.floor((k * plan.calls) / Math.max(1, phoneTickets));
    for (let j = start; j < Math.min(plan.calls, start + 50); j++) {
      const call = model.callAt(j);
      if (call.answeredAt) return call;
    }
    return null;
  }

  function ticketAt(k: number): { row: CopyValue[]; events: CopyValue[][] } {
    const call = k < phoneTickets ? callFor(k) : null;
    const random = model.rowRandom(2, k);
    model.setRandom(random);
    const channel = call ? 'phone' : ['mailbox', 'mobile', 'mobile', 'web'][Math.floor(random() * 4)]!;
    const isPolice = call?.hotlineNumber === '110' && random() < 0.85;
    const category = isPolice ? model.pickPolice() : model.pickCivil();
    const grid = model.pickGrid();
    const createdAt = call ? new Date(call.endedAt.getTime() + exponential(random, 3, 0, 30) * MIN_MS)
      : new Date(endOfData - Math.floor(random() * plan.days) * DAY_MS - Math.floor(random() * DAY_MS));
    const ageDays = (endOfData - createdAt.getTime()) / DAY_MS;
    const id = model.uuidFrom(random);
    const day = new Date(createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    const code = `YX${day}-C${String(k).padStart(7, '0')}`;
    const intake = !isPolice && random() < 0.12;
    const state = intake ? 'closed_at_intake' : stateByAge(ageDays, random());
    const level = isPolice ? 'district' : category.level;
    const leadUnitId = intake ? null : isPolice ? 'police-desk'
      : level === 'grid' && ref.unitIds.has(`gt-${grid.id}`) ? `gt-${grid.id}`
        : level === 'street' && ref.unitIds.has(`so-${grid.streetId}`) ? `so-${grid.streetId}` : category.defaultUnitId;
    const events: CopyValue[][] = [];
    const event = (action: string, from: string | null, to: string, at: Date, role: string, extra: Record<string, unknown> = {}) =>
      events.push([id, action, from, to, role, leadUnitId, null, extra, at]);
    event('create', null, 'accepted', createdAt, 'agent');
    let at = createdAt.getTime();
    const times: { dispatchedAt: Date | null; signedAt: Date | null; repliedAt: Date | null; closedAt: Date | null } = { dispatchedAt: null, signedAt: null, repliedAt: null, closedAt: null };
    let verdict: string | null = null;
    if (intake) {
      event('close-at-intake', 'accepted', 'closed_at_intake', createdAt, 'agent');
      times.closedAt = createdAt;
    } else {
      const steps = state === 'returned' ? 1 : STEPS_FOR_STATE[state] ?? 1;
      const gaps = [exponential(random, 8, 1, 120) * MIN_MS, exponential(random, 45, 2, 600) * MIN_MS, exponential(random, 60, 1, 900) * MIN_MS,
        exponential(random, 2.5 * 1440, 60, 20 * 1440) * MIN_MS, exponential(random, 1200, 60, 4000) * MIN_MS, exponential(random, 30, 1, 600) * MIN_MS];
      for (let s = 0; s < steps; s++) {
        at = Math.min(at + gaps[s]!, endOfData - MIN_MS);
        const [action, from, to] = LOOP[s]!;
        if (action === 'follow-up') verdict = pickVerdict(random());
        event(action, from, to, new Date(at), s < 1 ? 'dispatcher' : s === 4 || s === 5 ? 'agent' : 'dept_handler', action === 'follow-up' ? { verdict } : {});
        if (action === 'dispatch') times.dispatchedAt = new Date(at);
        if (action === 'sign') times.signedAt = new Date(at);
        if (action === 'reply') times.repliedAt = new Date(at);
        if (action === 'close') times.closedAt = new Date(at);
      }
      if (state === 'returned') {
        at = Math.min(at + exponential(random, 120, 5, 1440) * MIN_MS, endOfData - MIN_MS);
        event('return', 'dispatched', 'returned', new Date(at), 'dept_handler', { reasonCode: 'not_our_remit' });
      }
    }
    const dispatched = times.dispatchedAt;
    const text = ticketText(random, category.name, grid.name);
    const row: CopyValue[] = [
      id, code, channel, isPolice ? 'police' : 'non_police', state, KINDS[Math.min(KINDS.length - 1, Math.floor(random() ** 1.6 * KINDS.length))]!,
      category.id, random() < 0.03 ? 'urgent' : 'normal', text.title, text.description, call?.callerNumber ?? null,
      text.address, grid.id, grid.path, call?.id ?? null, call?.hotlineNumber ?? null, leadUnitId, [], level,
      dispatched ? new Date(dispatched.getTime() + 3600_000) : null,
      dispatched ? new Date(createdAt.getTime() + (category.handleLimitDays ?? 5) * 1.4 * DAY_MS) : null,
      times.repliedAt ? new Date(times.repliedAt.getTime() + DAY_MS) : null, dispatched ? 1 : 0, verdict,
      dispatched, times.signedAt, times.repliedAt, times.closedAt, createdAt, new Date(at),
    ];
    return { row, events };
  }

  return { ticketAt, phoneTickets };
}

/** Follow-up verdicts: most citizens are satisfied (the district reports > 90 %). */
function pickVerdict(roll: number): string {
  return roll < 0.78 ? 'satisfied' : roll < 0.92 ? 'basically_satisfied' : roll < 0.97 ? 'not_satisfied' : 'unreachable';
}
