/**
 * 预警信息 (issue 16 §6) end to end on a real database, Redis and BullMQ: a yellow warning to all
 * tier-1 units, drafted by one commander, refused to its drafter, approved by another; every tier-1
 * unit gets a recipient row, an inbox notice and a text message at its on-duty phone (else its duty
 * line); all but two acknowledge; the reminder sweep reminds exactly those two, three times at most;
 * the acknowledgement rate. Then a red warning's broadcast through the real bridge and the simulated
 * PBX (DTMF 1 acknowledges, an unanswered phone is called again at the reminder), an update that
 * asks again, lift, expiry, and bad input named by field.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis, liveChannel } from '@yixian/runtime';
import { notificationsQueue } from '../src/modules/notifications/notifications.jobs.js';
import { sweepWarnings, warningsQueue } from '../src/modules/warnings/warnings.jobs.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';
import { randomPhone } from './helpers/factories.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let delivery: DeliveryHarness;
let pbx: TelephonyHarness;
let subscriber: Redis;
const pushes: { type: string; warningId: string }[] = [];
const MINUTE = 60_000;

let drafter: Session;
let approver: Session;
let dispatcher: Session;
let tier1: { id: string; name: string }[] = [];
const unitSessions = new Map<string, Session>();
const shiftPhones = new Map<string, string>();
const dutyPhones = new Map<string, string>();

/** A unit user of that unit, signed in. */
async function unitUser(unitId: string, username = `u-${unitId}-${randomUUID().slice(0, 6)}`): Promise<Session> {
  const dept = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  await t.prisma.user.create({ data: { ...dept, id: randomUUID(), username, displayName: `${unitId} 值班员`, unitId, scopeUnitIds: [unitId], phone: null, createdAt: undefined, updatedAt: undefined } });
  return login(t.app, username);
}

const post = (session: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: session.headers, payload: payload as object });
const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: session.headers });
const act = async (session: Session, id: string, action: string, body: Record<string, unknown> = {}) => {
  const current = (await get(session, `/api/warnings/${id}`)).json<{ version: number }>();
  return post(session, `/api/warnings/${id}/actions/${action}`, { version: current.version, ...body });
};

function draftBody(overrides: Record<string, unknown> = {}) {
  const now = t.clock.now();
  return {
    level: 'yellow', type: 'rainstorm', title: '暴雨黄色预警', text: '未来 6 小时内全区将出现 50 毫米以上降雨，请各单位做好防范。',
    validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 24 * 3600_000).toISOString(), targets: { tiers: [1] }, ...overrides,
  };
}

beforeAll(async () => {
  // The clock moves hours ahead (reminders, expiry); sessions outlive it.
  t = await createTestApp({ WARNING_REMIND_MINUTES: '30', SESSION_IDLE_MINUTES: '1440', PBX_ID: 'pbx1' });
  delivery = await startDeliveryHarness(t, [warningsQueue, notificationsQueue]);
  // Red warnings' calls go through the real bridge to the simulated PBX (the results come back on call-events).
  pbx = await startTelephony(t, { startTime: TEST_START.getTime() });
  subscriber = createRedis(t.app.config.redis, { waitForever: true });
  await subscriber.connect();
  await subscriber.subscribe(liveChannel(t.redisPrefix, 'incidents'));
  subscriber.on('message', (_channel, message) => pushes.push(JSON.parse(message)));

  const commander = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-commander' } });
  await t.prisma.user.create({ data: { ...commander, id: randomUUID(), username: 'second-commander', displayName: '区级指挥 李卫东', createdAt: undefined, updatedAt: undefined } });
  [drafter, approver, dispatcher] = await Promise.all([login(t.app, 'demo-commander'), login(t.app, 'second-commander'), login(t.app, 'demo-dispatcher')]);

  tier1 = await t.prisma.unit.findMany({ where: { linkageTier: 1, active: true }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  // Every tier-1 unit has a duty line; the first two also have someone on duty now (their phone wins).
  for (const [index, unit] of tier1.entries()) {
    const dutyPhone = randomPhone();
    dutyPhones.set(unit.id, dutyPhone);
    await t.prisma.unit.update({ where: { id: unit.id }, data: { dutyPhone } });
    if (index < 2) {
      const phone = randomPhone();
      shiftPhones.set(unit.id, phone);
      const now = t.clock.now();
      await t.prisma.dutyShift.create({ data: { unitId: unit.id, role: 'on_duty', personName: `值班员${index}`, phone, startsAt: new Date(now.getTime() - 3600_000), endsAt: new Date(now.getTime() + 23 * 3600_000) } });
    }
    unitSessions.set(unit.id, await unitUser(unit.id));
  }
}, 120_000);

afterAll(async () => {
  await subscriber?.quit();
  await delivery?.close();
  await pbx?.close();
  await t?.close();
});

describe('a yellow warning to all tier-1 units, two never acknowledging', () => {
  let warningId = '';

  it('is drafted by one commander, refused to its drafter in words, approved by another, and reaches every tier-1 unit', async () => {
    expect(tier1.length).toBeGreaterThanOrEqual(5);
    const drafted = await post(drafter, '/api/warnings', draftBody());
    expect(drafted.statusCode, drafted.body).toBe(201);
    const draft = drafted.json<{ id: string; code: string; state: string; allowedActions: string[]; targets: { tiers: number[] } }>();
    warningId = draft.id;
    expect(draft.code).toBe('YJ20260302001');
    expect(draft.state).toBe('draft');
    expect(draft.targets.tiers).toEqual([1]);

    expect((await act(drafter, warningId, 'submit')).json().state).toBe('pending_approval');

    const byDrafter = await act(drafter, warningId, 'approve');
    expect(byDrafter.statusCode).toBe(403);
    expect(byDrafter.json().message).toMatch(/You drafted this warning: a second commander must approve it/);
    const byDispatcher = await act(dispatcher, warningId, 'approve');
    expect(byDispatcher.statusCode).toBe(403);
    expect(byDispatcher.json().message).toMatch(/Only a commander approves/);
    expect((await get(drafter, `/api/warnings/${warningId}`)).json().allowedActions).not.toContain('approve');
    expect((await get(approver, `/api/warnings/${warningId}`)).json().allowedActions).toContain('approve');
    expect(await t.prisma.warningRecipient.count({ where: { warningId } })).toBe(0);

    const approved = await act(approver, warningId, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    const published = approved.json<{ state: string; approver: { name: string }; drafter: { name: string }; recipients: { unit: { id: string } }[]; ack: unknown }>();
    expect(published.state).toBe('published');
    expect(published.approver.name).toBe('区级指挥 李卫东');
    expect(published.drafter.name).toBe('区级指挥 周建国');
    expect(published.recipients.map((r) => r.unit.id).sort()).toEqual(tier1.map((u) => u.id));
    expect(published.ack).toEqual({ total: tier1.length, acknowledged: 0, rate: 0 });
    expect(pushes).toContainEqual({ type: 'warning.changed', warningId });

    await delivery.settle();
    const notices = await t.prisma.notification.findMany({ where: { kind: 'warning', unitId: { in: tier1.map((u) => u.id) } } });
    expect(notices.map((n) => n.unitId).sort()).toEqual(tier1.map((u) => u.id));
    expect(notices[0]!.title).toBe('【黄色预警】暴雨黄色预警');
    const sms = await t.prisma.smsMessage.findMany({ where: { dedupeKey: { startsWith: 'sms-warning-' } } });
    expect(sms).toHaveLength(tier1.length);
    const expectedPhones = tier1.map((unit) => shiftPhones.get(unit.id) ?? dutyPhones.get(unit.id)).sort();
    expect(sms.map((m) => m.recipient).sort()).toEqual(expectedPhones);
    expect(sms[0]!.body).toContain('请在系统中确认收到');
    // No phone number in any job payload.
    const outbox = await t.prisma.outbox.findMany({ where: { topic: 'warning.deliver' } });
    expect(outbox).toHaveLength(tier1.length);
    for (const row of outbox) expect(Object.keys(row.payload as object).sort()).toEqual(['round', 'warningRecipientId']);
  });

  it('is acknowledged in the app by all but two; the rate moves', async () => {
    const silent = tier1.slice(-2).map((u) => u.id);
    for (const unit of tier1.filter((u) => !silent.includes(u.id))) {
      const session = unitSessions.get(unit.id)!;
      const mine = (await get(session, '/api/warnings/mine')).json<{ items: { id: string; acknowledgedAt: string | null; title: string }[] }>();
      expect(mine.items).toEqual([expect.objectContaining({ id: warningId, acknowledgedAt: null, title: '暴雨黄色预警' })]);
      const acked = await post(session, `/api/warnings/${warningId}/acknowledge`, undefined);
      expect(acked.statusCode, acked.body).toBe(200);
      expect(acked.json().acknowledgedVia).toBe('app');
    }
    // Acknowledging twice changes nothing.
    const again = await post(unitSessions.get(tier1[0]!.id)!, `/api/warnings/${warningId}/acknowledge`, undefined);
    expect(again.statusCode).toBe(200);
    // Someone whose unit was not a recipient gets 404.
    const street = await login(t.app, 'demo-street');
    expect((await post(street, `/api/warnings/${warningId}/acknowledge`, undefined)).statusCode).toBe(404);

    const detail = (await get(drafter, `/api/warnings/${warningId}`)).json<{ ack: { total: number; acknowledged: number; rate: number }; recipients: { unit: { id: string }; acknowledgedAt: string | null; acknowledgedBy: { name: string } | null }[] }>();
    expect(detail.ack).toEqual({ total: tier1.length, acknowledged: tier1.length - 2, rate: (tier1.length - 2) / tier1.length });
    expect(detail.recipients.filter((r) => r.acknowledgedAt === null).map((r) => r.unit.id).sort()).toEqual(silent.sort());
    expect(detail.recipients.find((r) => r.acknowledgedAt !== null)!.acknowledgedBy!.name).toMatch(/值班员$/);
    const list = (await get(drafter, '/api/warnings?state=published')).json<{ items: { id: string; ack: { acknowledged: number } }[]; total: number }>();
    expect(list.items.find((w) => w.id === warningId)!.ack.acknowledged).toBe(tier1.length - 2);
  });

  it('reminds exactly the two silent units every 30 minutes, three times at most, one run at a time', async () => {
    const silent = tier1.slice(-2).map((u) => u.id).sort();
    const context = delivery.context;
    t.clock.advance(29 * MINUTE);
    expect((await sweepWarnings(context)).reminded).toBe(0);
    for (let round = 1; round <= 3; round += 1) {
      t.clock.advance(round === 1 ? MINUTE : 30 * MINUTE);
      // Two worker copies sweeping at the same moment remind each unit once.
      const [a, b] = await Promise.all([sweepWarnings(context), sweepWarnings(context)]);
      expect(a.reminded + b.reminded).toBe(2);
      await delivery.settle();
      const reminders = await t.prisma.notification.findMany({ where: { kind: 'warning_reminder' } });
      expect(reminders).toHaveLength(2 * round);
      expect([...new Set(reminders.map((n) => n.unitId))].sort()).toEqual(silent);
      expect(reminders.find((n) => n.title.includes(`第 ${round} 次提醒`))).toBeTruthy();
      // Each reminder also goes out as a text message to the same phones.
      expect(await t.prisma.smsMessage.count({ where: { dedupeKey: { endsWith: `-${round}` }, body: { contains: '暴雨黄色预警' } } })).toBe(2);
    }
    t.clock.advance(30 * MINUTE);
    expect((await sweepWarnings(context)).reminded).toBe(0);
    const rows = await t.prisma.warningRecipient.findMany({ where: { warningId, unitId: { in: silent } } });
    expect(rows.map((r) => r.remindedCount)).toEqual([3, 3]);
    const detail = (await get(drafter, `/api/warnings/${warningId}`)).json<{ recipients: { remindedCount: number; acknowledgedAt: string | null }[] }>();
    expect(detail.recipients.filter((r) => r.acknowledgedAt === null).map((r) => r.remindedCount)).toEqual([3, 3]);
  });

  it('updated: revision 2 needs approval again, then every unit acknowledges again', async () => {
    const updated = await act(dispatcher, warningId, 'update', { text: '降雨加强，预计持续至明日上午。', level: 'orange' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ state: 'pending_approval', revision: 2, level: 'orange' });
    // The dispatcher drafted revision 2; either commander may approve it.
    const approved = await act(drafter, warningId, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'published', revision: 2, ack: { total: tier1.length, acknowledged: 0, rate: 0 } });
    const first = unitSessions.get(tier1[0]!.id)!;
    const mine = (await get(first, '/api/warnings/mine')).json<{ items: { id: string; revision: number; acknowledgedAt: string | null; level: string }[] }>();
    expect(mine.items).toEqual([expect.objectContaining({ id: warningId, revision: 2, acknowledgedAt: null, level: 'orange' })]);
    await delivery.settle();
    const notices = await t.prisma.notification.findMany({ where: { kind: 'warning', unitId: tier1[0]!.id }, orderBy: { createdAt: 'asc' } });
    expect(notices.map((n) => n.title)).toEqual(['【黄色预警】暴雨黄色预警', '【橙色预警】暴雨黄色预警（更新）']);
    expect((await post(first, `/api/warnings/${warningId}/acknowledge`, undefined)).json()).toMatchObject({ revision: 2, acknowledgedVia: 'app' });
    expect((await get(drafter, `/api/warnings/${warningId}`)).json().ack.acknowledged).toBe(1);
  });

  it('is lifted with a reason (named when missing), and leaves the units’ list', async () => {
    const noReason = await act(drafter, warningId, 'lift');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const lifted = await act(drafter, warningId, 'lift', { reason: '降雨结束' });
    expect(lifted.json()).toMatchObject({ state: 'lifted', liftReason: '降雨结束' });
    expect(lifted.json().trail.map((e: { action: string }) => e.action)).toEqual([
      'warning.draft', 'warning.submit', 'warning.approve', ...Array(tier1.length - 2).fill('warning.acknowledge'),
      'warning.update', 'warning.approve', 'warning.acknowledge', 'warning.lift',
    ]);
    expect((await get(unitSessions.get(tier1[0]!.id)!, '/api/warnings/mine')).json().items).toEqual([]);
    expect(await t.prisma.notification.count({ where: { title: { startsWith: '已解除' } } })).toBe(tier1.length);
    t.clock.advance(30 * MINUTE);
    expect((await sweepWarnings(delivery.context)).reminded).toBe(0);
  });
});

describe('a red warning', () => {
  /** The call once the bridge's result is applied (the harness drives the simulated PBX's clock). */
  async function outcomeOf(id: string) {
    await pbx.alertResult(id);
    return t.prisma.alertCall.findUniqueOrThrow({ where: { id } });
  }

  it('calls each recipient unit through the PBX; pressing 1 acknowledges by phone, an unanswered phone stays open', async () => {
    const units = tier1.slice(0, 3).map((u) => u.id);
    // The simulated PBX: a number ending 0000 never answers; others answer and press 1.
    await t.prisma.dutyShift.updateMany({ where: { unitId: units[0]! }, data: { phone: '13912345678' } });
    await t.prisma.dutyShift.updateMany({ where: { unitId: units[1]! }, data: { phone: '13912345679' } });
    await t.prisma.unit.update({ where: { id: units[2]! }, data: { dutyPhone: '13900000000' } });
    const drafted = (await post(dispatcher, '/api/warnings', draftBody({ level: 'red', title: '暴雨红色预警', targets: { unitIds: units } }))).json<{ id: string }>();
    await act(dispatcher, drafted.id, 'submit');
    expect((await act(approver, drafted.id, 'approve')).statusCode).toBe(200);
    await delivery.settle();
    const recipients = await t.prisma.warningRecipient.findMany({ where: { warningId: drafted.id } });
    const calls = await t.prisma.alertCall.findMany({ where: { purpose: 'warning', warningRecipientId: { in: recipients.map((r) => r.id) } } });
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => call.attempt === 1)).toBe(true);
    const recipientOf = (unitId: string) => recipients.find((r) => r.unitId === unitId)!;
    // The unit with someone on duty is called through that shift.
    expect(calls.find((call) => call.warningRecipientId === recipientOf(units[0]!).id)!.dutyShiftId).not.toBeNull();

    const outcomes = new Map<string, string>();
    for (const call of calls) outcomes.set(call.warningRecipientId!, (await outcomeOf(call.id)).outcome);
    expect(units.map((unitId) => outcomes.get(recipientOf(unitId).id))).toEqual(['acknowledged', 'acknowledged', 'no_answer']);

    const detail = (await get(approver, `/api/warnings/${drafted.id}`)).json<{ ack: { acknowledged: number; total: number }; recipients: { unit: { id: string }; acknowledgedVia: string | null; calls: { outcome: string }[] }[] }>();
    expect(detail.ack).toMatchObject({ acknowledged: 2, total: 3 });
    const byUnit = (unitId: string) => detail.recipients.find((r) => r.unit.id === unitId)!;
    expect(byUnit(units[0]!)).toMatchObject({ acknowledgedVia: 'phone', calls: [expect.objectContaining({ outcome: 'acknowledged' })] });
    expect(byUnit(units[2]!)).toMatchObject({ acknowledgedVia: null, calls: [expect.objectContaining({ outcome: 'no_answer' })] });
    expect(pushes.filter((push) => push.warningId === drafted.id).length).toBeGreaterThanOrEqual(3);

    // Its reminder calls the silent unit again (attempt 2), and only that one.
    t.clock.advance(30 * MINUTE);
    await sweepWarnings(delivery.context);
    await delivery.settle();
    const again = await t.prisma.alertCall.findMany({ where: { purpose: 'warning', warningRecipientId: { in: recipients.map((r) => r.id) }, attempt: 2 } });
    expect(again.map((call) => call.warningRecipientId)).toEqual([recipientOf(units[2]!).id]);
    expect((await outcomeOf(again[0]!.id)).outcome).toBe('no_answer');
  }, 120_000);
});

describe('targets, expiry and bad input', () => {
  it('resolves a street and a grid to their units, and all grid workers to users', async () => {
    const body = draftBody({ targets: { areaIds: ['s01', 's01g01'], allGridMembers: true } });
    const drafted = (await post(drafter, '/api/warnings', body)).json<{ id: string; targets: { areas: { name: string }[]; allGridMembers: boolean } }>();
    expect(drafted.targets.areas.map((a) => a.name).sort()).toHaveLength(2);
    await act(drafter, drafted.id, 'submit');
    const published = (await act(approver, drafted.id, 'approve')).json<{ recipients: { unit: { id: string } | null; user: { name: string } | null }[] }>();
    const unitIds = published.recipients.flatMap((r) => (r.unit ? [r.unit.id] : [])).sort();
    expect(unitIds).toEqual(['gt-s01g01', 'so-s01']);
    const workers = await t.prisma.user.count({ where: { roles: { has: 'grid_member' }, status: 'active' } });
    expect(published.recipients.filter((r) => r.user)).toHaveLength(workers);
    // The grid worker sees it once (as their team and as themselves) and acknowledges both rows.
    const grid = await login(t.app, 'demo-grid');
    const mine = (await get(grid, '/api/warnings/mine')).json<{ items: { id: string }[] }>();
    expect(mine.items.filter((item) => item.id === drafted.id)).toHaveLength(1);
    await post(grid, `/api/warnings/${drafted.id}/acknowledge`, undefined);
    const rows = await t.prisma.warningRecipient.findMany({ where: { warningId: drafted.id, acknowledgedVia: 'app' } });
    expect(rows.map((r) => r.recipientKey.split(':')[0]).sort()).toEqual(['unit', 'user']);
  });

  it('expires a published warning past its validUntil', async () => {
    const now = t.clock.now();
    const drafted = (await post(drafter, '/api/warnings', draftBody({ validUntil: new Date(now.getTime() + 60 * MINUTE).toISOString(), targets: { unitIds: [tier1[0]!.id] } }))).json<{ id: string }>();
    await act(drafter, drafted.id, 'submit');
    await act(approver, drafted.id, 'approve');
    t.clock.advance(61 * MINUTE);
    await sweepWarnings(delivery.context);
    expect((await get(drafter, `/api/warnings/${drafted.id}`)).json().state).toBe('expired');
  });

  it('names the bad field and writes nothing', async () => {
    const before = await t.prisma.warning.count();
    const cases: [Record<string, unknown>, string][] = [
      [draftBody({ validUntil: new Date(t.clock.now().getTime() - MINUTE).toISOString() }), 'validUntil'],
      [draftBody({ targets: { unitIds: [tier1[0]!.id, 'no-such-unit'] } }), 'targets.unitIds[1]'],
      [draftBody({ targets: { areaIds: ['wangcheng'] } }), 'targets.areaIds[0]'],
      [draftBody({ targets: {} }), 'targets'],
      [draftBody({ level: 'purple' }), 'level'],
      [draftBody({ targets: { tiers: [4] } }), 'targets.tiers.0'],
      [draftBody({ title: '   ' }), 'title'],
      [draftBody({ incidentId: randomUUID() }), 'incidentId'],
      [draftBody({ extra: 1 }), 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await post(drafter, '/api/warnings', body);
      expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
      expect(response.json().field, response.body).toBe(field);
    }
    expect(await t.prisma.warning.count()).toBe(before);

    const draft = (await post(drafter, '/api/warnings', draftBody())).json<{ id: string; version: number }>();
    const edited = await t.app.inject({ method: 'PUT', url: `/api/warnings/${draft.id}`, headers: drafter.headers, payload: { ...draftBody({ title: '大风蓝色预警', level: 'blue' }), version: draft.version } });
    expect(edited.json()).toMatchObject({ title: '大风蓝色预警', level: 'blue', version: draft.version + 1 });
    const stale = await t.app.inject({ method: 'PUT', url: `/api/warnings/${draft.id}`, headers: drafter.headers, payload: { ...draftBody(), version: draft.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale');
    const sendBack = await act(approver, draft.id, 'send_back', { reason: 'x' });
    expect(sendBack.statusCode).toBe(409);
    expect(sendBack.json().field).toBe('state');
    const unitUserSession = unitSessions.get(tier1[0]!.id)!;
    expect((await post(unitUserSession, '/api/warnings', draftBody())).statusCode).toBe(403);
  });
});
