/**
 * The mailbox end to end through the API: challenge → letter → query code → the ticket on the
 * mailbox channel with its 3-working-day deadline → the unit replies → the citizen looks it
 * up; and every refusal (missing fields, oversized or fake attachments, bad challenge, honeypot,
 * wrong code, floods) answered clearly with nothing stored.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../src/modules/mailbox/mailbox-challenge.js';
import { randomPhone } from './helpers/factories.js';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Each test writes from its own address so the per-IP limits do not leak between tests. */
const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

async function solvedChallenge(ip: string) {
  const response = await t.app.inject({ method: 'GET', url: '/api/mailbox/challenge', remoteAddress: ip });
  expect(response.statusCode).toBe(200);
  const challenge = response.json<{ token: string; salt: string; difficulty: number }>();
  return { token: challenge.token, nonce: solveChallenge(challenge.salt, challenge.difficulty) };
}

async function letterBody(ip: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return {
    mailbox: 'mayor', name: '王女士', phone: randomPhone(), subject: '小区绿化带无人养护',
    content: '小区门口绿化带杂草丛生，已经两个月无人修剪。', categoryId: 'city.greening',
    challenge: await solvedChallenge(ip), ...extra,
  };
}

const post = (url: string, payload: unknown, ip: string) => t.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress: ip });
const countStored = async () => ({ letters: await t.prisma.mailboxLetter.count(), tickets: await t.prisma.ticket.count(), files: await t.prisma.mailboxAttachment.count() });

describe('mailbox letter, end to end', () => {
  it('files a letter as a routed mailbox ticket due in 3 working days, and shows the unit’s reply by code', async () => {
    const ip = newIp();
    const body = await letterBody(ip, { attachments: [{ fileName: 'photo.png', contentType: 'image/png', data: PNG }] });
    const response = await post('/api/mailbox/letters', body, ip);
    expect(response.statusCode, response.body).toBe(201);
    const { queryCode, ticketCode, replyDueAt } = response.json<{ queryCode: string; ticketCode: string; replyDueAt: string }>();
    expect(queryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    // Received Monday 2026-03-02 10:00 (Shanghai): due at the close (17:30) of Thursday 03-05.
    expect(replyDueAt).toBe('2026-03-05T09:30:00.000Z');

    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { code: ticketCode } });
    expect(ticket).toMatchObject({ channel: 'mailbox', state: 'dispatched', leadUnitId: 'dept-urban-management', title: body.subject, callerName: '王女士' });
    expect(ticket.fields).toMatchObject({ mailbox: 'mayor', complex: false });
    // The citizen wrote it, the system routed it: no person (and no 话务员) in the first two entries.
    const trail = await t.prisma.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { id: 'asc' }, take: 2 });
    expect(trail.map((entry) => [entry.action, entry.actorRole, entry.actorId])).toEqual([['create', 'citizen', 'mailbox'], ['dispatch', 'system', null]]);
    const letter = await t.prisma.mailboxLetter.findUniqueOrThrow({ where: { ticketId: ticket.id }, include: { attachments: true } });
    expect(letter.codeHash).not.toContain(queryCode.replaceAll('-', ''));
    expect(letter.attachments).toHaveLength(1);
    expect(Buffer.from(letter.attachments[0]!.content).toString('base64')).toBe(PNG);

    const before = await post('/api/mailbox/lookup', { code: queryCode }, ip);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ status: 'received', reply: null, ticketCode, subject: body.subject, attachments: ['photo.png'] });
    expect(before.body).not.toContain(body.phone);

    const handler = await login(t.app, 'demo-dept');
    t.clock.advance(30 * 60_000);
    for (const [action, payload] of [['sign', {}], ['reply', { content: '已安排园林队本周内修剪，并纳入月度养护计划。' }]] as const) {
      const acted = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/${action}`, headers: handler.headers, payload });
      expect(acted.statusCode, acted.body).toBe(200);
    }

    // 回复审核 (on by default for the mailbox): the reply waits for the centre, the citizen sees 办理中.
    expect(await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ state: 'reply_review' });
    const waiting = await post('/api/mailbox/lookup', { code: queryCode }, ip);
    expect(waiting.json()).toMatchObject({ status: 'processing', reply: null });

    const desk = await login(t.app, 'demo-dispatcher');
    const queue = await t.app.inject({ url: '/api/tickets/reply-reviews?status=waiting', headers: desk.headers });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ code: ticketCode, reply: expect.objectContaining({ content: '已安排园林队本周内修剪，并纳入月度养护计划。' }) })]));
    const sentBack = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reject-reply`, headers: desk.headers, payload: { reason: '请写明补种时间' } });
    expect(sentBack.statusCode, sentBack.body).toBe(200);
    expect(sentBack.json()).toMatchObject({ state: 'in_progress' });
    const blank = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reject-reply`, headers: desk.headers, payload: { reason: '' } });
    expect(blank.statusCode).toBe(400);
    const unitList = await t.app.inject({ url: '/api/tickets/reply-reviews?status=sent_back', headers: handler.headers });
    expect(unitList.json().items).toEqual([expect.objectContaining({ code: ticketCode, sentBack: expect.objectContaining({ reason: '请写明补种时间' }) })]);
    expect(await t.prisma.notification.findFirst({ where: { ticketId: ticket.id, kind: 'reply_rejected' } })).toMatchObject({ unitId: 'dept-urban-management', body: '请写明补种时间' });
    expect((await post('/api/mailbox/lookup', { code: queryCode }, ip)).json()).toMatchObject({ status: 'processing', reply: null });

    const again = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reply`, headers: handler.headers, payload: { content: '园林队将于本周五前修剪完毕。' } });
    expect(again.json()).toMatchObject({ state: 'reply_review' });
    const refused = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/approve-reply`, headers: handler.headers, payload: {} });
    expect(refused.statusCode).toBe(403);
    const approved = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/approve-reply`, headers: desk.headers, payload: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'replied' });

    const after = await post('/api/mailbox/lookup', { code: queryCode.toLowerCase().replaceAll('-', ' ') }, ip);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ status: 'replied', reply: { content: '园林队将于本周五前修剪完毕。' } });
    // The trail names the citizen as the letter's author.
    const create = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: 'create' } });
    expect(create.actorRole).toBe('citizen');
  });

  it('answers a wrong code with 404 and a malformed one with 400, revealing nothing', async () => {
    const ip = newIp();
    const wrong = await post('/api/mailbox/lookup', { code: 'ABCD-EFGH-JKMN' }, ip);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toEqual({ statusCode: 404, code: 'not_found', message: 'No letter matches this query code', field: 'code' });
    const malformed = await post('/api/mailbox/lookup', { code: 'short' }, ip);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'validation_failed', field: 'code' });
  });
});

describe('mailbox refusals store nothing', () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0);
  big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const cases: [string, number, string, (ip: string) => Promise<Record<string, unknown>>][] = [
    ['missing subject', 400, 'subject', async (ip) => { const b = await letterBody(ip); delete b.subject; return b; }],
    ['bad phone', 400, 'phone', (ip) => letterBody(ip, { phone: 'not-a-phone' })],
    ['unknown mailbox', 400, 'mailbox', (ip) => letterBody(ip, { mailbox: 'governor' })],
    ['police category', 400, 'categoryId', (ip) => letterBody(ip, { categoryId: 'security.theft' })],
    ['oversized attachment', 413, 'attachments.0', (ip) => letterBody(ip, { attachments: [{ fileName: 'big.png', contentType: 'image/png', data: big.toString('base64') }] })],
    ['four attachments', 400, 'attachments', (ip) => letterBody(ip, { attachments: Array.from({ length: 4 }, () => ({ fileName: 'a.png', contentType: 'image/png', data: PNG })) })],
    ['an executable named .pdf', 400, 'attachments.0.data', (ip) => letterBody(ip, { attachments: [{ fileName: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('MZ\x90\x00').toString('base64') }] })],
    ['a zip file', 400, 'attachments.0.contentType', (ip) => letterBody(ip, { attachments: [{ fileName: 'x.zip', contentType: 'application/zip', data: PNG }] })],
    ['honeypot filled', 400, 'website', (ip) => letterBody(ip, { website: 'http://spam.example' })],
    ['wrong nonce', 400, 'challenge', async (ip) => { const b = await letterBody(ip); return { ...b, challenge: { ...(b.challenge as object), nonce: 'x' } }; }],
    ['forged token', 400, 'challenge', async (ip) => { const b = await letterBody(ip); const c = b.challenge as { token: string; nonce: string }; return { ...b, challenge: { ...c, token: `${c.token.split('.')[0]}.AAAA` } }; }],
    ['no challenge', 400, 'challenge', async (ip) => { const b = await letterBody(ip); delete b.challenge; return b; }],
  ];

  it.each(cases)('%s → %i naming %s', { timeout: 20_000 }, async (_label, status, field, build) => {
    const ip = newIp();
    const stored = await countStored();
    const response = await post('/api/mailbox/letters', await build(ip), ip);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json()).toMatchObject({ field });
    expect(await countStored()).toEqual(stored);
  });

  it('refuses a replayed or expired challenge', async () => {
    const ip = newIp();
    const body = await letterBody(ip);
    expect((await post('/api/mailbox/letters', body, ip)).statusCode).toBe(201);
    const stored = await countStored();
    const replay = await post('/api/mailbox/letters', { ...body, subject: 'again' }, ip);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ field: 'challenge', message: expect.stringContaining('already used') });
    const stale = await letterBody(ip);
    t.clock.advance(31 * 60_000);
    const expired = await post('/api/mailbox/letters', stale, ip);
    expect(expired.json()).toMatchObject({ field: 'challenge', message: expect.stringContaining('expired') });
    expect(await countStored()).toEqual(stored);
  });

  it('answers a flood with 429 per address, before reading the letter', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await post('/api/mailbox/letters', {}, ip)).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    const limited = await post('/api/mailbox/letters', {}, ip);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    // Another address is not affected.
    expect((await post('/api/mailbox/letters', {}, newIp())).statusCode).toBe(400);
    const lookups: number[] = [];
    for (let i = 0; i < 31; i += 1) lookups.push((await post('/api/mailbox/lookup', { code: 'ABCD-EFGH-JKMN' }, ip)).statusCode);
    expect(lookups.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(lookups[30]).toBe(429);
  });
});
