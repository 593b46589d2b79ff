/** Intake from each channel, classification signals, duplicates, and every bad input writing nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { createCall, intake, loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-grid', 'demo-dispatcher', 'demo-street', 'demo-admin']);
});
afterAll(async () => t?.close());

const base = { categoryId: 'env.noise', title: '噪音', description: '夜间施工噪音' };

async function counts() {
  return { tickets: await t.prisma.ticket.count(), events: await t.prisma.ticketEvent.count() };
}

describe('intake channels', () => {
  it('takes phone, mailbox, web and mobile tickets', async () => {
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const phone = await intake(t, s['demo-agent']!, { ...base, channel: 'phone', callId: call.id, address: '高塘岭街道某小区' });
    expect(phone.statusCode, phone.body).toBe(201);
    expect(phone.json().ticket).toMatchObject({ channel: 'phone', state: 'accepted', hotlineNumber: '12345', areaId: 's01' });
    const mailbox = await intake(t, s['demo-agent']!, { ...base, channel: 'mailbox', callerName: '张三', callerNumber: '13800138000' });
    expect(mailbox.statusCode, mailbox.body).toBe(201);
    expect(mailbox.json().ticket).toMatchObject({ channel: 'mailbox', callerNumber: '138****8000', areaId: null });
    const web = await intake(t, s['demo-agent']!, { ...base, channel: 'web', areaId: 's03' });
    expect(web.json().ticket).toMatchObject({ channel: 'web', areaId: 's03' });
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const mobile = await intake(t, s['demo-grid']!, { ...base, channel: 'mobile', lat: grid.centroidLat, lng: grid.centroidLng });
    expect(mobile.statusCode, mobile.body).toBe(201);
    expect(mobile.json().ticket).toMatchObject({ channel: 'mobile', areaId: 's01g01' });
    const codes = [phone, mailbox, web, mobile].map((r) => r.json().ticket.code as string);
    expect(new Set(codes).size).toBe(4);
  });

  it('answers an intake with the ticket and trail a read gives (the create entry is not read again)', async () => {
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const created = await intake(t, s['demo-agent']!, { ...base, channel: 'phone', callId: call.id, areaId: 's01g01', callerNumber: '13800138001' });
    expect(created.statusCode, created.body).toBe(201);
    const answered = created.json().ticket;
    expect(answered.trail).toHaveLength(1);
    expect(answered.trail[0]).toMatchObject({ action: 'create', toState: 'accepted' });
    const read = await t.app.inject({ method: 'GET', url: `/api/tickets/${answered.id}`, headers: s['demo-agent']!.headers });
    expect(read.statusCode, read.body).toBe(200);
    expect(answered).toEqual(read.json());
  });

  it('answers at intake (closed_at_intake is a ticket too)', async () => {
    const r = await intake(t, s['demo-agent']!, { ...base, channel: 'web', closeAtIntake: { answer: '已告知投诉渠道' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().ticket.state).toBe('closed_at_intake');
    expect(r.json().ticket.trail.map((e: { action: string }) => e.action)).toEqual(['create', 'close-at-intake']);
  });

  it('suggests duplicates: same caller, and nearby located reports', async () => {
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g02' } });
    const first = await intake(t, s['demo-agent']!, { ...base, channel: 'web', callerNumber: '13911112222', lat: grid.centroidLat, lng: grid.centroidLng });
    const second = await intake(t, s['demo-agent']!, { ...base, channel: 'web', callerNumber: '139-1111-2222', lat: grid.centroidLat! + 0.0002, lng: grid.centroidLng });
    const dups = second.json().duplicates as { id: string; reasons: string[]; distanceMeters: number }[];
    const hit = dups.find((d) => d.id === first.json().ticket.id);
    expect(hit?.reasons).toEqual(expect.arrayContaining(['same_caller', 'same_area_category', 'nearby']));
    expect(hit).toMatchObject({ code: first.json().ticket.code, state: 'accepted', createdAt: first.json().ticket.createdAt });
    // Without a place the suggestions are read in the intake's own statement (as JSON): the same, to the millisecond.
    t.clock.advance(1_234);
    const third = await intake(t, s['demo-agent']!, { ...base, channel: 'web', callerNumber: '13911113333', areaId: 's01g02' });
    const again = (third.json().duplicates as { id: string; code: string; createdAt: string; reasons: string[] }[]).find((d) => d.id === first.json().ticket.id);
    expect(again).toMatchObject({ code: first.json().ticket.code, createdAt: first.json().ticket.createdAt, reasons: ['same_area_category'] });
    expect((third.json().duplicates as { id: string }[]).map((d) => d.id)).not.toContain(third.json().ticket.id);
    expect(hit!.distanceMeters).toBeGreaterThan(15);
    expect(hit!.distanceMeters).toBeLessThan(50);
    const far = await t.app.inject({ method: 'GET', url: `/api/tickets/duplicates?categoryId=env.noise&lat=${grid.centroidLat! + 0.01}&lng=${grid.centroidLng}`, headers: s['demo-agent']!.headers });
    expect(far.statusCode, far.body).toBe(200);
    expect(far.json().items.find((d: { id: string }) => d.id === first.json().ticket.id)).toBeUndefined();
    const byCaller = await t.app.inject({ method: 'GET', url: '/api/tickets/duplicates?callerNumber=13911112222', headers: s['demo-agent']!.headers });
    expect(byCaller.json().items.length).toBe(2);
    await t.prisma.ticket.update({ where: { id: first.json().ticket.id }, data: { createdAt: new Date(t.clock.now().getTime() - 8 * 24 * 3600_000) } });
    const later = await t.app.inject({ method: 'GET', url: '/api/tickets/duplicates?callerNumber=13911112222', headers: s['demo-agent']!.headers });
    expect(later.json().items.map((d: { id: string }) => d.id)).toEqual([second.json().ticket.id]);
  });
});

describe('intake at the desk (issue 12)', () => {
  const get = (url: string, who = 'demo-agent') => t.app.inject({ method: 'GET', url, headers: s[who]!.headers });

  it('closes an enquiry answered from the knowledge base with no place, recording the article', async () => {
    const r = await intake(t, s['demo-agent']!, {
      ...base, channel: 'web', categoryId: 'general.policy', closeAtIntake: { answer: '工作日 9:00-17:30', article: { id: 'kb-office-hours' } },
    });
    expect(r.statusCode, r.body).toBe(201);
    const ticket = r.json().ticket;
    expect(ticket).toMatchObject({ state: 'closed_at_intake', areaId: null, address: null });
    const close = ticket.trail.find((e: { action: string }) => e.action === 'close-at-intake');
    expect(close.data).toMatchObject({ answer: '工作日 9:00-17:30', articleId: 'kb-office-hours', articleVersion: 1, articleTitle: '政务服务中心几点上班？' });
    const bad = await intake(t, s['demo-agent']!, { ...base, channel: 'web', closeAtIntake: { answer: 'x', article: { id: '' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toContain('article');
  });

  it('answers a duplicates query with only a category (or nothing) with an empty list', async () => {
    for (const query of ['categoryId=env.noise', 'areaId=s01', '']) {
      const r = await get(`/api/tickets/duplicates?${query}`);
      expect(r.statusCode, `${query}: ${r.body}`).toBe(200);
      expect(r.json().items).toEqual([]);
    }
  });

  it('never lists a ticket as its own duplicate', async () => {
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const created = await intake(t, s['demo-agent']!, { ...base, channel: 'phone', callId: call.id, areaId: 's02' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().ticket.id as string;
    expect(created.json().duplicates.map((d: { id: string }) => d.id)).not.toContain(id);
    const withIt = await get(`/api/tickets/duplicates?callId=${call.id}&categoryId=env.noise&areaId=s02`);
    expect(withIt.json().items.map((d: { id: string }) => d.id)).toContain(id);
    const without = await get(`/api/tickets/duplicates?callId=${call.id}&categoryId=env.noise&areaId=s02&excludeId=${id}`);
    expect(without.statusCode, without.body).toBe(200);
    expect(without.json().items.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('lists the last tickets the user took in, newest first, and only theirs', async () => {
    const first = await intake(t, s['demo-agent']!, { ...base, channel: 'web', title: '第一张', areaId: 's01' });
    const second = await intake(t, s['demo-agent']!, { ...base, channel: 'web', title: '第二张', closeAtIntake: { answer: '已答复' } });
    const other = await intake(t, s['demo-dispatcher']!, { ...base, channel: 'web', title: '派单员的', areaId: 's01' });
    expect([first, second, other].map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const r = await get('/api/tickets/recent?limit=2');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toEqual([
      expect.objectContaining({ code: second.json().ticket.code, title: '第二张', state: 'closed_at_intake' }),
      expect.objectContaining({ code: first.json().ticket.code, title: '第一张', state: 'accepted' }),
    ]);
    const mine = await get('/api/tickets/recent?limit=50', 'demo-dispatcher');
    expect(mine.json().items.map((i: { code: string }) => i.code)).toContain(other.json().ticket.code);
    expect(mine.json().items.map((i: { code: string }) => i.code)).not.toContain(first.json().ticket.code);
    expect((await get('/api/tickets/recent?limit=0')).statusCode).toBe(400);
  });
});

describe('classification', () => {
  const classify = async (body: Record<string, unknown>) => {
    const r = await intake(t, s['demo-agent']!, { channel: 'web', title: '来电', description: '情况说明', categoryId: 'general.policy', ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().classification as { ticketClass: string; source: string; keyword: string | null; overridden: boolean };
  };

  it('uses the hotline default, the category flag and keyword rules', async () => {
    const call = await createCall(t.prisma, '110', t.clock.now());
    expect(await classify({ channel: 'phone', callId: call.id })).toMatchObject({ ticketClass: 'police', source: 'hotline' });
    expect(await classify({ categoryId: 'security.fight' })).toMatchObject({ ticketClass: 'police', source: 'category' });
    expect(await classify({ description: '有人持刀在街上' })).toMatchObject({ ticketClass: 'police', source: 'keyword', keyword: '持刀' });
    const noisy110 = await createCall(t.prisma, '110', t.clock.now());
    expect(await classify({ channel: 'phone', callId: noisy110.id, description: '楼上噪音' })).toMatchObject({ ticketClass: 'non_police', source: 'keyword' });
    expect(await classify({})).toMatchObject({ ticketClass: 'non_police', source: 'default' });
  });

  it('lets the agent override with a reason, recorded in the trail', async () => {
    const r = await intake(t, s['demo-agent']!, { ...base, channel: 'web', ticketClass: 'police', classReason: '涉及人身威胁' });
    expect(r.json().classification).toMatchObject({ ticketClass: 'police', suggested: 'non_police', source: 'override', overridden: true });
    expect(r.json().ticket).toMatchObject({ ticketClass: 'police', leadUnitId: 'police-desk', policeState: 'received' });
    expect(r.json().ticket.trail[0].reason).toBe('涉及人身威胁');
    const before = await counts();
    const missing = await intake(t, s['demo-agent']!, { ...base, channel: 'web', ticketClass: 'police' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('classReason');
    expect(await counts()).toEqual(before);
  });
});

describe('bad intake writes nothing', () => {
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['unknown category', { ...base, channel: 'web', categoryId: 'no.such' }, 400, 'categoryId'],
    ['a category group', { ...base, channel: 'web', categoryId: 'env' }, 400, 'categoryId'],
    ['outside the district', { ...base, channel: 'web', lat: 1, lng: 1 }, 400, 'location'],
    ['half a position', { ...base, channel: 'web', lat: 28.3 }, 400, 'location'],
    ['missing required field', { ...base, channel: 'web', categoryId: 'market.consumer', fields: { merchant: '某超市' } }, 400, 'fields.amount'],
    ['phone without call', { ...base, channel: 'phone' }, 400, 'callId'],
    ['unknown call', { ...base, channel: 'phone', callId: '6f1c2a52-0000-4000-8000-000000000000' }, 404, 'callId'],
    ['unknown area', { ...base, channel: 'web', areaId: 'nowhere' }, 400, 'areaId'],
    ['mobile without GPS', { ...base, channel: 'mobile' }, 400, 'location'],
    ['answer and dispatch', { ...base, channel: 'web', closeAtIntake: { answer: 'x' }, dispatch: true }, 400, 'dispatch'],
    ['unknown field', { ...base, channel: 'web', colour: 'red' }, 400, 'colour'],
  ];
  it.each(cases)('%s', async (_label, body, status, field) => {
    const before = await counts();
    const r = await intake(t, s['demo-agent']!, body);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.json().field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses a grid member outside the mobile channel and the admin altogether', async () => {
    expect((await intake(t, s['demo-grid']!, { ...base, channel: 'web' })).statusCode).toBe(403);
    expect((await intake(t, s['demo-admin']!, { ...base, channel: 'web' })).statusCode).toBe(403);
  });
});

describe('list filters', () => {
  it('filters by class, channel and text, inside the scope', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/tickets?ticketClass=police&pageSize=100', headers: s['demo-agent']!.headers });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.length).toBeGreaterThan(0);
    expect(r.json().items.every((i: { ticketClass: string }) => i.ticketClass === 'police')).toBe(true);
    const mobile = await t.app.inject({ method: 'GET', url: '/api/tickets?channel=mobile', headers: s['demo-grid']!.headers });
    expect(mobile.json().total).toBe(1);
    // Each listed ticket names its category in both languages (the phone inbox's cards show it).
    const noise = await t.prisma.category.findUniqueOrThrow({ where: { id: 'env.noise' } });
    expect(mobile.json().items[0]).toMatchObject({ categoryId: 'env.noise', categoryName: noise.name, categoryNameEn: noise.nameEn });
    const q = await t.app.inject({ method: 'GET', url: '/api/tickets?q=YX20260302', headers: s['demo-agent']!.headers });
    expect(q.json().total).toBe(await t.prisma.ticket.count());
  });
});

describe('ticket numbers', () => {
  it('stay gap-free when intakes fail after their checks, even concurrently', async () => {
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const mobile = { ...base, channel: 'mobile', lat: grid.centroidLat, lng: grid.centroidLng };
    // A grid member may report but not answer at intake: refused inside the intake, after every read check.
    const refused = () => intake(t, s['demo-grid']!, { ...mobile, closeAtIntake: { answer: '已答复' } });
    const taken = () => intake(t, s['demo-grid']!, mobile);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? refused() : taken())));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([...Array(6).fill(201), ...Array(6).fill(403)]);
    const after = await taken();
    const codes = await t.prisma.ticket.findMany({ where: { code: { startsWith: 'YX20260302-' } }, select: { code: true }, orderBy: { code: 'asc' } });
    const numbers = codes.map((row) => Number(row.code.slice(-5)));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(after.json().ticket.code).toBe(`YX20260302-${String(numbers.length).padStart(5, '0')}`);
  });
});
