/**
 * Patrol reports (巡查上报) and on-the-spot handling (自处) on real PostgreSQL: placed by the seed's
 * grid polygons, one ticket per Idempotency-Key (also when two copies race), the roles and scope
 * that may file, a matter closed on the spot with its whole trail and its before/after photos,
 * counted as settled in the grid, and the channel in the statistics in Chinese.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshRollups } from '../src/modules/statistics/refresh-rollups.js';
import { multipartBody } from './helpers/multipart.js';
import { createTestApp, type Session, type TestApp } from './helpers/test-app.js';
import { loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
let dir: string;
/** Centroids of two grids of street s01 (boxes of prisma/seed/geometry.ts: the centroid lies inside). */
const at: Record<string, { lat: number; lng: number }> = {};
const OUTSIDE = { lat: 1.5, lng: 100.5 };
const DAY = { from: '2026-03-01T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yixian-patrol-'));
  t = await createTestApp({ ATTACHMENTS_DIR: dir });
  for (const id of ['s01g01', 's01g02']) {
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id } });
    at[id] = { lat: grid.centroidLat!, lng: grid.centroidLng! };
  }
  // A grid specialist (网格专干) of s01g01's team who patrols the whole street s01.
  const grid = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-grid' } });
  await t.prisma.user.create({
    data: {
      username: 'patrol-street', displayName: '网格专干 钱伟', passwordHash: grid.passwordHash, roles: ['grid_member'],
      unitId: 'gt-s01g01', areaId: 's01', scopeAreaIds: ['s01'], scopeUnitIds: ['gt-s01g01'],
    },
  });
  // A grid worker whose business is rubbish collection only.
  await t.prisma.user.create({
    data: {
      username: 'patrol-garbage', displayName: '网格员 孙琳', passwordHash: grid.passwordHash, roles: ['grid_member'],
      unitId: 'gt-s01g01', areaId: 's01g01', scopeAreaIds: ['s01g01'], scopeUnitIds: ['gt-s01g01'], scopeCategoryIds: ['city.garbage'],
    },
  });
  s = await loginAll(t, ['demo-grid', 'patrol-street', 'patrol-garbage', 'demo-agent', 'demo-dept', 'demo-lead', 'demo-admin', 'demo-auditor']);
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const report = (user: string, body: Record<string, unknown>, key: string | null = randomUUID()) => t.app.inject({
  method: 'POST', url: '/api/patrol-reports', headers: { ...s[user]!.headers, ...(key === null ? {} : { 'idempotency-key': key }) }, payload: body,
});
const noise = (where: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({
  categoryId: 'env.noise', description: '巡查发现工地夜间施工，噪音扰民', position: { ...where, accuracy: 12 }, ...extra,
});
const counts = async () => ({ tickets: await t.prisma.ticket.count(), events: await t.prisma.ticketEvent.count(), keys: await t.prisma.idempotencyKey.count() });
const photo = (colour: string) => sharp({ create: { width: 320, height: 240, channels: 3, background: colour } }).jpeg().toBuffer();

async function upload(session: Session, ticketId: string, act: string, bytes: Buffer) {
  const { payload, headers } = multipartBody([{ name: `${act}.jpg`, bytes, contentType: 'image/jpeg' }]);
  return t.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/attachments?act=${act}`, headers: { ...session.headers, ...headers }, payload });
}

describe('placing a report', () => {
  it('puts points in two grids into those grids, whatever grid the phone guessed, routed grid-first by the system', async () => {
    const first = await report('patrol-street', noise(at.s01g01!, { guessedAreaId: 's01g02', address: '东一社区3栋旁' }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      replayed: false, classification: { ticketClass: 'non_police' },
      ticket: { channel: 'grid_patrol', areaId: 's01g01', state: 'dispatched', leadUnitId: 'gt-s01g01', level: 'grid', address: '东一社区3栋旁', title: '巡查发现工地夜间施工，噪音扰民' },
    });
    const second = await report('patrol-street', noise(at.s01g02!, { guessedAreaId: 's01g01' }));
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().ticket).toMatchObject({ channel: 'grid_patrol', areaId: 's01g02', state: 'dispatched', leadUnitId: 'gt-s01g02', level: 'grid' });

    const trail = await t.prisma.ticketEvent.findMany({ where: { ticketId: first.json().ticket.id }, orderBy: { id: 'asc' } });
    expect(trail.map((e) => [e.action, e.actorRole])).toEqual([['create', 'grid_member'], ['dispatch', 'system']]);
    expect(trail[0]!.data).toMatchObject({ channel: 'grid_patrol', areaId: 's01g01', guessedAreaId: 's01g02', position: { ...at.s01g01, accuracy: 12 } });
  });

  it('refuses a point outside the district with 400 on position, writing nothing', async () => {
    const before = await counts();
    const response = await report('demo-grid', noise(OUTSIDE));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'position' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a grid the account does not cover with 403 on position (it could not follow it up), writing nothing', async () => {
    const before = await counts();
    const response = await report('demo-grid', noise(at.s01g02!));
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden', field: 'position' });
    expect(await counts()).toEqual(before);
  });

  it('names the place of a point before filing, for any signed-in account', async () => {
    for (const user of ['demo-grid', 'demo-agent', 'demo-admin', 'demo-auditor']) {
      const response = await t.app.inject({ url: `/api/areas/locate?lat=${at.s01g02!.lat}&lng=${at.s01g02!.lng}`, headers: { cookie: s[user]!.cookie } });
      expect(response.statusCode, `${user}: ${response.body}`).toBe(200);
      expect(response.json()).toMatchObject({ id: 's01g02', street: { id: 's01' } });
      expect(response.json().name).toBeTruthy();
    }
    const outside = await t.app.inject({ url: `/api/areas/locate?lat=${OUTSIDE.lat}&lng=${OUTSIDE.lng}`, headers: { cookie: s['demo-grid']!.cookie } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ field: 'position' });
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the first ticket and writes nothing more', async () => {
    const key = randomUUID();
    const body = noise(at.s01g01!);
    const first = await report('demo-grid', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    // The same body with its keys in another order is the same request.
    const { position, ...rest } = body;
    const retry = await report('demo-grid', { position, ...rest }, key);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toMatchObject({ replayed: true, ticket: { id: first.json().ticket.id, code: first.json().ticket.code }, classification: first.json().classification });
    expect(await counts()).toEqual(before);
  });

  it('files one ticket when two copies with the same key arrive at once', async () => {
    const key = randomUUID();
    const before = await counts();
    const answers = await Promise.all([report('demo-grid', noise(at.s01g01!), key), report('demo-grid', noise(at.s01g01!), key)]);
    expect(answers.map((r) => r.statusCode), answers.map((r) => r.body).join('\n')).toEqual([201, 201]);
    expect(new Set(answers.map((r) => r.json().ticket.id)).size).toBe(1);
    expect(answers.map((r) => r.json().replayed).sort()).toEqual([false, true]);
    expect((await counts()).tickets).toBe(before.tickets + 1);
    expect(await t.prisma.idempotencyKey.count({ where: { key } })).toBe(1);
  });

  it('refuses the same key with a different body (409), and a missing or malformed key (400)', async () => {
    const key = randomUUID();
    expect((await report('demo-grid', noise(at.s01g01!), key)).statusCode).toBe(201);
    const before = await counts();
    const other = await report('demo-grid', noise(at.s01g01!, { description: '另一处：垃圾堆放' }), key);
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json()).toMatchObject({ code: 'conflict', field: 'Idempotency-Key' });
    const missing = await report('demo-grid', noise(at.s01g01!), null);
    expect(missing.statusCode, missing.body).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'validation_failed', field: 'idempotency-key' });
    expect((await report('demo-grid', noise(at.s01g01!), 'short')).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('is per account: another worker\'s same key files its own ticket', async () => {
    const key = randomUUID();
    const mine = await report('demo-grid', noise(at.s01g01!), key);
    const theirs = await report('patrol-street', noise(at.s01g01!), key);
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json()).toMatchObject({ replayed: false });
    expect(theirs.json().ticket.id).not.toBe(mine.json().ticket.id);
  });
});

describe('who reports', () => {
  it('refuses every role but the grid member with 403, writing nothing', async () => {
    const before = await counts();
    for (const user of ['demo-agent', 'demo-dept', 'demo-lead', 'demo-admin']) {
      const response = await report(user, noise(at.s01g01!));
      expect(response.statusCode, `${user}: ${response.body}`).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a category outside the worker\'s business with 403 on categoryId, writing nothing', async () => {
    const before = await counts();
    const response = await report('patrol-garbage', noise(at.s01g01!));
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden', field: 'categoryId' });
    expect(await counts()).toEqual(before);
    const own = await report('patrol-garbage', noise(at.s01g01!, { categoryId: 'city.garbage', description: '垃圾桶满溢' }));
    expect(own.statusCode, own.body).toBe(201);
  });

  it('keeps grid_patrol to this route: the desk intake refuses the channel', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/tickets', headers: s['demo-grid']!.headers,
      payload: { channel: 'grid_patrol', categoryId: 'env.noise', title: '噪音', description: '噪音', lat: at.s01g01!.lat, lng: at.s01g01!.lng },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ field: 'channel' });
  });
});

describe('handled on the spot (自处)', () => {
  it('closes the ticket in one go: dispatch to the own grid team, sign, reply, close, each in the trail; counted as settled in the grid', async () => {
    const sharesBefore = (await t.app.inject({ url: `/api/tickets/settlement-shares?from=${DAY.from}&to=${DAY.to}`, headers: s['demo-lead']!.headers })).json();
    const response = await report('demo-grid', noise(at.s01g01!, { handledOnSpot: true, result: '已劝导施工方停工，现场恢复安静' }));
    expect(response.statusCode, response.body).toBe(201);
    const ticket = response.json().ticket;
    expect(ticket).toMatchObject({ channel: 'grid_patrol', state: 'closed', areaId: 's01g01', leadUnitId: 'gt-s01g01', level: 'grid', allowedActions: [] });
    expect(ticket.closedAt).toBeTruthy();
    const grid = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-grid' } });
    expect(ticket.trail.map((e: { action: string; fromState: string | null; toState: string; actorId: string; actorRole: string }) =>
      [e.action, e.fromState, e.toState, e.actorId, e.actorRole])).toEqual([
      ['create', null, 'accepted', grid.id, 'grid_member'],
      ['dispatch', 'accepted', 'dispatched', grid.id, 'grid_member'],
      ['sign', 'dispatched', 'signed', grid.id, 'grid_member'],
      ['reply', 'signed', 'replied', grid.id, 'grid_member'],
      ['close', 'replied', 'closed', grid.id, 'grid_member'],
    ]);
    for (const entry of ticket.trail) expect(entry.data, entry.action).toMatchObject({ onSpot: true });
    expect(ticket.trail[3].data).toMatchObject({ content: '已劝导施工方停工，现场恢复安静' });

    const shares = (await t.app.inject({ url: `/api/tickets/settlement-shares?from=${DAY.from}&to=${DAY.to}`, headers: s['demo-lead']!.headers })).json();
    expect(shares.counts.grid).toBe(sharesBefore.counts.grid + 1);
    expect(shares.total).toBe(sharesBefore.total + 1);

    // Before (act=report, on the create entry) and after (act=on_spot, on the reply entry) photos.
    const before = await upload(s['demo-grid']!, ticket.id, 'report', await photo('#a33'));
    expect(before.statusCode, before.body).toBe(201);
    const after = await upload(s['demo-grid']!, ticket.id, 'on_spot', await photo('#3a3'));
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json().items[0]).toMatchObject({ act: 'on_spot' });
    const detail = (await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie: s['demo-grid']!.cookie } })).json();
    const filesOf = (action: string) => detail.trail.find((e: { action: string }) => e.action === action).attachments.map((a: { id: string }) => a.id);
    expect(filesOf('create')).toEqual([before.json().items[0].id]);
    expect(filesOf('reply')).toEqual([after.json().items[0].id]);
    // Only the reporter adds them.
    expect((await upload(s['patrol-street']!, ticket.id, 'on_spot', await photo('#33a'))).statusCode).toBe(403);
  });

  it('takes no "after" photos for a ticket not handled on the spot', async () => {
    const filed = await report('demo-grid', noise(at.s01g01!));
    const response = await upload(s['demo-grid']!, filed.json().ticket.id, 'on_spot', await photo('#aa3'));
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json()).toMatchObject({ field: 'act' });
  });

  it('needs the result, a grid team account, and a matter that is not for the police; a refusal writes nothing', async () => {
    const before = await counts();
    const noResult = await report('demo-grid', noise(at.s01g01!, { handledOnSpot: true }));
    expect(noResult.statusCode, noResult.body).toBe(400);
    expect(noResult.json()).toMatchObject({ field: 'result' });
    const resultAlone = await report('demo-grid', noise(at.s01g01!, { result: '已处理' }));
    expect(resultAlone.statusCode).toBe(400);
    expect(resultAlone.json()).toMatchObject({ field: 'result' });
    const police = await report('demo-grid', noise(at.s01g01!, { description: '有人持刀打人', handledOnSpot: true, result: '已制止' }));
    expect(police.statusCode, police.body).toBe(409);
    expect(police.json()).toMatchObject({ field: 'handledOnSpot' });
    expect(await counts()).toEqual(before);
  });
});

describe('category suggestion', () => {
  const suggest = (text: string, user = 'demo-grid') =>
    t.app.inject({ url: `/api/patrol-reports/suggest-category?text=${encodeURIComponent(text)}`, headers: { cookie: s[user]!.cookie } });

  it('suggests a category from the words by the keyword rules, and says when they read as a police matter', async () => {
    const light = await suggest('小区门口路灯不亮，晚上很黑');
    expect(light.statusCode, light.body).toBe(200);
    expect(light.json()).toMatchObject({ category: { id: 'city.streetlight', keyword: '路灯', source: 'category' }, ticketClass: { ticketClass: 'non_police' } });
    const rule = await t.prisma.keywordRule.create({ data: { id: `kw-${randomUUID()}`, keyword: '渣土', ticketClass: 'non_police', priority: 50, categoryId: 'city.garbage' } });
    expect((await suggest('路边有渣土堆放')).json()).toMatchObject({ category: { id: 'city.garbage', keyword: rule.keyword, source: 'rule' } });
    expect((await suggest('有人持刀')).json()).toMatchObject({ category: null, ticketClass: { ticketClass: 'police', keyword: '持刀' } });
    expect((await suggest('没有关键词的一句话')).json()).toMatchObject({ category: null, alternatives: [] });
    expect((await suggest('路灯', 'demo-agent')).statusCode).toBe(403);
    expect((await suggest('   ')).statusCode).toBe(400);
  });
});

describe('statistics by channel', () => {
  it('counts grid_patrol tickets under 巡查上报', async () => {
    await refreshRollups(t.prisma);
    const response = await t.app.inject({ url: `/api/statistics/tickets?from=${DAY.from}&to=${DAY.to}&groupBy=channel`, headers: { cookie: s['demo-lead']!.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const row = response.json().rows.find((r: { key: string }) => r.key === 'grid_patrol');
    expect(row).toMatchObject({ label: '巡查上报', labelEn: 'Grid patrol' });
    const filed = await t.prisma.ticket.count({ where: { channel: 'grid_patrol' } });
    expect(row.created).toBe(filed);
    expect(row.closed).toBe(await t.prisma.ticket.count({ where: { channel: 'grid_patrol', state: 'closed' } }));
  });
});
