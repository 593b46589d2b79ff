/**
 * The category tree's administration on real PostgreSQL, Redis and BullMQ: validation naming the
 * field, 409 on a stale or concurrent edit, audit rows with before/after, and a limit change that
 * re-plans exactly the open tickets the rule lets move — as many as the preview said — with a
 * trail entry each, jobs that fire at the new time, and the statistics facts re-derived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@yixian/db';
import { planDeadlines } from '../src/modules/deadlines/plan-deadlines.js';
import { refreshIndicatorFacts } from '../src/modules/statistics/refresh-indicator-facts.js';
import { recordTicketEvent } from '../src/modules/tickets/record-ticket-event.js';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';

let t: TestApp;
let h: DeliveryHarness;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  h = await startDeliveryHarness(t);
  admin = await login(t.app, 'demo-admin');
});
afterAll(async () => {
  await h?.close();
  await t?.close();
});

const local = (iso: string) => new Date(`${iso}+08:00`);
/** Moves the manual clock; the session would idle out across the jump, so sign in again. */
async function moveClock(to: Date): Promise<void> {
  t.clock.set(to);
  admin = await login(t.app, 'demo-admin');
}
const UNIT = 'dept-urban-management';

function leaf(code: string, extra: Record<string, unknown> = {}) {
  return {
    code, name: `测试${code}`, nameEn: `Test ${code}`, parentId: 'env', isPolice: false, defaultKind: 'complaint', level: 'district',
    defaultUnitId: UNIT, signLimit: null, handleLimit: { amount: 5, unit: 'working_days' }, extensionLimitDays: null,
    requiredFields: [], keywords: [], ...extra,
  };
}

async function post(url: string, payload: unknown, session = admin) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers: session.headers });
}
async function patch(url: string, payload: unknown) {
  return t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: admin.headers });
}

/** A ticket dispatched to UNIT at `at`, in `categoryId`, with its plan and trail as a dispatch leaves them. */
async function dispatchedTicket(categoryId: string, at: Date, state = 'dispatched'): Promise<Ticket> {
  const created = await createTicket(t.prisma, { leadUnitId: UNIT, categoryId, state });
  const ticket = await t.prisma.ticket.update({ where: { id: created.id }, data: { kind: 'complaint', dispatchedAt: at } });
  await t.prisma.$transaction(async (tx) => {
    await recordTicketEvent(tx, { ticketId: ticket.id, action: 'dispatch', fromState: 'accepted', toState: 'dispatched', actorId: null, actorRole: 'dispatcher', unitId: UNIT, at });
    await planDeadlines(tx, { ...ticket, state: 'dispatched' }, 'dispatched', at);
  });
  return t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
}

async function createCategory(code: string, extra: Record<string, unknown> = {}) {
  const response = await post('/api/admin/categories', leaf(code, extra));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string; version: number }>();
}

describe('category validation', () => {
  it.each([
    ['a day limit that is not whole', { handleLimit: { amount: 2.5, unit: 'working_days' } }, 'handleLimit'],
    ['an hour limit off the half hour', { signLimit: { amount: 1.2, unit: 'working_hours' } }, 'signLimit'],
    ['a select field without options', { requiredFields: [{ key: 'size', label: '面积', labelEn: 'Size', type: 'select', required: true }] }, 'requiredFields[0].options'],
    ['options on a text field', { requiredFields: [{ key: 'size', label: '面积', labelEn: 'Size', type: 'text', options: ['a'], required: true }] }, 'requiredFields[0].options'],
    ['a key used twice', { requiredFields: [
      { key: 'a', label: '甲', labelEn: 'A', type: 'text', required: true }, { key: 'a', label: '乙', labelEn: 'B', type: 'number', required: false }] }, 'requiredFields[1].key'],
    ['an unknown parent', { parentId: 'nope' }, 'parentId'],
    ['an unknown default unit', { defaultUnitId: 'nope' }, 'defaultUnitId'],
  ])('refuses %s, naming the field, and writes nothing', async (_what, extra, field) => {
    const code = `bad_${Math.random().toString(36).slice(2, 8)}`;
    const response = await post('/api/admin/categories', leaf(code, extra));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ field?: string; message: string }>().field ?? response.json<{ message: string }>().message).toContain(field);
    expect(await t.prisma.category.count({ where: { code } })).toBe(0);
  });

  it('refuses an unknown field and a bad kind or unit (schema)', async () => {
    expect((await post('/api/admin/categories', { ...leaf('bad_x'), colour: 'red' })).statusCode).toBe(400);
    expect((await post('/api/admin/categories', leaf('bad_y', { defaultKind: 'rant' }))).statusCode).toBe(400);
    expect((await post('/api/admin/categories', leaf('bad_z', { handleLimit: { amount: 3, unit: 'weeks' } }))).statusCode).toBe(400);
  });

  it('refuses to put a category under its own sub-category', async () => {
    const group = await createCategory('cyc', { parentId: null });
    const child = await createCategory('cyc.child', { parentId: 'cyc' });
    const response = await patch(`/api/admin/categories/${group.id}`, { version: group.version, parentId: child.id });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ field: string }>().field).toBe('parentId');
  });

  it('is for administrators only', async () => {
    const agent = await login(t.app, 'demo-agent');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/categories', headers: agent.headers })).statusCode).toBe(403);
  });
});

describe('category edits', () => {
  it('creates with an audit row, then a stale edit answers 409 naming what changed', async () => {
    const created = await createCategory('audit1', {
      requiredFields: [{ key: 'shop', label: '店名', labelEn: 'Shop', type: 'select', options: ['甲', '乙'], required: false }],
    });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'category', resourceId: created.id, action: 'config.create' } });
    expect((audit.details as { after: { handleLimit: unknown } }).after.handleLimit).toEqual({ amount: 5, unit: 'working_days' });
    const first = await patch(`/api/admin/categories/${created.id}`, { version: created.version, name: '新名字', isPolice: true });
    expect(first.statusCode, first.body).toBe(200);
    const update = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'category', resourceId: created.id, action: 'config.update' } });
    expect(update.details).toMatchObject({ before: { name: '测试audit1', isPolice: false }, after: { name: '新名字', isPolice: true } });
    const stale = await patch(`/api/admin/categories/${created.id}`, { version: created.version, name: '晚到' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', details: { reason: 'stale_version', changedFields: expect.arrayContaining(['isPolice', 'name']), current: { name: '新名字' } } });
  });

  it('lets one of two concurrent edits from the same version win', async () => {
    const created = await createCategory('race1');
    const results = await Promise.all([
      patch(`/api/admin/categories/${created.id}`, { version: created.version, name: '甲' }),
      patch(`/api/admin/categories/${created.id}`, { version: created.version, name: '乙' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.prisma.category.findUniqueOrThrow({ where: { id: created.id } })).version).toBe(created.version + 1);
  });

  it('disabling keeps open tickets on it and takes it off the intake list', async () => {
    const created = await createCategory('off1');
    const ticket = await dispatchedTicket(created.id, TEST_START);
    const response = await post(`/api/admin/categories/${created.id}/disable`, { version: created.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ active: false, openTickets: 1 });
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).categoryId).toBe(created.id);
    const intake = await t.app.inject({ method: 'GET', url: '/api/categories', headers: admin.headers });
    expect(intake.json<{ id: string }[]>().some((c) => c.id === created.id)).toBe(false);
    const enabled = await post(`/api/admin/categories/${created.id}/enable`, { version: created.version + 1 });
    expect(enabled.json()).toMatchObject({ active: true });
  });
});

describe('changing a limit re-plans open tickets where the rule says so', () => {
  it('previews, re-plans the same tickets, writes trail and jobs that fire at the new time, and re-derives the facts', async () => {
    await moveClock(TEST_START); // Mon 2026-03-02 10:00
    const created = await createCategory('replan1');
    const open = await dispatchedTicket(created.id, TEST_START);
    expect(open.handleDueAt).toEqual(local('2026-03-09T17:30:00'));
    const overdue = await dispatchedTicket(created.id, local('2026-02-02T10:00:00')); // its deadline passed already
    const replied = await dispatchedTicket(created.id, TEST_START);
    await t.prisma.ticket.update({ where: { id: replied.id }, data: { state: 'replied', repliedAt: TEST_START, followUpDueAt: local('2026-03-03T17:30:00') } });
    const closed = await dispatchedTicket(created.id, TEST_START);
    await t.prisma.ticket.update({ where: { id: closed.id }, data: { state: 'closed' } });
    await moveClock(local('2026-03-03T10:00:00'));

    const body = { version: created.version, handleLimit: { amount: 2, unit: 'working_days' } };
    const preview = await patch(`/api/admin/categories/${created.id}`, { ...body, dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, category: null, replanned: { count: 1, sample: [{ code: open.code, categoryName: '测试replan1' }] } });
    expect(preview.json().replanned.sample[0].after.handleDueAt).toBe(local('2026-03-04T17:30:00').toISOString());
    expect((await t.prisma.category.findUniqueOrThrow({ where: { id: created.id } })).handleLimitDays).toBe(5);

    const saved = await patch(`/api/admin/categories/${created.id}`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().replanned.count).toBe(preview.json().replanned.count);
    const moved = await t.prisma.ticket.findUniqueOrThrow({ where: { id: open.id } });
    expect(moved.handleDueAt).toEqual(local('2026-03-04T17:30:00'));
    for (const untouched of [overdue, replied, closed]) {
      const now = await t.prisma.ticket.findUniqueOrThrow({ where: { id: untouched.id } });
      expect(now.deadlineVersion, untouched.code).toBe(untouched.deadlineVersion);
      expect(await t.prisma.ticketEvent.count({ where: { ticketId: untouched.id, action: 'replan-deadline' } })).toBe(0);
    }
    const trail = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: open.id, action: 'replan-deadline' } });
    expect(trail.data).toMatchObject({
      cause: { kind: 'category_limit', categoryId: created.id },
      before: { handleDueAt: local('2026-03-09T17:30:00').toISOString() }, after: { handleDueAt: local('2026-03-04T17:30:00').toISOString() },
    });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'category', resourceId: created.id, action: 'config.update' } });
    expect(audit.details).toMatchObject({ before: { handleLimit: { amount: 5 } }, after: { handleLimit: { amount: 2 } }, summary: { ticketsReplanned: 1, codes: [open.code] } });

    // The statistics facts: the trail's entry marked the ticket; a refresh derives the new deadline.
    expect(await t.prisma.ticketIndicatorDirty.count({ where: { ticketId: open.id } })).toBe(1);
    await refreshIndicatorFacts(t.prisma);
    const fact = await t.prisma.ticketIndicatorFact.findFirstOrThrow({ where: { ticketId: open.id, indicator: 'on_time_completion' } });
    expect(fact.at).toEqual(local('2026-03-04T17:30:00'));

    // The jobs: supervision now falls due on Wed 03-04 17:30, not Mon 03-09.
    t.clock.set(local('2026-03-04T17:31:00'));
    await h.settle();
    const supervise = await t.prisma.ticketEvent.findFirst({ where: { ticketId: open.id, action: 'supervise', actorRole: 'system' } });
    expect((supervise?.data as { dueAt?: string } | undefined)?.dueAt).toBe(local('2026-03-04T17:30:00').toISOString());
  });

  it('counts a limit in working hours, and changing only the name re-plans nothing', async () => {
    await moveClock(TEST_START);
    const created = await createCategory('replan2');
    const open = await dispatchedTicket(created.id, TEST_START);
    const renamed = await patch(`/api/admin/categories/${created.id}`, { version: created.version, name: '只改名' });
    expect(renamed.json().replanned.count).toBe(0);
    const saved = await patch(`/api/admin/categories/${created.id}`, { version: created.version + 1, handleLimit: { amount: 4, unit: 'working_hours' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().replanned.count).toBe(1);
    expect(saved.json().category).toMatchObject({ handleLimit: { amount: 4, unit: 'working_hours' } });
    // Mon 10:00 + 4 office hours (12:00-14:30 off) = 16:30.
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: open.id } })).handleDueAt).toEqual(local('2026-03-02T16:30:00'));
  });
});
