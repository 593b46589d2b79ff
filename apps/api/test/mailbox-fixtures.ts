/** Letters filed through the public mailbox API (challenge solved, a fresh address per letter). */
import { randomInt } from 'node:crypto';
import { solveChallenge } from '../src/modules/mailbox/mailbox-challenge.js';
import { randomPhone } from './helpers/factories.js';
import type { TestApp } from './helpers/test-app.js';

/** A private address, so the per-IP limits of one letter never touch another's. */
export const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** The smallest bytes the mailbox accepts as a PNG (the signature and one chunk length). */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

export interface LetterAttachment { fileName: string; contentType: string; data: string }

/** Files a letter about a greening problem (routed to dept-urban-management); answers the ticket's id and code. */
export async function fileLetter(t: TestApp, attachments: LetterAttachment[] = []): Promise<{ ticketId: string; ticketCode: string }> {
  const ip = newIp();
  const challenge = await t.app.inject({ method: 'GET', url: '/api/mailbox/challenge', remoteAddress: ip });
  const { token, salt, difficulty } = challenge.json<{ token: string; salt: string; difficulty: number }>();
  const response = await t.app.inject({
    method: 'POST', url: '/api/mailbox/letters', remoteAddress: ip,
    payload: {
      mailbox: 'mayor', name: '李先生', phone: randomPhone(), subject: '小区绿化带无人养护', content: '绿化带杂草丛生，两个月无人修剪。',
      categoryId: 'city.greening', challenge: { token, nonce: solveChallenge(salt, difficulty) },
      ...(attachments.length > 0 ? { attachments } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`letter refused: ${response.statusCode} ${response.body}`);
  const { ticketCode } = response.json<{ ticketCode: string }>();
  const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { code: ticketCode }, select: { id: true } });
  return { ticketId: ticket.id, ticketCode };
}
