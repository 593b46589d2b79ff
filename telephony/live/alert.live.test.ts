/**
 * Alert calls on a real Asterisk 22 (issue 16): the API places an activation call, the bridge
 * Originates it through [yixian-alert-carrier] into [yixian-alert], and the outcome the PBX's own
 * events give comes back on `call-events` onto the AlertCall row and to the purpose's handler,
 * once. The on-duty phones are the test PBX's Local parties (telephony/pbx/test-include.ts):
 * 13900000011 answers and presses 1, …12 answers and presses nothing, …13 never answers,
 * …14 is busy, …15 and …16 answer and stay (the linkage conference).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField, type AmiMessage } from '@yixian/ami';
import type { AlertCall } from '@yixian/db';
import { onAlertCallResult, placeAlertCall, startConferenceCalls, type AlertCallResultEvent } from '../../apps/api/src/modules/alert-calls/index.js';
import { eventually, startLive, type Live } from './live-harness.js';
import type { CdrRow } from './pbx-accounting.js';

let live: Live;
const heard: AlertCallResultEvent[] = [];
/** What the bridge's login read (its filters applied), and everything the test's login read. */
const frames: AmiMessage[] = [];
const allFrames: AmiMessage[] = [];
const offs: (() => void)[] = [];

beforeAll(async () => {
  live = await startLive();
  live.bridge.client.on('event', (message) => frames.push(message));
  live.ami.on('event', (message) => allFrames.push(message));
  offs.push(onAlertCallResult('activation', async (event) => { heard.push(event); }));
  offs.push(onAlertCallResult('conference', async (event) => { heard.push(event); }));
});
afterAll(async () => {
  for (const off of offs) off();
  if (process.env.ALERT_FRAMES_OUT) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.ALERT_FRAMES_OUT, JSON.stringify(frames.filter((m) => JSON.stringify(m).includes('yxal-')), null, 1));
  }
  await live?.close();
});

/** A real activation row to hang the calls on (any seeded unit). */
async function anActivation(): Promise<string> {
  const unit = await live.t.prisma.unit.findFirstOrThrow({ where: { active: true } });
  const incident = await live.t.prisma.incident.create({
    data: { code: `TEST-${Date.now()}-${Math.random().toString(16).slice(2, 6)}`, type: 'accident', subtype: 'fire', level: 'III', state: 'filed', title: '测试事件', description: '告警电话测试', source: 'centre' },
  });
  const activation = await live.t.prisma.incidentActivation.create({ data: { incidentId: incident.id, unitId: unit.id, state: 'notifying' } });
  return activation.id;
}

const deps = () => ({ prisma: live.t.prisma, redis: live.t.app.redis, config: live.t.app.config, clock: live.t.clock });

async function call(number: string, ringSeconds = 8): Promise<AlertCall> {
  const activationId = await anActivation();
  return placeAlertCall(deps(), { purpose: 'activation', activationId, attempt: 1, number, prompt: 'activation', ringSeconds });
}

const ended = (id: string, timeoutMs = 45_000) => eventually(
  () => live.t.prisma.alertCall.findUniqueOrThrow({ where: { id } }), (row) => row.outcome !== 'placed', `alert call ${id} to end`, timeoutMs,
);

/** The alert call's CDR rows (the carrier leg's Dial), once the PBX has written them. */
async function cdrOf(id: string): Promise<CdrRow[]> {
  return eventually(
    async () => (await live.accounting.pool.query<CdrRow>('SELECT start, answer, "end", clid, src, dst, channel, dstchannel, uniqueid, linkedid, userfield, disposition, lastapp FROM cdr WHERE linkedid = $1 ORDER BY id', [`yxal-${id}`])).rows,
    (rows) => rows.some((row) => row.lastapp === 'Dial'),
    'the alert call in the CDR', 30_000,
  );
}

describe('alert calls on a real Asterisk 22', () => {
  it('acknowledged: the on-duty person answers and presses 1; the handler hears it once', async () => {
    const placed = await call('13900000011');
    expect(placed.outcome).toBe('placed');
    const row = await ended(placed.id);
    expect(row).toMatchObject({ outcome: 'acknowledged', detail: 'DTMF' });
    expect(row.endedAt).not.toBeNull();
    const mine = heard.filter((e) => e.alertCall.id === placed.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.result).toMatchObject({ outcome: 'acknowledged', digits: '1' });
    // The PBX's own word: the dialplan's UserEvent on the yxal- channel, and the Dial answered.
    const verdict = frames.find((m) => m.event === 'UserEvent' && getField(m, 'UserEvent') === 'YixianAlert' && getField(m, 'Uniqueid') === `yxal-${placed.id}`);
    expect(verdict && getField(verdict, 'Result')).toBe('acknowledged');
    expect((await cdrOf(placed.id)).find((r) => r.lastapp === 'Dial')).toMatchObject({ dst: '13900000011', disposition: 'ANSWERED' });
    // No job on the bridge's queue carried the number.
    expect(JSON.stringify(mine[0]!.result)).not.toContain('13900000011');
  });

  it('answered: picked up, nothing pressed after three prompts', async () => {
    const placed = await call('13900000012');
    const row = await ended(placed.id, 60_000);
    expect(row).toMatchObject({ outcome: 'answered', detail: 'no_digit' });
    expect(heard.filter((e) => e.alertCall.id === placed.id)).toHaveLength(1);
  });

  it('no answer after the ring time, and busy', async () => {
    const [silent, busy] = await Promise.all([call('13900000013', 6), call('13900000014')]);
    const [noAnswerRow, busyRow] = await Promise.all([ended(silent.id), ended(busy.id)]);
    expect(noAnswerRow).toMatchObject({ outcome: 'no_answer', detail: 'NOANSWER' });
    expect(busyRow).toMatchObject({ outcome: 'busy', detail: 'BUSY' });
    // Rang for the plan's ring time (6 s), as the Dial's timeout.
    const rang = (noAnswerRow.endedAt!.getTime() - noAnswerRow.placedAt.getTime()) / 1000;
    expect(rang).toBeGreaterThan(5);
    expect(rang).toBeLessThan(12);
    expect((await cdrOf(busy.id)).find((r) => r.lastapp === 'Dial')).toMatchObject({ disposition: 'BUSY' });
    expect(heard.filter((e) => e.alertCall.id === silent.id || e.alertCall.id === busy.id)).toHaveLength(2);
  });

  it('the linkage conference: two on-duty people called into one ConfBridge room', async () => {
    const [a, b] = [await anActivation(), await anActivation()];
    const started = await startConferenceCalls(deps(), {
      parties: [{ number: '13900000015', activationId: a, key: 'unit-a' }, { number: '13900000016', activationId: b, key: 'unit-b' }], ringSeconds: 10,
    });
    expect(started.room).toMatch(/^yxconf-[0-9a-f]{12}$/);
    expect(started.calls.map((c) => c.key)).toEqual(['unit-a', 'unit-b']);
    const rows = await Promise.all(started.calls.map((c) => ended(c.alertCallId!)));
    expect(rows.map((r) => [r.purpose, r.outcome, r.detail])).toEqual([['conference', 'answered', 'room'], ['conference', 'answered', 'room']]);
    // Both are in the room, as the PBX lists it.
    const members = await eventually(async () => (await live.ami.action({ Action: 'ConfbridgeList', Conference: started.room })).items.filter((m) => m.event === 'ConfbridgeList'),
      (items) => items.length === 2, 'two members in the room', 15_000);
    expect(members.map((m) => getField(m, 'Channel')).every((name) => name?.startsWith('Local/1390000001'))).toBe(true);
    const joins = allFrames.filter((m) => m.event === 'ConfbridgeJoin' && getField(m, 'Conference') === started.room);
    expect(joins.length).toBe(2);
    // The test ends the room's calls (the parties would stay an hour).
    await live.ami.action({ Action: 'ConfbridgeKick', Conference: started.room, Channel: 'all' });
  });
});
