/**
 * Alert calls (issue 16) through the simulator behind the real bridge, real Redis, BullMQ and
 * PostgreSQL: placeAlertCall writes the row and queues `call.alert` (the number only in a Redis key
 * taken once), the bridge's tracker reads the PBX's events, the `alert.result` lands on the row and
 * the purpose's handler hears it exactly once, even when the report is repeated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { CALL_EVENTS_QUEUE, alertTargetKey, bullPrefix, pbxCommandsQueue, type AlertCallResult } from '@yixian/runtime';
import { pino } from 'pino';
import { UNREPORTED_AFTER_MS, onAlertCallResult, parseAlertResult, placeAlertCall, startConferenceCalls, sweepUnreportedAlertCalls, type AlertCallResultEvent } from '../src/modules/alert-calls/index.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';

let t: TestApp;
let pbx: TelephonyHarness;
const heard: AlertCallResultEvent[] = [];
const offs: (() => void)[] = [];
const frames: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ PBX_ID: 'pbx1' });
  pbx = await startTelephony(t, { startTime: TEST_START.getTime() });
  pbx.bridge.client.on('event', (message) => frames.push(JSON.stringify(message.fields)));
  offs.push(onAlertCallResult('activation', async (event) => {
    heard.push(event);
    // The handler writes in the same transaction as the outcome.
    if (event.result.outcome === 'acknowledged') {
      await event.tx.incidentActivation.update({ where: { id: event.alertCall.activationId! }, data: { state: 'acknowledged', acknowledgedAt: event.alertCall.endedAt, acknowledgedVia: 'phone' } });
    }
  }));
  offs.push(onAlertCallResult('conference', async (event) => { heard.push(event); }));
});
afterAll(async () => {
  for (const off of offs) off();
  await pbx?.close();
  await t?.close();
});

const deps = () => ({ prisma: t.prisma, redis: t.app.redis, config: t.app.config, clock: t.clock });

async function anActivation(): Promise<string> {
  const unit = await t.prisma.unit.findFirstOrThrow({ where: { active: true } });
  const incident = await t.prisma.incident.create({
    data: { code: `T-${Math.random().toString(16).slice(2, 10)}`, type: 'accident', subtype: 'fire', level: 'III', state: 'filed', title: '测试', description: '告警电话测试', source: 'centre' },
  });
  return (await t.prisma.incidentActivation.create({ data: { incidentId: incident.id, unitId: unit.id, state: 'notifying' } })).id;
}

/** The row once the bridge's result is applied (the harness drives the simulator's clock). */
async function outcomeOf(id: string, seconds = 60) {
  await pbx.alertResult(id, seconds);
  return t.prisma.alertCall.findUniqueOrThrow({ where: { id } });
}

describe('alert calls', () => {
  it('acknowledged by DTMF 1: the row, the handler once (in the outcome’s transaction), no number in any job', async () => {
    const activationId = await anActivation();
    const placed = await placeAlertCall(deps(), { purpose: 'activation', activationId, attempt: 1, number: '139 0000 1234', prompt: 'activation', ringSeconds: 30 });
    expect(placed).toMatchObject({ purpose: 'activation', activationId, attempt: 1, outcome: 'placed', endedAt: null });
    const job = await new Queue(pbxCommandsQueue('pbx1'), { connection: t.app.redis, prefix: bullPrefix(t.app.config.redisPrefix) }).getJob(`alert-${placed.id}`);
    expect(job?.data).toEqual({ type: 'call.alert', alertCallId: placed.id, prompt: 'activation', ringSeconds: 30 });

    // The same attempt asked again (a redone job): the first row, no second call.
    const redone = await placeAlertCall(deps(), { purpose: 'activation', activationId, attempt: 1, number: '13900001234', prompt: 'activation', ringSeconds: 30 });
    expect(redone.id).toBe(placed.id);
    expect(await t.prisma.alertCall.count({ where: { activationId } })).toBe(1);

    const row = await outcomeOf(placed.id);
    expect(row).toMatchObject({ outcome: 'acknowledged', detail: 'DTMF' });
    expect(row.endedAt).not.toBeNull();
    const mine = heard.filter((e) => e.alertCall.id === placed.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.result).toMatchObject({ kind: 'alert.result', outcome: 'acknowledged', digits: '1', pbxId: 'pbx1' });
    expect(await t.prisma.incidentActivation.findUniqueOrThrow({ where: { id: activationId } })).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'phone' });
    // The number was taken once and is gone; the PBX dialled it (the only place it went).
    expect(await t.app.redis.get(alertTargetKey(t.app.config.redisPrefix, 'pbx1', placed.id))).toBeNull();
    expect(frames.some((f) => f.includes('Local/13900001234@yixian-alert-carrier'))).toBe(true);

    // The same report again (a replay from another bridge copy): nothing changes, no second call of the handler.
    const events = new Queue(CALL_EVENTS_QUEUE, { connection: t.app.redis, prefix: bullPrefix(t.app.config.redisPrefix) });
    const again: AlertCallResult = { ...mine[0]!.result, eventId: `alert:${placed.id}:again`, outcome: 'no_answer' };
    await events.add('alert.result', again, { jobId: `pbx1-alert.${placed.id}.again` });
    await pbx.processed('alert.result');
    await expect.poll(async () => (await events.getJobCounts('completed')).completed, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await events.getJob(`pbx1-alert.${placed.id}.again`))?.returnvalue, { timeout: 10_000 }).toEqual({ applied: false, handled: false });
    expect((await t.prisma.alertCall.findUniqueOrThrow({ where: { id: placed.id } })).outcome).toBe('acknowledged');
    expect(heard.filter((e) => e.alertCall.id === placed.id)).toHaveLength(1);
    await events.close();
  });

  it('busy, not answered within the ring time, answered without a digit, and unreachable', async () => {
    const place = async (number: string) => placeAlertCall(deps(), { purpose: 'activation', activationId: await anActivation(), attempt: 2, number, prompt: 'activation', ringSeconds: 20 });
    const busy = await place('13900000001');
    const silent = await place('13900000000');
    const quiet = await place('13900000003');
    const gone = await place('13900000002');
    expect(await outcomeOf(busy.id)).toMatchObject({ outcome: 'busy', detail: 'BUSY' });
    const noAnswer = await outcomeOf(silent.id);
    expect(noAnswer).toMatchObject({ outcome: 'no_answer', detail: 'NOANSWER' });
    expect(await outcomeOf(quiet.id)).toMatchObject({ outcome: 'answered', detail: 'no_digit' });
    expect(await outcomeOf(gone.id)).toMatchObject({ outcome: 'failed', detail: 'CHANUNAVAIL' });
    for (const id of [busy.id, silent.id, quiet.id, gone.id]) expect(heard.filter((e) => e.alertCall.id === id)).toHaveLength(1);
  });

  it('a call whose number is gone by the time the bridge runs it reports failed at once', async () => {
    // As after a bridge outage longer than the key's life: the command runs, the number is not there.
    const row = await t.prisma.alertCall.create({ data: { purpose: 'activation', activationId: await anActivation(), attempt: 1 } });
    const commands = new Queue(pbxCommandsQueue('pbx1'), { connection: t.app.redis, prefix: bullPrefix(t.app.config.redisPrefix) });
    await commands.add('call.alert', { type: 'call.alert', alertCallId: row.id, prompt: 'warning', ringSeconds: 30 });
    expect(await outcomeOf(row.id)).toMatchObject({ outcome: 'failed', detail: 'bridge:rejected' });
    expect(heard.filter((e) => e.alertCall.id === row.id)).toHaveLength(1);
    await commands.close();
  });

  it('a call nobody ever reported is ended as failed after the sweep’s delay, once, through the handler', async () => {
    // The bridge took nothing: the row is placed, no command ran (as with the bridge away).
    const row = await t.prisma.alertCall.create({ data: { purpose: 'activation', activationId: await anActivation(), attempt: 3, placedAt: t.clock.now() } });
    const context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: pino({ level: 'silent' }) };
    t.clock.advance(UNREPORTED_AFTER_MS - 60_000);
    await sweepUnreportedAlertCalls(context);
    expect((await t.prisma.alertCall.findUniqueOrThrow({ where: { id: row.id } })).outcome).toBe('placed');
    t.clock.advance(120_000);
    expect(await sweepUnreportedAlertCalls(context)).toBeGreaterThanOrEqual(1);
    expect(await sweepUnreportedAlertCalls(context)).toBe(0);
    expect(await t.prisma.alertCall.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ outcome: 'failed', detail: 'api:no_report' });
    expect(heard.filter((e) => e.alertCall.id === row.id).map((e) => e.result.outcome)).toEqual(['failed']);
  });

  it('the linkage conference: every party rung into one room, as conference calls', async () => {
    const started = await startConferenceCalls(deps(), { parties: [{ number: '13900002221', key: 'a' }, { number: '13900002222', key: 'b' }, { number: '110', key: 'c' }, { number: 'not-a-phone', key: 'd' }] });
    expect(started.room).toMatch(/^yxconf-[0-9a-f]{12}$/);
    expect(started.calls.map((c) => [c.key, c.alertCallId !== null])).toEqual([['a', true], ['b', true], ['c', false], ['d', false]]);
    expect(started.calls[2]!.error).toMatch(/not a short code/);
    expect(started.calls[3]!.error).toMatch(/not a phone number/);
    for (const call of started.calls.slice(0, 2)) {
      expect(await outcomeOf(call.alertCallId!)).toMatchObject({ purpose: 'conference', outcome: 'answered', detail: 'room' });
    }
  });

  it('refuses bad input naming the field, and a bad report for good', async () => {
    const bad = (input: object) => placeAlertCall(deps(), { purpose: 'activation', activationId: 'x', attempt: 1, number: '13900001234', prompt: 'activation', ringSeconds: 30, ...input } as never);
    await expect(bad({ purpose: 'paging' })).rejects.toMatchObject({ code: 'validation_failed', extra: { field: 'purpose' } });
    await expect(bad({ activationId: undefined })).rejects.toMatchObject({ extra: { field: 'activationId' } });
    await expect(bad({ ringSeconds: 2 })).rejects.toMatchObject({ extra: { field: 'ringSeconds' } });
    await expect(bad({ room: 'a b' })).rejects.toMatchObject({ extra: { field: 'room' } });
    await expect(bad({ number: '12' })).rejects.toMatchObject({ extra: { field: 'number' } });
    expect(() => parseAlertResult({ kind: 'alert.result', alertCallId: 'nope', outcome: 'answered', at: new Date().toISOString() })).toThrow(UnrecoverableError);
    expect(() => parseAlertResult({ kind: 'alert.result', alertCallId: '6f1c1d7e-4f0e-4b59-9d59-4d6f3b9b1c2a', outcome: 'maybe', at: new Date().toISOString() })).toThrow(/unknown outcome maybe/);
  });
});
