/**
 * 现场核查 through HTTP on real PostgreSQL and real files: a department's reply on a ticket of a
 * grid whose category asks for it waits in `verifying` and the grid's team is told; only a worker
 * of that grid verifies, with a photo taken on site and the position; passed leads to the
 * follow-up (or to the centre's review on a reviewed channel), failed reopens the ticket to the
 * department with the reason. A grid's own team, a category without the check, and a grid with no
 * worker reply straight through.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from './helpers/factories.js';
import { multipartBody } from './helpers/multipart.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { act, loginAll, trailActions, type Sessions } from './tickets-fixtures.js';

const CHECKED = 'city.manhole';
const URBAN = 'dept-urban-management';
let t: TestApp;
let s: Sessions;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yixian-verification-'));
  t = await createTestApp({ ATTACHMENTS_DIR: dir });
  // A worker of the grid next door (s01g02), with the demo password.
  const demo = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-grid' } });
  await t.prisma.user.create({
    data: {
      username: 's01g02-member', displayName: '邻网格员', passwordHash: demo.passwordHash, roles: ['grid_member'],
      unitId: 'gt-s01g02', areaId: 's01g02', scopeAreaIds: ['s01g02'], scopeUnitIds: ['gt-s01g02'],
    },
  });
  s = await loginAll(t, ['demo-grid', 'demo-dept', 'demo-agent', 'demo-dispatcher']);
  s['s01g02-member'] = await login(t.app, 's01g02-member');
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const photo = () => sharp({ create: { width: 320, height: 240, channels: 3, background: '#7a5' } }).jpeg().toBuffer();

async function uploadPhoto(session: Session, ticketId: string): Promise<string> {
  const { payload, headers } = multipartBody([{ name: '井盖.jpg', contentType: 'image/jpeg', bytes: await photo() }]);
  const r = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/attachments?act=verify`, headers: { ...session.headers, ...headers }, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().items[0].id as string;
}

/** A ticket of grid `areaId` the department (or `leadUnitId`) handles, replied to by its handler. */
async function replied(options: { categoryId?: string; areaId?: string; leadUnitId?: string; channel?: string; by?: string } = {}) {
  const ticket = await createTicket(t.prisma, {
    areaId: options.areaId ?? 's01g01', leadUnitId: options.leadUnitId ?? URBAN, state: 'in_progress', categoryId: options.categoryId ?? CHECKED,
  });
  if (options.channel) await t.prisma.ticket.update({ where: { id: ticket.id }, data: { channel: options.channel } });
  const r = await act(t, s[options.by ?? 'demo-dept']!, ticket.id, 'reply', { content: '井盖已补装' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { id: string; state: string; allowedActions: string[]; lastChangeId: string };
}

async function gridCentre(areaId = 's01g01') {
  const area = await t.prisma.area.findUniqueOrThrow({ where: { id: areaId } });
  return { lat: area.centroidLat!, lng: area.centroidLng!, accuracy: 12 };
}

describe('a reply the grid must check', () => {
  it('waits in verifying, the grid team is told, and nobody but a worker of the grid may verify', async () => {
    const ticket = await replied();
    expect(ticket.state).toBe('verifying');
    const notice = await t.prisma.notification.findFirst({ where: { ticketId: ticket.id, kind: 'verification' } });
    expect(notice?.unitId).toBe('gt-s01g01');
    expect(notice?.title).toContain('核查');
    const seen = await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: s['demo-grid']!.headers });
    expect(seen.json().allowedActions).toEqual(['verify']);

    const body = { verdict: 'passed', attachmentIds: ['x'] };
    expect((await act(t, s['demo-dept']!, ticket.id, 'verify', body)).statusCode).toBe(403);
    expect((await act(t, s['demo-agent']!, ticket.id, 'verify', body)).statusCode).toBe(403);
    // The grid next door's worker cannot even read it.
    expect((await act(t, s['s01g02-member']!, ticket.id, 'verify', body)).statusCode).toBe(404);
    // The centre cannot follow up a reply the grid has not checked.
    expect((await act(t, s['demo-dispatcher']!, ticket.id, 'close', {})).statusCode).toBe(409);
    const noPhoto = await act(t, s['demo-grid']!, ticket.id, 'verify', { verdict: 'passed' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().field).toBe('attachmentIds');
    const photoId = await uploadPhoto(s['demo-grid']!, ticket.id);
    const noReason = await act(t, s['demo-grid']!, ticket.id, 'verify', { verdict: 'failed', note: '  ', attachmentIds: [photoId] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('note');
    const badVerdict = await act(t, s['demo-grid']!, ticket.id, 'verify', { verdict: 'maybe', attachmentIds: [photoId] });
    expect(badVerdict.statusCode).toBe(400);
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('verifying');
  });

  it('passed on site: the photo and the position (in the grid) are in the trail, and the follow-up is planned', async () => {
    const ticket = await replied();
    const photoId = await uploadPhoto(s['demo-grid']!, ticket.id);
    const r = await act(t, s['demo-grid']!, ticket.id, 'verify', {
      verdict: 'passed', note: '现场已补装', position: await gridCentre(), attachmentIds: [photoId], expectedChangeId: ticket.lastChangeId,
    });
    expect(r.statusCode, r.body).toBe(200);
    const detail = r.json();
    expect(detail.state).toBe('replied');
    expect(detail.followUpDueAt).not.toBeNull();
    const entry = detail.trail.at(-1);
    expect(entry).toMatchObject({ action: 'verify', fromState: 'verifying', toState: 'replied', reason: '现场已补装' });
    expect(entry.data).toMatchObject({ verdict: 'passed', inGrid: true, position: { accuracy: 12 } });
    expect(entry.attachments.map((file: { id: string }) => file.id)).toEqual([photoId]);
    expect(entry.actorName).toBe('网格员 赵磊');
  });

  it('a position outside the grid is recorded as such, not refused', async () => {
    const ticket = await replied();
    const photoId = await uploadPhoto(s['demo-grid']!, ticket.id);
    const r = await act(t, s['demo-grid']!, ticket.id, 'verify', { verdict: 'passed', position: await gridCentre('s01g02'), attachmentIds: [photoId] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().trail.at(-1).data).toMatchObject({ verdict: 'passed', inGrid: false });
  });

  it('failed on site: recorded, then reopened to the department with the reason, which it is told', async () => {
    const ticket = await replied();
    const photoId = await uploadPhoto(s['demo-grid']!, ticket.id);
    const r = await act(t, s['demo-grid']!, ticket.id, 'verify', { verdict: 'failed', note: '井盖仍缺失，现场有围挡', position: await gridCentre(), attachmentIds: [photoId] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('reopened');
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).repliedAt).toBeNull();
    expect((await trailActions(t.prisma, ticket.id)).slice(-3)).toEqual(['reply', 'verify', 'reopen']);
    const [check, reopen] = r.json().trail.slice(-2);
    expect(check).toMatchObject({ fromState: 'verifying', toState: 'verifying', reason: '井盖仍缺失，现场有围挡', data: { verdict: 'failed' } });
    expect(reopen).toMatchObject({ toState: 'reopened', data: { viaVerification: true } });
    const told = await t.prisma.notification.findFirst({ where: { ticketId: ticket.id, kind: 'reopen' } });
    expect(told).toMatchObject({ unitId: URBAN, body: '井盖仍缺失，现场有围挡' });
    expect(told?.title).toContain('核查未通过');
    // The department redoes it: signs, replies again, and the grid is asked again.
    expect((await act(t, s['demo-dept']!, ticket.id, 'sign')).statusCode).toBe(200);
    const again = await act(t, s['demo-dept']!, ticket.id, 'reply', { content: '已重新补装' });
    expect(again.json().state).toBe('verifying');
  });

  it('on a reviewed channel, a passed check goes on to the centre\'s review', async () => {
    const ticket = await replied({ channel: 'mailbox' });
    expect(ticket.state).toBe('verifying');
    const photoId = await uploadPhoto(s['demo-grid']!, ticket.id);
    const r = await act(t, s['demo-grid']!, ticket.id, 'verify', { verdict: 'passed', attachmentIds: [photoId] });
    expect(r.json().state).toBe('reply_review');
  });
});

describe('the grid worker\'s lists', () => {
  it('lists tickets of several states in one request (待核查 beside 重办), and refuses a malformed state list', async () => {
    const waiting = await replied();
    const back = await replied();
    const photo2 = await uploadPhoto(s['demo-grid']!, back.id);
    await act(t, s['demo-grid']!, back.id, 'verify', { verdict: 'failed', note: '未处理', attachmentIds: [photo2] });
    const list = async (query: string) => t.app.inject({ url: `/api/tickets?${query}&pageSize=100`, headers: s['demo-grid']!.headers });
    const both = (await list('state=verifying,reopened')).json().items.map((item: { id: string; state: string }) => item.id);
    expect(both).toEqual(expect.arrayContaining([waiting.id, back.id]));
    const one = (await list('state=verifying')).json().items.map((item: { id: string }) => item.id);
    expect(one).toContain(waiting.id);
    expect(one).not.toContain(back.id);
    const bad = await list('state=verifying,,reopened');
    expect(bad.statusCode).toBe(400);
  });
});

describe('configured per category', () => {
  it('an administrator turns the check on for a category (audited), and the next reply in a grid waits for it', async () => {
    const admin = await login(t.app, 'demo-admin');
    const row = (await t.app.inject({ url: '/api/admin/categories', headers: admin.headers })).json().find((c: { id: string }) => c.id === 'city.greening');
    expect(row.verifyOnSite).toBe(false);
    const patched = await t.app.inject({ method: 'PATCH', url: '/api/admin/categories/city.greening', headers: admin.headers, payload: { version: row.version, verifyOnSite: true } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().category.verifyOnSite).toBe(true);
    expect(await t.prisma.auditLog.count({ where: { resourceId: 'city.greening' } })).toBeGreaterThan(0);
    expect((await replied({ categoryId: 'city.greening' })).state).toBe('verifying');
  });
});

describe('replies that go straight through', () => {
  it('the grid team\'s own reply, a category without the check, and a grid with no worker', async () => {
    expect((await replied({ leadUnitId: 'gt-s01g01', by: 'demo-grid' })).state).toBe('replied');
    expect((await replied({ categoryId: 'city.garbage' })).state).toBe('replied');
    // s01g03's team has no account in the demo data: the reply goes on, and its entry says why.
    const unchecked = await replied({ areaId: 's01g03' });
    expect(unchecked.state).toBe('replied');
    const entry = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: unchecked.id, action: 'reply' } });
    expect(entry.data).toMatchObject({ verification: 'no_grid_worker' });
  });
});
