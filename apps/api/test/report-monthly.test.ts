/**
 * The monthly report against a fixture month whose every number is counted by hand below.
 * Rows are written directly (calls, tickets and their trail) so the month holds exactly them.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { randomPhone } from './helpers/factories.js';

let t: TestApp;
let lead: Session;
/** Local (Asia/Shanghai) wall time as a UTC instant. */
const local = (iso: string) => new Date(`${iso}+08:00`);

async function addCall(enteredAt: string, options: { waitSeconds?: number; abandoned?: boolean }) {
  const entered = local(enteredAt);
  await t.prisma.call.create({
    data: {
      linkedid: randomUUID(), hotlineNumber: '12345', callerNumber: randomPhone(), enteredAt: entered,
      state: options.abandoned ? 'abandoned' : 'completed', waitSeconds: options.waitSeconds ?? 30,
      answeredAt: options.abandoned ? null : new Date(entered.getTime() + (options.waitSeconds ?? 0) * 1000),
    },
  });
}

type Step = [action: string, toState: string, at: string, unitId?: string, data?: Record<string, unknown>];

async function addTicket(input: { createdAt: string; categoryId: string; police?: boolean; channel?: string; kind?: string; steps?: Step[] }) {
  const id = randomUUID();
  const createdAt = local(input.createdAt);
  await t.prisma.ticket.create({
    data: {
      id, code: `R-${id.slice(0, 8)}`, channel: input.channel ?? 'phone', ticketClass: input.police ? 'police' : 'non_police',
      state: input.steps?.at(-1)?.[1] ?? 'accepted', kind: input.kind ?? 'complaint', categoryId: input.categoryId,
      title: 'fixture', description: 'fixture', createdAt,
    },
  });
  await t.prisma.ticketEvent.create({ data: { ticketId: id, action: 'create', toState: 'accepted', actorRole: 'agent', at: createdAt } });
  for (const [action, toState, at, unitId, data] of input.steps ?? []) {
    await t.prisma.ticketEvent.create({ data: { ticketId: id, action, toState, unitId: unitId ?? null, actorRole: 'agent', at: local(at), data: (data ?? {}) as object } });
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(local('2026-04-05T10:00:00'));
  lead = await login(t.app, 'demo-lead');
  // Calls: 6 in March (4 answered, waits 5/10/15/20 s; 2 abandoned), one each side of the month.
  await addCall('2026-03-01T00:00:00', { waitSeconds: 5 });
  await addCall('2026-03-10T09:00:00', { waitSeconds: 10 });
  await addCall('2026-03-10T09:05:00', { waitSeconds: 15 });
  await addCall('2026-03-20T14:00:00', { waitSeconds: 20 });
  await addCall('2026-03-21T14:00:00', { abandoned: true });
  await addCall('2026-03-31T23:59:00', { abandoned: true });
  await addCall('2026-02-28T23:59:00', { waitSeconds: 5 });
  await addCall('2026-04-01T00:00:00', { waitSeconds: 5 });
  // Tickets created in March: 7 (1 police).
  await addTicket({ createdAt: '2026-03-03T10:00:00', categoryId: 'security.theft', police: true, steps: [['close', 'closed', '2026-03-04T10:00:00']] });
  await addTicket({ createdAt: '2026-03-05T10:00:00', categoryId: 'city.garbage', steps: [['close-at-intake', 'closed_at_intake', '2026-03-05T10:05:00']] });
  // Due Thursday 03-12 17:30 (garbage: 2 working days), never replied: overdue for urban management.
  await addTicket({ createdAt: '2026-03-10T10:00:00', categoryId: 'city.garbage', steps: [['dispatch', 'dispatched', '2026-03-10T10:00:00', 'dept-urban-management']] });
  await addTicket({ createdAt: '2026-03-20T10:00:00', categoryId: 'env.noise', steps: [['merge', 'merged', '2026-03-21T10:00:00']] });
  // Created on the month's last evening, closed in April: counted, not closed.
  await addTicket({ createdAt: '2026-03-31T23:00:00', categoryId: 'env.noise', steps: [['close', 'closed', '2026-04-02T10:00:00']] });
  await addTicket({ createdAt: '2026-02-27T10:00:00', categoryId: 'env.noise', steps: [['close', 'closed', '2026-03-02T10:00:00']] });
  // Letters: the mayor's replied in time (due Thu 03-19 17:30), the district head's never (due Thu 03-26).
  const mayorLetter = await addTicket({ createdAt: '2026-03-16T10:00:00', categoryId: 'general.suggestion', channel: 'mailbox', kind: 'suggestion', steps: [
    ['dispatch', 'dispatched', '2026-03-16T10:00:00', 'dept-petitions'], ['reply', 'replied', '2026-03-18T16:00:00', 'dept-petitions', { content: '已答复' }],
  ] });
  const headLetter = await addTicket({ createdAt: '2026-03-23T10:00:00', categoryId: 'general.suggestion', channel: 'mailbox', kind: 'suggestion', steps: [
    ['dispatch', 'dispatched', '2026-03-23T10:00:00', 'dept-petitions'],
  ] });
  for (const [ticketId, mailbox, at] of [[mayorLetter, 'mayor', '2026-03-16T10:00:00'], [headLetter, 'district_head', '2026-03-23T10:00:00']] as const) {
    await t.prisma.mailboxLetter.create({ data: { ticketId, mailbox, codeHash: randomUUID(), createdAt: local(at) } });
  }
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: lead.cookie } });

describe('monthly report', () => {
  it('counts the fixture month as by hand', async () => {
    const response = await get('/api/reports/monthly?month=2026-03');
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ month: '2026-03', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' });
    expect(report.calls).toEqual({ offered: 6, answered: 4, abandoned: 2, answeredWithin15s: 3, connectionRate: 4 / 6, timelyAnswerRate: 3 / 4 });
    expect(report.tickets).toEqual({
      total: 7, police: 1, nonPolice: 6, closed: 2, merged: 1, closureRate: 2 / 6, directAnswers: 1, directAnswerRate: 1 / 7,
    });
    expect(report.mailbox).toEqual([
      { mailbox: 'mayor', received: 1, lettersDue: 1, repliedInTime: 1, onTimeRate: 1 },
      { mailbox: 'district_head', received: 1, lettersDue: 1, repliedInTime: 0, onTimeRate: 0 },
    ]);
    expect(report.topCategories.map((c: { categoryId: string; count: number }) => [c.categoryId, c.count])).toEqual([
      ['city.garbage', 2], ['env.noise', 2], ['general.suggestion', 2], ['security.theft', 1],
    ]);
    expect(report.overdueUnits.map((u: { unitId: string; due: number; overdue: number }) => [u.unitId, u.due, u.overdue])).toEqual([
      ['dept-petitions', 2, 1], ['dept-urban-management', 1, 1],
    ]);
  });

  it('gives zeros and null rates for a month without data', async () => {
    const report = (await get('/api/reports/monthly?month=2025-06')).json();
    expect(report.calls).toMatchObject({ offered: 0, connectionRate: null, timelyAnswerRate: null });
    expect(report.tickets).toMatchObject({ total: 0, closureRate: null, directAnswerRate: null });
    expect(report.mailbox.map((m: { onTimeRate: null }) => m.onTimeRate)).toEqual([null, null]);
    expect(report.topCategories).toEqual([]);
    expect(report.overdueUnits).toEqual([]);
  });

  it('downloads the same figures as XLSX', async () => {
    const response = await get('/api/reports/monthly?month=2026-03&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('yixian-monthly-2026-03.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const summary = workbook.getWorksheet('概要')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('来电总量')).toBe(6);
    expect(values.get('接通率')).toBeCloseTo(4 / 6);
    expect(values.get('办结率')).toBeCloseTo(1 / 3);
    const overdue = workbook.getWorksheet('超期单位')!;
    expect(overdue.getRow(1).values).toEqual([undefined, '单位', '应办结', '超期']);
    const petitions = await t.prisma.unit.findUniqueOrThrow({ where: { id: 'dept-petitions' } });
    expect(overdue.getRow(2).getCell(1).value).toBe(petitions.name);

    const english = await get('/api/reports/monthly?month=2026-03&format=xlsx&lang=en');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    const rows = new Map<string, unknown>();
    book.getWorksheet('Summary')!.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('Calls offered')).toBe(6);
    expect(book.getWorksheet('Overdue units')!.getRow(2).getCell(1).value).toBe(petitions.nameEn);
  });

  it('gives the same mailbox figures, with the letters behind them, at /api/mailbox/figures', async () => {
    const response = await get(`/api/mailbox/figures?from=${encodeURIComponent('2026-02-28T16:00:00Z')}&to=${encodeURIComponent('2026-03-31T16:00:00Z')}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{ items: { mailbox: string; lettersDue: number; repliedInTime: number; dueTicketIds: string[]; inTimeTicketIds: string[] }[] }>().items;
    const mayor = items.find((item) => item.mailbox === 'mayor')!;
    const head = items.find((item) => item.mailbox === 'district_head')!;
    expect([mayor.lettersDue, mayor.repliedInTime, head.lettersDue, head.repliedInTime]).toEqual([1, 1, 1, 0]);
    // Drill-down: the listed letters are exactly the counted ones.
    expect(mayor.dueTicketIds).toHaveLength(mayor.lettersDue);
    expect(mayor.inTimeTicketIds).toEqual(mayor.dueTicketIds);
    expect(head.inTimeTicketIds).toEqual([]);
    const letters = await t.prisma.mailboxLetter.findMany({ where: { ticketId: { in: [...mayor.dueTicketIds, ...head.dueTicketIds] } } });
    expect(letters.map((l) => l.mailbox).sort()).toEqual(['district_head', 'mayor']);
  });

  it('refuses a malformed month naming it', async () => {
    for (const month of ['2026-13', 'march', '2026-3']) {
      const response = await get(`/api/reports/monthly?month=${month}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'month' });
    }
  });
});
