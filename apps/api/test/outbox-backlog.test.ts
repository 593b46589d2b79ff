/**
 * The outbox's backlog as `/metrics` shows it, on real PostgreSQL: the oldest overdue row (an
 * untimed row since it was written, a deadline step since it fell due), rows held for later not
 * counted, rows given up on counted apart; and the gauges in the exposition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OUTBOX_ATTEMPTS } from '../src/modules/outbox/dispatch-outbox.js';
import { readOutboxBacklog } from '../src/modules/outbox/outbox-backlog.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { parsePrometheusText, valueOf } from './helpers/prometheus-text.js';

const TOKEN = 'outbox-backlog-token-0123456789abcdef';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await t?.close();
});

const NOW = new Date('2026-12-06T08:00:00.000Z');
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

async function addRow(key: string, row: { runAt?: Date; createdAt: Date; attempts?: number; dispatchedAt?: Date }) {
  await t.prisma.outbox.create({
    data: { topic: 'notification.sms', payload: { notificationId: key }, dedupeKey: `backlog-${key}`, runAt: row.runAt ?? null, createdAt: row.createdAt, attempts: row.attempts ?? 0, dispatchedAt: row.dispatchedAt ?? null },
  });
}

describe('outbox backlog', () => {
  it('is late by its oldest overdue row; held, handed-over and given-up rows are not late', async () => {
    expect(await readOutboxBacklog(t.prisma, NOW)).toEqual({ overdueSeconds: 0, givenUp: 0 });
    // A step hours ahead (held until within reach), one handed over long ago: neither is late.
    await addRow('held', { runAt: new Date(NOW.getTime() + 3 * 3600_000), createdAt: secondsBefore(7200) });
    await addRow('sent', { createdAt: secondsBefore(9000), dispatchedAt: secondsBefore(8999) });
    expect(await readOutboxBacklog(t.prisma, NOW)).toEqual({ overdueSeconds: 0, givenUp: 0 });
    // A step due 90 s ago (written hours before): late by 90 s, not by its age.
    await addRow('due', { runAt: secondsBefore(90), createdAt: secondsBefore(5000) });
    expect(await readOutboxBacklog(t.prisma, NOW)).toEqual({ overdueSeconds: 90, givenUp: 0 });
    // An untimed row written 300 s ago and still waiting: it sets the figure.
    await addRow('untimed', { createdAt: secondsBefore(300) });
    expect((await readOutboxBacklog(t.prisma, NOW)).overdueSeconds).toBe(300);
    // A row given up on (its attempts spent) is counted apart, not as late.
    await addRow('given-up', { createdAt: secondsBefore(86_400), attempts: MAX_OUTBOX_ATTEMPTS });
    expect(await readOutboxBacklog(t.prisma, NOW)).toEqual({ overdueSeconds: 300, givenUp: 1 });
  });

  it('is in the exposition at /metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    const exposition = parsePrometheusText(res.body);
    expect(valueOf(exposition, 'yixian_outbox_given_up_rows', {})).toBe(1);
    expect(valueOf(exposition, 'yixian_outbox_overdue_seconds', {})).toBeGreaterThan(0);
  });
});
