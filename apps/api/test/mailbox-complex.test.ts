/**
 * 复杂件 through the API: the desk marks a mailbox letter complex with a reason; its reply limit
 * becomes 10 working days (the same deadline as a letter complex from the start), the trail says
 * so, the deadline jobs are re-planned to it and the lead unit is told. Every refusal (another
 * channel, already complex, no reason, a unit's role, a replied letter) answers a clear 4xx and
 * writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadlines } from '@yixian/domain';
import { loadWorkCalendar } from '../src/modules/deadlines/work-calendar.service.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { fileLetter } from './mailbox-fixtures.js';
import { act, intake, loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-dispatcher', 'demo-commander', 'demo-lead', 'demo-agent', 'demo-dept']);
});
afterAll(async () => t?.close());

async function snapshot(id: string) {
  const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id } });
  return {
    state: ticket.state, version: ticket.deadlineVersion, handleDueAt: ticket.handleDueAt?.toISOString(), fields: ticket.fields,
    events: await t.prisma.ticketEvent.count({ where: { ticketId: id } }),
  };
}

async function expectRefused(id: string, user: string, body: Record<string, unknown>, status: number) {
  const before = await snapshot(id);
  const response = await act(t, s[user]!, id, 'mark-complex', body);
  expect(response.statusCode, `${user}: ${response.body}`).toBe(status);
  expect(await snapshot(id)).toEqual(before);
  return response.json<{ code: string; message: string; field?: string; details?: Record<string, unknown> }>();
}

const detail = async (user: string, id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: s[user]!.headers })).json<{ allowedActions: string[]; complex: boolean }>();

/** The pending deadline jobs of the ticket's current plan, step → due time. */
async function plannedSteps(id: string) {
  const { deadlineVersion } = await t.prisma.ticket.findUniqueOrThrow({ where: { id } });
  const rows = await t.prisma.outbox.findMany({ where: { dedupeKey: { startsWith: `ticket-${id}-`, endsWith: `-v${deadlineVersion}` } } });
  return Object.fromEntries(rows.map((row) => {
    const payload = row.payload as { step: string; dueAt: string };
    return [payload.step, payload.dueAt];
  }));
}

describe('marking a mailbox letter complex', () => {
  it('gives the letter 10 working days, records why, re-plans the jobs and tells the unit', async () => {
    const { ticketId } = await fileLetter(t);
    // Received Monday 2026-03-02 10:00: 3 working days → Thursday 03-05 17:30 (Shanghai).
    expect((await snapshot(ticketId)).handleDueAt).toBe('2026-03-05T09:30:00.000Z');
    expect((await detail('demo-dispatcher', ticketId)).allowedActions).toContain('mark-complex');
    expect((await detail('demo-dept', ticketId)).allowedActions).not.toContain('mark-complex');
    const versionBefore = (await snapshot(ticketId)).version;

    const marked = await act(t, s['demo-dispatcher']!, ticketId, 'mark-complex', { reason: '涉及多个部门，需现场勘查' });
    expect(marked.statusCode, marked.body).toBe(200);
    // 10 working days from receipt → Monday 03-16 17:30: what the planner gives a letter complex from the start.
    const calendar = await loadWorkCalendar(t.prisma);
    const fromStart = computeDeadlines({ from: TEST_START, kind: 'complaint', channel: 'mailbox', complex: true }, calendar).replyBy;
    expect(marked.json()).toMatchObject({ handleDueAt: '2026-03-16T09:30:00.000Z', complex: true, state: 'dispatched' });
    expect(fromStart.toISOString()).toBe('2026-03-16T09:30:00.000Z');
    expect(marked.json().allowedActions).not.toContain('mark-complex');

    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(ticket.fields).toMatchObject({ mailbox: 'mayor', complex: true });
    expect(ticket.deadlineVersion).toBe(versionBefore + 1);
    const entry = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId, action: 'mark-complex' } });
    expect(entry).toMatchObject({
      fromState: 'dispatched', toState: 'dispatched', actorRole: 'dispatcher', reason: '涉及多个部门，需现场勘查', unitId: 'dept-urban-management',
      data: { complex: true, addedDays: 7, previousReplyBy: '2026-03-05T09:30:00.000Z', replyBy: '2026-03-16T09:30:00.000Z' },
    });
    // The new plan watches the new deadline; the old plan's jobs are superseded by the version.
    const steps = await plannedSteps(ticketId);
    expect(steps.supervision).toBe('2026-03-16T09:30:00.000Z');
    expect(steps.sign_check).toBe(ticket.signDueAt!.toISOString());
    expect(new Date(steps.reminder!).getTime()).toBeGreaterThan(new Date('2026-03-05T09:30:00.000Z').getTime());
    const told = await t.prisma.notification.findMany({ where: { ticketId, unitId: 'dept-urban-management', kind: 'extension' } });
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('复杂件');
  });

  it('keeps an extension already granted: the limit grows by the 7 days between the two', async () => {
    const { ticketId } = await fileLetter(t);
    await act(t, s['demo-dept']!, ticketId, 'sign');
    expect((await act(t, s['demo-dept']!, ticketId, 'request-extension', { days: 2, reason: '需协调' })).statusCode).toBe(200);
    const approved = await act(t, s['demo-dispatcher']!, ticketId, 'approve-extension', { approve: true });
    expect(approved.json().handleDueAt).toBe('2026-03-09T09:30:00.000Z');
    const marked = await act(t, s['demo-commander']!, ticketId, 'mark-complex', { reason: '需多部门会商' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ handleDueAt: '2026-03-18T09:30:00.000Z', state: 'signed', extensionCount: 1 });
    expect((await plannedSteps(ticketId)).supervision).toBe('2026-03-18T09:30:00.000Z');
  });

  it('refuses another channel, a second marking and a missing reason with 4xx naming the problem, writing nothing', async () => {
    const { ticketId } = await fileLetter(t);
    expect((await expectRefused(ticketId, 'demo-dispatcher', {}, 400)).field).toBe('reason');
    expect((await expectRefused(ticketId, 'demo-dispatcher', { reason: '   ' }, 400)).field).toBe('reason');
    expect((await expectRefused(ticketId, 'demo-dispatcher', { reason: 'x', days: 10 }, 400)).code).toBe('validation_failed');
    expect((await act(t, s['demo-lead']!, ticketId, 'mark-complex', { reason: '情况复杂' })).statusCode).toBe(200);
    const again = await expectRefused(ticketId, 'demo-dispatcher', { reason: '再次标记' }, 409);
    expect(again).toMatchObject({ code: 'conflict', details: { reason: 'already_complex' } });
    expect(again.message).toContain('already marked complex');

    const phone = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', areaId: 's01g01', title: '噪音', description: '夜间噪音', dispatch: true });
    const phoneId = phone.json().ticket.id as string;
    expect((await detail('demo-dispatcher', phoneId)).allowedActions).not.toContain('mark-complex');
    const notLetter = await expectRefused(phoneId, 'demo-dispatcher', { reason: '情况复杂' }, 409);
    expect(notLetter).toMatchObject({ code: 'conflict', details: { reason: 'not_mailbox', channel: 'web' } });
    expect(notLetter.message).toContain('only a mailbox letter');
  });

  it('is the desk’s act: a unit or an agent gets 403; a replied letter 409', async () => {
    const { ticketId } = await fileLetter(t);
    await expectRefused(ticketId, 'demo-dept', { reason: '想多要时间' }, 403);
    await expectRefused(ticketId, 'demo-agent', { reason: '情况复杂' }, 403);
    await act(t, s['demo-dept']!, ticketId, 'sign');
    expect((await act(t, s['demo-dept']!, ticketId, 'reply', { content: '已处理' })).statusCode).toBe(200);
    const late = await expectRefused(ticketId, 'demo-dispatcher', { reason: '情况复杂' }, 409);
    // The mailbox's replies wait for the centre's review (回复审核): a reply waiting is past marking too.
    expect(late.details).toMatchObject({ state: 'reply_review', action: 'mark-complex' });
  });
});
