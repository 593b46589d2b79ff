/** 回复审核 switched off for the mailbox (REPLY_REVIEW_CHANNELS=none): a reply goes public at once. */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../src/modules/mailbox/mailbox-challenge.js';
import { randomPhone } from './helpers/factories.js';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ REPLY_REVIEW_CHANNELS: 'none' });
});
afterAll(async () => t?.close());

describe('reply review off for a channel', () => {
  it('sends a mailbox reply straight to replied, and the lookup shows it', async () => {
    const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const challenge = (await t.app.inject({ url: '/api/mailbox/challenge', remoteAddress: ip })).json<{ token: string; salt: string; difficulty: number }>();
    const letter = await t.app.inject({
      method: 'POST', url: '/api/mailbox/letters', remoteAddress: ip,
      payload: {
        mailbox: 'mayor', name: '王女士', phone: randomPhone(), subject: '路灯不亮', content: '小区门口路灯坏了一周。', categoryId: 'city.greening',
        challenge: { token: challenge.token, nonce: solveChallenge(challenge.salt, challenge.difficulty) },
      },
    });
    expect(letter.statusCode, letter.body).toBe(201);
    const { queryCode, ticketCode } = letter.json<{ queryCode: string; ticketCode: string }>();
    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { code: ticketCode } });
    const handler = await login(t.app, 'demo-dept');
    await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/sign`, headers: handler.headers, payload: {} });
    const replied = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reply`, headers: handler.headers, payload: { content: '已修复。' } });
    expect(replied.json()).toMatchObject({ state: 'replied' });
    const lookup = await t.app.inject({ method: 'POST', url: '/api/mailbox/lookup', remoteAddress: ip, payload: { code: queryCode } });
    expect(lookup.json()).toMatchObject({ status: 'replied', reply: { content: '已修复。' } });
  });
});
