/**
 * The ticket search (工单查询) on a real database: by code, number, Chinese keyword and address,
 * each filter, the scope, the caller of a call, the export, the audit, and bad input.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '@yixian/domain';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { createTicket, randomPhone, type TicketFactoryOptions } from './helpers/factories.js';

let t: TestApp;
const sessions: Record<string, Session> = {};
const tickets: Record<string, { id: string; code: string }> = {};
const caller = randomPhone();
const confidentialCaller = randomPhone();
let callId = '';

interface Text { title: string; description?: string; address?: string | null; state?: string; createdAt?: Date; handleDueAt?: Date | null; channel?: string; ticketClass?: string; callId?: string }

async function make(name: string, text: Text, options: TicketFactoryOptions = {}) {
  const ticket = await createTicket(t.prisma, options);
  const updated = await t.prisma.ticket.update({
    where: { id: ticket.id },
    data: {
      title: text.title, description: text.description ?? '', address: text.address ?? null, state: text.state ?? 'dispatched',
      handleDueAt: text.handleDueAt ?? null, channel: text.channel ?? 'phone', ticketClass: text.ticketClass ?? 'non_police',
      callId: text.callId ?? null, ...(text.createdAt ? { createdAt: text.createdAt } : {}),
    },
  });
  tickets[name] = { id: updated.id, code: updated.code };
}

async function search(user: string, query: string) {
  return t.app.inject({ url: `/api/tickets/search?${query}`, headers: { cookie: sessions[user]!.cookie } });
}

async function codesFor(user: string, query: string): Promise<string[]> {
  const response = await search(user, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { code: string }[] }>().items.map((item) => item.code).sort();
}

const codesOf = (...names: string[]) => names.map((name) => tickets[name]!.code).sort();

beforeAll(async () => {
  t = await createTestApp();
  for (const user of ['demo-agent', 'demo-dispatcher', 'demo-street', 'demo-dept', 'demo-commander', 'demo-lead', 'demo-grid']) sessions[user] = await login(t.app, user);
  const now = t.clock.now();
  const call = await t.prisma.call.create({
    data: { linkedid: `${Date.now()}.${Math.floor(Math.random() * 1000)}`, hotlineNumber: '12345', callerNumber: caller, state: 'completed', enteredAt: now },
  });
  callId = call.id;
  await make('lamp', { title: '路灯不亮', description: '人民路口的路灯坏了三天', address: '高塘岭街道人民路18号', state: 'in_progress', handleDueAt: new Date(now.getTime() - 3600_000), callId }, {
    areaId: 's01g01', leadUnitId: 'gt-s01g01', categoryId: 'city.streetlight', callerNumber: caller,
  });
  await make('noise', { title: '夜间施工噪音扰民', description: '工地凌晨还在施工', address: '解放路3号', state: 'signed', handleDueAt: new Date(now.getTime() + 86_400_000) }, {
    areaId: 's02g01', leadUnitId: 'dept-urban-management', supportingUnitIds: ['so-s02'], categoryId: 'env.noise', callerNumber: caller,
  });
  await make('lampFar', { title: '路灯闪烁', description: '芙蓉路路灯一直闪', address: '芙蓉路8号', state: 'closed', channel: 'web', createdAt: new Date(now.getTime() - 40 * 86_400_000) }, {
    areaId: 's03g01', leadUnitId: 'dept-urban-management', categoryId: 'city.streetlight',
  });
  await make('police', { title: '邻里纠纷打架', description: '楼下有人打架', address: '人民路99号', state: 'accepted', ticketClass: 'police' }, {
    areaId: 's01g02', leadUnitId: null, categoryId: 'env.noise',
  });
  await make('secret', { title: '举报路灯工程偷工减料', description: '保密举报', address: '人民路1号', state: 'dispatched' }, {
    areaId: 's01g01', leadUnitId: 'so-s01', categoryId: 'city.streetlight', callerNumber: confidentialCaller, confidential: true,
  });
});
afterAll(async () => t?.close());

describe('GET /api/tickets/search', () => {
  it('finds a ticket by its whole code and by the code\'s beginning', async () => {
    expect(await codesFor('demo-dispatcher', `code=${tickets.lamp!.code}`)).toEqual(codesOf('lamp'));
    const prefix = tickets.noise!.code.slice(0, 6);
    expect(await codesFor('demo-dispatcher', `code=${prefix}`)).toContain(tickets.noise!.code);
    // In any case, and a whole day's prefix (gathered and sorted at once) finds the day's tickets.
    expect(await codesFor('demo-dispatcher', `code=${prefix.toLowerCase()}`)).toContain(tickets.noise!.code);
    expect(await codesFor('demo-dispatcher', `code=${tickets.noise!.code.slice(0, 11)}`)).toContain(tickets.noise!.code);
    expect(await codesFor('demo-dispatcher', 'code=YX1999')).toEqual([]);
  });

  it('finds by a caller\'s full number, masked in the results, and audits the search without the number', async () => {
    const response = await search('demo-agent', `number=${caller}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ total: number; items: { code: string; callerNumber: string }[] }>();
    expect(body.items.map((i) => i.code).sort()).toEqual(codesOf('lamp', 'noise'));
    expect(body.items.every((i) => i.callerNumber === maskPhone(caller))).toBe(true);
    expect(response.body).not.toContain(caller);
    const audit = await t.prisma.auditLog.findFirst({ where: { action: 'personal_data.ticket_search_by_phone', outcome: 'allowed' }, orderBy: { at: 'desc' } });
    expect(audit?.details).toMatchObject({ number: maskPhone(caller), found: 2 });
    expect(JSON.stringify({ details: audit?.details, reason: audit?.reason })).not.toContain(caller);
  });

  it('refuses a number search to a unit\'s handler (403 naming number, audited) and hides confidential tickets from it for the agent', async () => {
    const refused = await search('demo-street', `number=${caller}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ field: 'number' });
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.ticket_search_by_phone', outcome: 'denied' } })).toBe(1);
    expect(await codesFor('demo-agent', `number=${confidentialCaller}`)).toEqual([]);
    expect(await codesFor('demo-lead', `number=${confidentialCaller}`)).toEqual(codesOf('secret'));
  });

  it('finds Chinese keywords of two and more characters in title, description or address', async () => {
    expect(await codesFor('demo-dispatcher', `keyword=${encodeURIComponent('路灯')}`)).toEqual(codesOf('lamp', 'lampFar', 'secret'));
    expect(await codesFor('demo-dispatcher', `keyword=${encodeURIComponent('噪音扰民')}`)).toEqual(codesOf('noise'));
    expect(await codesFor('demo-dispatcher', `keyword=${encodeURIComponent('凌晨还在')}`)).toEqual(codesOf('noise'));
    expect(await codesFor('demo-dispatcher', `keyword=${encodeURIComponent('路灯工地')}`)).toEqual([]);
    expect(await codesFor('demo-dispatcher', `address=${encodeURIComponent('人民路')}`)).toEqual(codesOf('lamp', 'police', 'secret'));
  });

  it('filters by state (several), channel, class, category subtree, unit role, area subtree, dates, overdue', async () => {
    const d = 'demo-dispatcher';
    expect(await codesFor(d, 'state=in_progress&state=signed')).toEqual(codesOf('lamp', 'noise'));
    expect(await codesFor(d, 'channel=web')).toEqual(codesOf('lampFar'));
    expect(await codesFor(d, 'ticketClass=police')).toEqual(codesOf('police'));
    expect(await codesFor(d, 'categoryId=city')).toEqual(codesOf('lamp', 'lampFar', 'secret'));
    expect(await codesFor(d, 'unitId=so-s02')).toEqual(codesOf('noise'));
    expect(await codesFor(d, 'unitId=so-s02&unitRole=lead')).toEqual([]);
    expect(await codesFor(d, 'unitId=dept-urban-management&unitRole=lead')).toEqual(codesOf('noise', 'lampFar'));
    expect(await codesFor(d, 'areaId=s01')).toEqual(codesOf('lamp', 'police', 'secret'));
    const from = new Date(t.clock.now().getTime() - 86_400_000).toISOString();
    expect(await codesFor(d, `areaId=s03&from=${from}`)).toEqual([]);
    expect(await codesFor(d, `keyword=${encodeURIComponent('路灯')}&to=${from}`)).toEqual(codesOf('lampFar'));
    expect(await codesFor(d, 'overdue=true')).toEqual(codesOf('lamp'));
  });

  it('carries names beside ids, sorts and pages in the database with the total', async () => {
    const response = await search('demo-dispatcher', 'categoryId=city&sort=created&order=asc&pageSize=2&page=1');
    const body = response.json<{ total: number; totalCapped: boolean; items: Record<string, string | null>[] }>();
    expect(body).toMatchObject({ total: 3, totalCapped: false });
    expect(body.items.map((i) => i.code)).toEqual([tickets.lampFar!.code, expect.any(String)]);
    expect(body.items[0]).toMatchObject({ categoryName: '路灯故障', leadUnitName: '城市管理和综合执法局', areaName: expect.stringContaining('网格'), areaNameEn: expect.any(String) });
    const second = await search('demo-dispatcher', 'categoryId=city&sort=created&order=asc&pageSize=2&page=2');
    expect(second.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('scopes every result: a street handler never sees another street\'s ticket', async () => {
    expect(await codesFor('demo-street', `keyword=${encodeURIComponent('路灯')}`)).toEqual(codesOf('lamp', 'secret'));
    expect(await codesFor('demo-dept', `keyword=${encodeURIComponent('路灯')}`)).toEqual(codesOf('lampFar'));
    expect(await codesFor('demo-street', `code=${tickets.noise!.code}`)).toEqual([]);
  });

  it('selects the same tickets as the list\'s scope (ticketScopeSql mirrors ticketScopeWhere)', async () => {
    for (const user of ['demo-street', 'demo-dept', 'demo-dispatcher', 'demo-grid']) {
      const listed = await t.app.inject({ url: '/api/tickets?pageSize=200', headers: { cookie: sessions[user]!.cookie } });
      const listedCodes = listed.json<{ items: { code: string }[] }>().items.map((item) => item.code).sort();
      expect(await codesFor(user, 'pageSize=100'), user).toEqual(listedCodes);
    }
    // The confidential rule is in both: the grid's member does not find the street office's 保密 ticket of its grid.
    expect(await codesFor('demo-grid', 'pageSize=100')).toEqual(expect.arrayContaining(codesOf('lamp')));
    expect(await codesFor('demo-grid', 'pageSize=100')).not.toContain(tickets.secret!.code);
  });

  it('gives the caller of a call all their tickets (the screen pop\'s link), never the number', async () => {
    const response = await search('demo-agent', `callId=${callId}`);
    expect(response.json<{ items: { code: string }[] }>().items.map((i) => i.code).sort()).toEqual(codesOf('lamp', 'noise'));
    expect(response.body).not.toContain(caller);
    expect((await search('demo-agent', `callId=${randomUUID()}`)).json()).toMatchObject({ statusCode: 404, field: 'callId' });
  });

  it('lets only the shift lead and commander filter on confidential', async () => {
    expect(await codesFor('demo-commander', 'confidential=true')).toEqual(codesOf('secret'));
    const refused = await search('demo-dispatcher', 'confidential=true');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ field: 'confidential' });
  });

  it('answers bad input with 400 naming the field', async () => {
    for (const [query, field] of [
      ['keyword=%E8%B7%AF', 'keyword'], ['state=nope', 'state'], ['sort=title', 'sort'], ['pageSize=500', 'pageSize'], ['colour=red', 'colour'],
      ['number=abc', 'number'], ['from=yesterday', 'from'], ['areaId=nowhere', 'areaId'], ['page=200&pageSize=100', 'page'],
    ] as const) {
      const response = await search('demo-dispatcher', query);
      expect(response.statusCode, query).toBe(400);
      expect(JSON.stringify(response.json()), query).toContain(field);
    }
  });
});

describe('GET /api/tickets/search/export', () => {
  it('writes what the search shows, with headers and states in the language asked, and audits it', async () => {
    const csv = await t.app.inject({ url: `/api/tickets/search/export?format=csv&lang=en&keyword=${encodeURIComponent('路灯')}`, headers: { cookie: sessions['demo-street']!.cookie } });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toContain('Ticket code,Title,Category,State');
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain('In progress');
    const xlsx = await t.app.inject({ url: `/api/tickets/search/export?format=xlsx&state=in_progress`, headers: { cookie: sessions['demo-dispatcher']!.cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toContain('工单编号');
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([tickets.lamp!.code, '办理中', '路灯故障']));
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.ticket_export' } })).toBe(2);
  });
});

describe('a word in more tickets than the search counts', () => {
  it('caps the count and pages through the newest first, as a plain scan orders them, with or without a deadline', async () => {
    // 1,100 copies of one ticket with a word nobody else uses; every third without a deadline.
    const word = '宽泛词语';
    const base = tickets.lampFar!.id;
    const now = t.clock.now().getTime();
    await t.prisma.$executeRaw`
      INSERT INTO "ticket" ("id", "code", "channel", "ticketClass", "state", "kind", "categoryId", "urgency", "confidential", "title", "description",
                            "address", "areaId", "areaPath", "leadUnitId", "supportingUnitIds", "fields", "handleDueAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, 'YXWIDE-' || lpad(i::text, 5, '0'), s."channel", s."ticketClass", 'dispatched', s."kind", s."categoryId", s."urgency", false,
             ${word} || ' ' || i, '', s."address", s."areaId", s."areaPath", s."leadUnitId", '{}', '{}',
             CASE WHEN i % 3 = 0 THEN NULL ELSE to_timestamp(${now / 1000} + (i * 7919 % 1100) * 60) END,
             to_timestamp(${now / 1000} - (i * 104729 % 1100) * 60), now()
        FROM "ticket" s, generate_series(1, 1100) AS i WHERE s."id" = ${base}`;
    const plain = async (order: string) => (await t.prisma.$queryRawUnsafe<{ code: string }[]>(
      `SELECT "code" FROM "ticket" WHERE strpos("title", $1) > 0 ORDER BY ${order}`, word)).map((row) => row.code);
    const page = async (query: string) => {
      const response = await search('demo-dispatcher', `keyword=${encodeURIComponent(word)}&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ total: number; totalCapped: boolean; items: { code: string }[] }>();
    };
    const newest = await plain('"createdAt" DESC, "id" DESC');
    const first = await page('pageSize=20');
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(first.items.map((item) => item.code)).toEqual(newest.slice(0, 20));
    expect((await page('pageSize=20&page=50')).items.map((item) => item.code)).toEqual(newest.slice(980, 1000));
    const latestDeadline = await plain('"handleDueAt" DESC NULLS LAST, "id" DESC');
    expect((await page('sort=handle_due&order=desc&pageSize=100&page=8')).items.map((item) => item.code)).toEqual(latestDeadline.slice(700, 800));
    // The pages stop where the count does (the export goes further).
    const tooDeep = await search('demo-dispatcher', `keyword=${encodeURIComponent(word)}&pageSize=20&page=51`);
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json<{ message: string }>().message).toContain('1000');
  });
});
