/**
 * The work calendar per year: reading a table (text or XLSX) with errors naming row and column,
 * the year's rules, a preview whose count equals the tickets re-planned on save, the versioned
 * replacement (409 when stale), the audit row, and the calendar every deadline uses afterwards.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDeadlines } from '../src/modules/deadlines/plan-deadlines.js';
import { loadWorkCalendar } from '../src/modules/deadlines/work-calendar.service.js';
import { recordTicketEvent } from '../src/modules/tickets/record-ticket-event.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const local = (iso: string) => new Date(`${iso}+08:00`);
async function moveClock(to: Date): Promise<void> {
  t.clock.set(to);
  admin = await login(t.app, 'demo-admin');
}
const call = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });

/** 2027's Spring Festival as the notice would put it (dates made up for the test). */
const TABLE_2027 = [
  '日期\t类型\t名称',
  '2027-02-05\t放假\t春节',
  '2027-02-06\t放假\t春节',
  '2027-02-07\t放假\t春节',
  '2027-02-08\t放假\t春节',
  '2027-02-09\t放假\t春节',
  '2027-02-10\t放假\t春节',
  '2027-02-11\t放假\t春节',
  '2027/2/20\t上班\t春节',
].join('\n');

describe('reading a holiday table', () => {
  it('reads pasted text and an XLSX file alike', async () => {
    await moveClock(local('2026-12-28T10:00:00'));
    const text = await call('POST', '/api/admin/calendar/parse', { text: TABLE_2027 });
    expect(text.statusCode, text.body).toBe(200);
    expect(text.json().days).toHaveLength(8);
    expect(text.json().days[7]).toEqual({ date: '2027-02-20', kind: 'workday', name: '春节' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('2027');
    sheet.addRow(['名称', '日期', '类型']);
    sheet.addRow(['元旦', new Date('2027-01-01T00:00:00Z'), '放假']);
    sheet.addRow(['春节', '2027-02-20', '上班']);
    const xlsxBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const xlsx = await call('POST', '/api/admin/calendar/parse', { xlsxBase64 });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.json().days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }, { date: '2027-02-20', kind: 'workday', name: '春节' }]);
  });

  it.each([
    ['2027-02-30\t放假\t春节', 'row 1, column 日期'],
    ['2027-02-05\t请假\t春节', 'row 1, column 类型'],
    ['日期\t类型\t名称\n2027-02-05\t放假\t', 'row 2, column 名称'],
  ])('names the row and column of %j', async (text, where) => {
    const response = await call('POST', '/api/admin/calendar/parse', { text });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(where);
  });

  it('refuses a file that is no XLSX', async () => {
    const response = await call('POST', '/api/admin/calendar/parse', { xlsxBase64: Buffer.from('not a workbook').toString('base64') });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'xlsxBase64' });
  });
});

describe("a year's rules", () => {
  it.each([
    ['a date outside the year', [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }], 'days[0].date'],
    ['a date both holiday and working day', [{ date: '2027-02-06', kind: 'holiday', name: '春节' }, { date: '2027-02-06', kind: 'workday', name: '春节' }], 'days[1].date'],
    ['a make-up working day on a weekday', [{ date: '2027-02-17', kind: 'workday', name: '春节' }], 'days[0].kind'],
  ])('refuses %s, naming the field, and saves nothing', async (_what, days, field) => {
    const response = await call('PUT', '/api/admin/calendar/2027', { version: 0, days });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ field });
    expect(await t.prisma.workCalendarYear.count({ where: { year: 2027 } })).toBe(0);
  });
});

describe('replacing a year', () => {
  it('previews the deadlines it moves, saves them in one go, audits, and answers 409 to a stale save', async () => {
    await moveClock(local('2027-02-01T10:00:00')); // Monday
    const created = await createTicket(t.prisma, { leadUnitId: 'dept-urban-management', categoryId: 'env.noise' });
    const ticket = await t.prisma.ticket.update({ where: { id: created.id }, data: { kind: 'help_request', dispatchedAt: t.clock.now() } });
    await t.prisma.$transaction(async (tx) => {
      await recordTicketEvent(tx, { ticketId: ticket.id, action: 'dispatch', fromState: 'accepted', toState: 'dispatched', actorId: null, actorRole: 'dispatcher', unitId: ticket.leadUnitId, at: t.clock.now() });
      await planDeadlines(tx, ticket, 'dispatched', t.clock.now());
    });
    const planned = await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    // No 2027 holidays known yet: 5 working days from Mon 02-01 → Mon 02-08 17:30.
    expect(planned.handleDueAt).toEqual(local('2027-02-08T17:30:00'));
    const other = await createTicket(t.prisma, { state: 'closed' });

    const before = await call('GET', '/api/admin/calendar/2027');
    expect(before.json()).toMatchObject({ year: 2027, version: 0, source: 'none', days: [] });
    const days = (await call('POST', '/api/admin/calendar/parse', { text: TABLE_2027 })).json().days;
    const preview = await call('PUT', '/api/admin/calendar/2027', { version: 0, days, dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, calendar: null, summary: { holidays: 7, workdays: 1 } });
    const previewCount = preview.json().replanned.count;
    expect(preview.json().replanned.sample.map((s: { code: string }) => s.code)).toContain(planned.code);
    expect(preview.json().replanned.sample.some((s: { code: string }) => s.code === other.code)).toBe(false);
    expect(await t.prisma.workCalendar.count({ where: { date: { gte: new Date('2027-01-01') } } })).toBe(0);

    const saved = await call('PUT', '/api/admin/calendar/2027', { version: 0, days });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().replanned.count).toBe(previewCount);
    expect(await t.prisma.ticketEvent.count({ where: { action: 'replan-deadline', data: { path: ['cause', 'year'], equals: 2027 } } })).toBe(previewCount);
    expect(saved.json().calendar).toMatchObject({ version: 1, source: 'saved' });
    // Tue-Thu 02-02..04 count, 02-05..02-11 are off, Fri 02-12 is the fourth, Mon 02-15 the fifth working day.
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).handleDueAt).toEqual(local('2027-02-15T17:30:00'));
    const trail = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: 'replan-deadline' } });
    expect(trail.data).toMatchObject({ cause: { kind: 'work_calendar', year: 2027 } });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { resource: 'work_calendar', resourceId: '2027' } });
    expect(audit.details).toMatchObject({ before: { days: [] }, after: { days: expect.arrayContaining([{ date: '2027-02-20', kind: 'workday', name: '春节' }]) } });
    expect((await loadWorkCalendar(t.prisma)).isWorkingDay(local('2027-02-20T10:00:00'))).toBe(true);

    const stale = await call('PUT', '/api/admin/calendar/2027', { version: 0, days: days.slice(0, 2) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ details: { reason: 'stale_version', currentVersion: 1 } });
  });

  it('a saved year replaces the built-in defaults of that year', async () => {
    const builtIn = await call('GET', '/api/admin/calendar/2026');
    expect(builtIn.json()).toMatchObject({ version: 0, source: 'built_in' });
    const saved = await call('PUT', '/api/admin/calendar/2026', { version: 0, days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const calendar = await loadWorkCalendar(t.prisma);
    expect(calendar.isWorkingDay(local('2026-10-02T10:00:00'))).toBe(true);
    expect(calendar.isWorkingDay(local('2026-10-01T10:00:00'))).toBe(false);
  });
});
