/**
 * The alert-call tracker on AMI frames: first the frames a real Asterisk 22.10.1 sent the bridge's
 * login (its filters applied) for the live suite's five calls (telephony/live/alert.live.test.ts:
 * acknowledged, answered with no digit, busy, no answer, two into a conference room), then the
 * orders and failures a real PBX may also produce. One outcome per call, whatever follows. The
 * fixture keeps the fields the tracker may read, spelled as the bridge's AMI client gave them (`Userevent`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import type { AmiClient, AmiMessage } from '@yixian/ami';
import type { AlertCallCommand, AlertCallResult } from '@yixian/runtime';
import { createAlertCallTracker, runAlertCallCommand } from '../src/alert-call.js';

const message = (fields: Record<string, string>): AmiMessage => ({ fields, event: fields.Event, response: fields.Response, malformedLines: 0 });
const recorded = (JSON.parse(readFileSync(new URL('./fixtures/alert-call-frames.asterisk-22.json', import.meta.url), 'utf8')) as Record<string, string>[]).map(message);

function track(frames: readonly AmiMessage[]): AlertCallResult[] {
  const results: AlertCallResult[] = [];
  const tracker = createAlertCallTracker('pbx1', (result) => results.push(result));
  for (const frame of frames) tracker.observe(frame);
  return results;
}

const ID = '6f1c1d7e-4f0e-4b59-9d59-4d6f3b9b1c2a';
const one = `yxal-${ID}`;
const two = `${one};2`;
const at = (s: number) => String(1796491000 + s);

describe('the alert-call tracker on a real Asterisk 22’s frames', () => {
  it('decides the five recorded calls once each, from the events that say it', () => {
    const results = track(recorded);
    expect(results.map((r) => [r.outcome, r.detail, r.digits])).toEqual([
      ['acknowledged', 'DTMF', '1'],
      ['answered', 'no_digit', ''],
      ['busy', 'BUSY', ''],
      ['no_answer', 'NOANSWER', ''],
      ['answered', 'room', ''],
      ['answered', 'room', ''],
    ]);
    expect(new Set(results.map((r) => r.alertCallId)).size).toBe(6);
    for (const result of results) {
      expect(result).toMatchObject({ kind: 'alert.result', pbxId: 'pbx1', eventId: `alert:${result.alertCallId}:result` });
      // The PBX's time of the deciding event, not the host's.
      expect(Date.parse(result.at)).toBeLessThan(Date.UTC(2026, 11, 5, 17, 30));
      expect(JSON.stringify(result)).not.toMatch(/139000000/);
    }
  });

  it('reports nothing twice when the frames come again (a replay after a reconnect)', () => {
    expect(track([...recorded, ...recorded])).toHaveLength(6);
  });
});

/** The bridge's bytes of the recorded `alert_calls` scenario (packages/ami/test/recordings/asterisk-22). */
function transcript(name: string): AmiMessage[] {
  const raw = readFileSync(new URL(`../../../packages/ami/test/recordings/asterisk-22/${name}.txt`, import.meta.url), 'utf8');
  return raw.split('\r\n\r\n').map((block) => Object.fromEntries(block.split('\r\n').filter((line) => line.includes(': ')).map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)])))
    .filter((fields) => fields.Event).map(message);
}

describe('the alert-call tracker on the recorded transcript (telephony/pbx/record-transcripts.ts alert_calls)', () => {
  it('busy even though the Originate’s Failure came before the DialEnd BUSY', () => {
    const frames = transcript('alert_calls');
    const busyAt = (event: string) => frames.findIndex((m) => m.event === event && m.fields.Uniqueid?.toString().startsWith('yxal-00000000-0000-4000-8000-000000000014'));
    expect(busyAt('OriginateResponse')).toBeLessThan(busyAt('DialEnd'));
    expect(track(frames).map((r) => [r.alertCallId.slice(-2), r.outcome, r.detail])).toEqual([['11', 'acknowledged', 'DTMF'], ['14', 'busy', 'BUSY'], ['13', 'no_answer', 'NOANSWER']]);
  });
});

describe('the alert-call tracker on other orders', () => {
  it('a person who hangs up during the prompt was reached, not acknowledged', () => {
    expect(track([
      message({ Event: 'OriginateResponse', Uniqueid: one, Response: 'Success', Reason: '4', Timestamp: at(1) }),
      message({ Event: 'Hangup', Uniqueid: one, 'Cause-txt': 'Normal Clearing', Timestamp: at(3) }),
    ]).map((r) => [r.outcome, r.detail])).toEqual([['answered', 'hangup:Normal Clearing']]);
  });

  it('a carrier leg that never dialled fails at the hang-up with the Originate’s reason; busy and no answer keep their names', () => {
    const failedThenGone = (reason: string) => [
      message({ Event: 'OriginateResponse', Uniqueid: one, Response: 'Failure', Reason: reason, Timestamp: at(1) }),
      message({ Event: 'Hangup', Uniqueid: one, 'Cause-txt': 'Normal Clearing', Timestamp: at(1) }),
    ];
    // The Failure alone decides nothing (a DialEnd may still follow it).
    expect(track(failedThenGone('0').slice(0, 1))).toEqual([]);
    expect(track(failedThenGone('0'))[0]).toMatchObject({ outcome: 'failed', detail: 'originate:failed' });
    expect(track(failedThenGone('5'))[0]).toMatchObject({ outcome: 'busy', detail: 'originate:busy' });
    expect(track(failedThenGone('3'))[0]).toMatchObject({ outcome: 'no_answer' });
    expect(track([message({ Event: 'Hangup', Uniqueid: one, Cause: '34' })])[0]).toMatchObject({ outcome: 'failed', detail: 'hangup:34' });
  });

  it('the Originate’s own failure after the Dial said BUSY changes nothing; unreachable is failed', () => {
    expect(track([
      message({ Event: 'DialEnd', Uniqueid: two, DialStatus: 'BUSY' }),
      message({ Event: 'OriginateResponse', Uniqueid: one, Response: 'Failure', Reason: '0' }),
      message({ Event: 'Hangup', Uniqueid: one, 'Cause-txt': 'Normal Clearing' }),
    ]).map((r) => r.outcome)).toEqual(['busy']);
    expect(track([message({ Event: 'DialEnd', Uniqueid: two, DialStatus: 'CHANUNAVAIL' })])[0]).toMatchObject({ outcome: 'failed', detail: 'CHANUNAVAIL' });
  });

  it('reads only its own channels and its own UserEvent; never passes on anything but keypad digits', () => {
    expect(track([
      message({ Event: 'DialEnd', Uniqueid: 'yxcb-6f1c1d7e-4f0e-4b59-9d59-4d6f3b9b1c2a', DialStatus: 'BUSY' }),
      message({ Event: 'DialEnd', Uniqueid: '1796491024.2', Linkedid: one, DialStatus: 'NOANSWER' }),
      message({ Event: 'DialEnd', Uniqueid: one, DialStatus: 'NOANSWER' }),
      message({ Event: 'UserEvent', Uniqueid: one, UserEvent: 'YixianOverflow', Result: 'acknowledged' }),
      message({ Event: 'UserEvent', Uniqueid: two, UserEvent: 'YixianAlert', Result: 'acknowledged' }),
    ])).toEqual([]);
    expect(track([message({ Event: 'UserEvent', Uniqueid: one, UserEvent: 'YixianAlert', Result: 'answered', Digits: '13900000011' })])[0]).toMatchObject({ outcome: 'answered', digits: '' });
  });
});

describe('running call.alert', () => {
  const client = (sent: Record<string, string>[]) => ({ action: async (fields: Record<string, string>) => { sent.push(fields); return {}; } }) as unknown as AmiClient;
  const command: AlertCallCommand = { type: 'call.alert', alertCallId: ID, prompt: 'activation', ringSeconds: 30 };

  it('Originates the carrier leg into the prompt, or into the room, with the number taken once', async () => {
    const sent: Record<string, string>[] = [];
    const taken: string[] = [];
    await runAlertCallCommand(client(sent), command, async (id) => { taken.push(id); return '13900000011'; }, () => undefined);
    await runAlertCallCommand(client(sent), { ...command, room: 'yxconf-abc' }, async () => '13900000012', () => undefined);
    expect(taken).toEqual([ID]);
    expect(sent[0]).toMatchObject({
      Action: 'Originate', Channel: 'Local/13900000011@yixian-alert-carrier/n', Context: 'yixian-alert', Exten: 's', Timeout: '45000',
      Variable: 'YIXIAN_ALERT_PROMPT=activation,YIXIAN_ALERT_RING=30', ChannelId: one, OtherChannelId: two,
    });
    expect(sent[1]).toMatchObject({ Context: 'yixian-alert-room', Exten: 'yxconf-abc' });
  });

  it('reports failed for a command it cannot run, and refuses it for good', async () => {
    const failed: [string, string][] = [];
    const onFailed = (id: string, detail: string) => failed.push([id, detail]);
    const sent: Record<string, string>[] = [];
    await expect(runAlertCallCommand(client(sent), command, async () => null, onFailed)).rejects.toThrow(/number to dial has expired/);
    await expect(runAlertCallCommand(client(sent), { ...command, ringSeconds: 1 }, async () => '13900000011', onFailed)).rejects.toThrow(UnrecoverableError);
    await expect(runAlertCallCommand(client(sent), { ...command, room: 'a;b' }, async () => '13900000011', onFailed)).rejects.toThrow(/room must be/);
    await expect(runAlertCallCommand(client(sent), { ...command, alertCallId: 'x' }, async () => '13900000011', onFailed)).rejects.toThrow(/alertCallId must be a uuid/);
    expect(sent).toEqual([]);
    expect(failed).toEqual([[ID, 'bridge:rejected'], [ID, 'bridge:rejected'], [ID, 'bridge:rejected']]);
  });
});
