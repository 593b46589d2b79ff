/**
 * Statistics on the real database: rollups kept as calls end and trail entries arrive equal a full
 * recomputation from the raw rows; the figures API reads them (empty period, all abandoned), exports
 * parse back to the same numbers, drill-down lists recompute the figures, and a dept_admin sees only
 * its own unit.
 */
import { randomInt, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCallRollup } from '../src/modules/statistics/call-rollup.js';
import { rebuildRollups, refreshRollups } from '../src/modules/statistics/refresh-rollups.js';
import { recordTicketEvent } from '../src/modules/tickets/record-ticket-event.js';
import { createTicket, randomPhone } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let lead: Session;
let deptAdmin: Session;
const FROM = '2026-03-02T16:00:00.000Z'; // 3 Mar 00:00 Shanghai
const TO = '2026-03-03T16:00:00.000Z';
const HOTLINES = ['12345', '12369', '12319'];
const FINAL = ['completed', 'abandoned', 'transferred'];

interface Raw { hotline: string; hour: string; state: string; wait: number; talk: number; answered: boolean }
const raws: Raw[] = [];

async function addCall(hotline: string, enteredAt: Date, state: string, wait: number, talk: number) {
  const answered = state !== 'abandoned';
  const call = await t.prisma.call.create({
    data: {
      linkedid: randomUUID(), hotlineNumber: hotline, callerNumber: randomPhone(), state: answered ? 'answered' : 'offered', enteredAt,
      ...(answered ? { answeredAt: new Date(enteredAt.getTime() + wait * 1000) } : {}), waitSeconds: wait,
    },
  });
  await recordCallRollup(t.prisma, call); // not final yet: must change nothing
  const ended = await t.prisma.call.update({ where: { id: call.id }, data: { state, endedAt: new Date(enteredAt.getTime() + (wait + talk) * 1000), ...(answered ? { talkSeconds: talk } : {}) } });
  await recordCallRollup(t.prisma, ended);
  if (randomInt(0, 3) === 0) await recordCallRollup(t.prisma, ended); // a replayed event
  raws.push({ hotline, hour: new Date(Math.floor(enteredAt.getTime() / 3600_000) * 3600_000).toISOString(), state, wait, talk: answered ? talk : 0, answered });
}

async function readRollup() {
  const rows = await t.prisma.callRollup.findMany({ orderBy: [{ hour: 'asc' }, { hotline: 'asc' }] });
  return rows.map(({ updatedAt: _u, ...rest }) => ({ ...rest, hour: rest.hour.toISOString(), totalWaitSeconds: Number(rest.totalWaitSeconds), totalTalkSeconds: Number(rest.totalTalkSeconds) }));
}

async function readTicketRollup() {
  const rows = await t.prisma.ticketRollup.findMany({ orderBy: [{ day: 'asc' }, { unitId: 'asc' }, { categoryId: 'asc' }, { kind: 'asc' }, { level: 'asc' }] });
  return rows.map(({ updatedAt: _u, ...rest }) => rest);
}

beforeAll(async () => {
  t = await createTestApp();
  lead = await login(t.app, 'demo-lead');
  const street = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-street' } });
  await t.prisma.user.create({ data: { username: 'stats-admin', displayName: 'liaison', passwordHash: street.passwordHash, roles: ['dept_admin'], unitId: 'so-s01', areaId: street.areaId, scopeAreaIds: street.scopeAreaIds, scopeUnitIds: ['so-s01'] } });
  deptAdmin = await login(t.app, 'stats-admin');
  for (let i = 0; i < 60; i++) {
    const at = new Date(Date.parse(FROM) + randomInt(0, 24 * 3600) * 1000);
    await addCall(HOTLINES[randomInt(0, HOTLINES.length)]!, at, FINAL[randomInt(0, FINAL.length)]!, randomInt(0, 40), randomInt(10, 400));
  }
  // 12338 gets only abandoned calls.
  for (let i = 0; i < 3; i++) await addCall('12338', new Date(Date.parse(FROM) + (i + 1) * 3600_000), 'abandoned', 5 + i * 20, 0);
}, 120_000);

afterAll(async () => { await t?.close(); });

describe('call rollup', () => {
  it('equals a recomputation from the raw calls, kept live and rebuilt', async () => {
    const live = await readRollup();
    const expected = new Map<string, { offered: number; answered: number; abandoned: number; w15: number; asl: number; wait: number; talk: number }>();
    for (const r of raws) {
      const key = `${r.hour}|${r.hotline}`;
      const row = expected.get(key) ?? { offered: 0, answered: 0, abandoned: 0, w15: 0, asl: 0, wait: 0, talk: 0 };
      row.offered++;
      if (r.answered) { row.answered++; row.wait += r.wait; row.talk += r.talk; if (r.wait <= 15) row.w15++; } else { row.abandoned++; if (r.wait <= 15) row.asl++; }
      expected.set(key, row);
    }
    expect(live.length).toBe(expected.size);
    for (const row of live) {
      const want = expected.get(`${row.hour}|${row.hotline}`)!;
      expect(row).toMatchObject({ offered: want.offered, answered: want.answered, abandoned: want.abandoned, answeredWithin15s: want.w15, answeredWithinThreshold: want.w15, abandonedWithinThreshold: want.asl, totalWaitSeconds: want.wait, totalTalkSeconds: want.talk });
    }
    await t.prisma.$executeRaw`DELETE FROM "call_rollup"`;
    await rebuildRollups(t.prisma, { from: new Date(FROM), to: new Date(TO) });
    expect(await readRollup()).toEqual(live);
  });
});

describe('call figures API', () => {
  it('gives the day total, all-abandoned rates and an empty period without errors', async () => {
    const res = await t.app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=hotline`, headers: lead.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total.offered).toBe(raws.length);
    expect(body.total.answered).toBe(raws.filter((r) => r.answered).length);
    const abandonedOnly = body.rows.find((r: { key: string }) => r.key === '12338');
    expect(abandonedOnly).toMatchObject({ offered: 3, answered: 0, connectionRate: 0, abandonRate: 1, averageSpeedOfAnswer: null, serviceLevel: null, serviceLevel2: 1 / 3 });
    const empty = await t.app.inject({ url: '/api/statistics/calls?from=2025-01-01&to=2025-01-02&groupBy=day', headers: lead.headers });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ rows: [], total: { offered: 0, connectionRate: null, averageHandleTime: null } });
    const bad = await t.app.inject({ url: `/api/statistics/calls?from=${TO}&to=${FROM}&groupBy=day`, headers: lead.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('to');
  });

  it('exports CSV and XLSX with worded headers and hotline names that parse back to the same numbers', async () => {
    const json = (await t.app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=hotline`, headers: lead.headers })).json();
    const hotlines = new Map((await t.prisma.hotline.findMany()).map((h) => [h.number, h]));
    const csv = await t.app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=hotline&format=csv`, headers: lead.headers });
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map((l) => l.split(','));
    const header = lines[0]!;
    // Chinese by default, as the console's locale files word them; no code names.
    expect(header).toEqual([
      '时段 / 热线', '呼入量', '接通量', '放弃量', '15 秒内接通', '15 秒内接通', '15 秒内放弃', '总等待时长（秒）', '总通话时长（秒）',
      '接通率', '15 秒接通率', '服务水平', '服务水平 2', '放弃率', '平均应答时长', '平均处理时长',
    ]);
    expect(text).not.toMatch(/answeredWithin15s|connectionRate|offered/);
    const totalLine = lines.find((l) => l[0] === '合计')!;
    expect(Number(totalLine[header.indexOf('呼入量')])).toBe(json.total.offered);
    expect(Number(totalLine[header.indexOf('接通率')])).toBeCloseTo(json.total.connectionRate, 12);
    const xlsx = await t.app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=hotline&format=xlsx&lang=en`, headers: lead.headers });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 5)).toEqual(['Period / hotline', 'Offered', 'Answered', 'Abandoned', 'Answered ≤ 15 s']);
    const last = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
    expect(last[0]).toBe('Total');
    expect(last[head.indexOf('Answered')]).toBe(json.total.answered);
    expect(last[head.indexOf('Abandon rate')]).toBeCloseTo(json.total.abandonRate, 12);
    const rows = (json.rows as { key: string; offered: number }[]);
    for (let i = 0; i < rows.length; i++) {
      const values = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect(values[0]).toBe(`${rows[i]!.key} ${hotlines.get(rows[i]!.key)!.nameEn}`);
      expect(values[head.indexOf('Offered')]).toBe(rows[i]!.offered);
    }
    const bad = await t.app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=hotline&format=csv&lang=fr`, headers: lead.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('drills to the calls behind a figure, numbers masked', async () => {
    const res = await t.app.inject({ url: `/api/statistics/drill?metric=calls.abandoned&from=${FROM}&to=${TO}&hotline=12338`, headers: lead.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(3);
    expect(res.json().calls[0].callerNumber).toContain('****');
    const hotline = await t.prisma.hotline.findUniqueOrThrow({ where: { number: '12338' } });
    expect(res.json().calls[0]).toMatchObject({ hotlineNumber: '12338', hotlineName: hotline.name, hotlineNameEn: hotline.nameEn, agentName: null });
    // The file lists the calls by hotline name and outcome in words, never by Linkedid.
    const csv = await t.app.inject({ url: `/api/statistics/drill?metric=calls.abandoned&from=${FROM}&to=${TO}&hotline=12338&format=csv`, headers: lead.headers });
    const [head, first] = csv.body.slice(1).trim().split('\r\n').map((line) => line.split(','));
    expect(head).toEqual(['进入队列', '热线', '来电号码', '坐席', '状态', '接听时间', '等待（秒）', '通话（秒）']);
    expect(first![1]).toBe(`12338 ${hotline.name}`);
    expect(first![4]).toBe('放弃');
    expect(first![0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    for (const call of res.json().calls as { linkedid: string }[]) expect(csv.body).not.toContain(call.linkedid);
    const unknown = await t.app.inject({ url: `/api/statistics/drill?metric=calls.nope&from=${FROM}&to=${TO}`, headers: lead.headers });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('metric');
  });
});

const ACTIONS = ['sign', 'reply', 'reopen', 'supervise', 'return', 'close'] as const;

describe('ticket rollup and figures', () => {
  it('keeps the ticket rollup equal to a rebuild after a random stream of trail entries', async () => {
    const base = Date.parse(FROM);
    for (let i = 0; i < 25; i++) {
      const unit = ['so-s01', 'dept-environment', 'gt-s01g01'][randomInt(0, 3)]!;
      const ticket = await createTicket(t.prisma, { leadUnitId: unit, areaId: 's01' });
      const at = (offset: number) => new Date(base + offset * 60_000);
      let minute = randomInt(0, 600);
      await t.prisma.$transaction(async (tx) => {
        await recordTicketEvent(tx, { ticketId: ticket.id, action: 'create', fromState: null, toState: 'accepted', actorId: null, actorRole: 'agent', at: at(minute) });
        await recordTicketEvent(tx, { ticketId: ticket.id, action: 'dispatch', fromState: 'accepted', toState: 'dispatched', actorId: null, actorRole: 'dispatcher', unitId: unit, at: at(++minute) });
      });
      if (i % 5 === 0) await refreshRollups(t.prisma);
      for (let k = 0; k < randomInt(0, 5); k++) {
        minute += randomInt(1, 900);
        const action = ACTIONS[randomInt(0, ACTIONS.length)]!;
        await t.prisma.$transaction((tx) => recordTicketEvent(tx, { ticketId: ticket.id, action, fromState: null, toState: null, actorId: null, actorRole: 'system', unitId: unit, data: action === 'close' ? { verdict: 'satisfied' } : {}, at: at(minute) }));
      }
      if (i % 7 === 0) {
        // A re-dispatch changes the ticket's level: its older days move with it.
        await t.prisma.$transaction(async (tx) => {
          await tx.ticket.update({ where: { id: ticket.id }, data: { level: 'street' } });
          await recordTicketEvent(tx, { ticketId: ticket.id, action: 'dispatch', fromState: null, toState: 'dispatched', actorId: null, actorRole: 'dispatcher', unitId: unit, at: at(minute + 2000) });
        });
      }
    }
    await refreshRollups(t.prisma);
    const live = await readTicketRollup();
    expect(live.length).toBeGreaterThan(0);
    await t.prisma.$executeRaw`DELETE FROM "ticket_rollup"`;
    await rebuildRollups(t.prisma, { from: new Date(base - 24 * 3600_000), to: new Date(base + 30 * 24 * 3600_000) });
    expect(await readTicketRollup()).toEqual(live);
    const counts = await t.app.inject({ url: `/api/statistics/tickets?from=${FROM}&to=2026-04-01&groupBy=unit`, headers: lead.headers });
    expect(counts.statusCode).toBe(200);
    const dispatched = await t.prisma.ticketEvent.count({ where: { action: 'dispatch', at: { gte: new Date(FROM) } } });
    expect(counts.json().total.dispatched).toBe(dispatched);
  });

  it('drill-down lists recompute every figure of a unit', async () => {
    const res = await t.app.inject({ url: `/api/statistics/ticket-figures?from=${FROM}&to=2026-04-01&unitId=so-s01`, headers: lead.headers });
    expect(res.statusCode).toBe(200);
    const figures = res.json().rows[0].figures as Record<string, { numerator: number; denominator: number }>;
    for (const [indicator, figure] of Object.entries(figures)) {
      for (const part of ['numerator', 'denominator'] as const) {
        const drill = await t.app.inject({ url: `/api/statistics/drill?metric=${indicator}&part=${part}&unitId=so-s01&from=${FROM}&to=2026-04-01&pageSize=200`, headers: lead.headers });
        expect(drill.statusCode).toBe(200);
        expect(drill.json().total).toBe(figure[part]);
        expect(drill.json().tickets.length).toBe(Math.min(200, figure[part]));
        for (const row of drill.json().tickets as { categoryName: string; unitName: string | null }[]) {
          expect(row.categoryName).toBeTruthy();
          expect(row.unitName).toBeTruthy();
        }
      }
    }
    expect(figures.on_time_sign!.denominator).toBeGreaterThan(0);
    // The ticket list as a file: codes, names and words in the console's language.
    const unit = await t.prisma.unit.findUniqueOrThrow({ where: { id: 'so-s01' } });
    for (const [lang, headers, leadUnit] of [
      ['zh-CN', ['工单编号', '标题', '渠道', '类别', '诉求类型', '分类', '承办单位', '状态', '创建时间'], unit.name],
      ['en', ['Ticket', 'Title', 'Channel', 'Class', 'Kind', 'Category', 'Lead unit', 'State', 'Created'], unit.nameEn],
    ] as const) {
      const file = await t.app.inject({ url: `/api/statistics/drill?metric=on_time_sign&unitId=so-s01&from=${FROM}&to=2026-04-01&format=csv&lang=${lang}`, headers: lead.headers });
      const [head, first] = file.body.slice(1).trim().split('\r\n').map((line) => line.split(','));
      expect(head).toEqual(headers);
      expect(first![6]).toBe(leadUnit);
      expect(file.body).not.toMatch(/so-s01|env\.noise|dispatched|non_police/);
    }
    const figuresFile = await t.app.inject({ url: `/api/statistics/ticket-figures?from=${FROM}&to=2026-04-01&unitId=so-s01&format=csv`, headers: lead.headers });
    const [figuresHead, figuresRow] = figuresFile.body.slice(1).trim().split('\r\n').map((line) => line.split(','));
    expect(figuresHead!.slice(0, 4)).toEqual(['单位', '按时签收率', '按时签收率 分子', '按时签收率 分母']);
    expect(figuresRow![0]).toBe(unit.name);
  });

  it('limits a dept_admin to its own unit', async () => {
    const own = await t.app.inject({ url: `/api/statistics/ticket-figures?from=${FROM}&to=2026-04-01`, headers: deptAdmin.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().rows.map((r: { unitId: string }) => r.unitId)).toEqual(['so-s01']);
    const other = await t.app.inject({ url: `/api/statistics/ticket-figures?from=${FROM}&to=2026-04-01&unitId=dept-environment`, headers: deptAdmin.headers });
    expect(other.statusCode).toBe(404);
    expect(other.json().field).toBe('unitId');
    const byUnit = await t.app.inject({ url: `/api/statistics/tickets?from=${FROM}&to=2026-04-01&groupBy=unit`, headers: deptAdmin.headers });
    expect(byUnit.json().rows.map((r: { key: string }) => r.key)).toEqual(['so-s01']);
    const calls = await t.app.inject({ url: `/api/statistics/calls?from=${FROM}&to=${TO}&groupBy=day`, headers: deptAdmin.headers });
    expect(calls.statusCode).toBe(403);
    const drill = await t.app.inject({ url: `/api/statistics/drill?metric=calls.offered&from=${FROM}&to=${TO}`, headers: deptAdmin.headers });
    expect(drill.statusCode).toBe(403);
  });
});
