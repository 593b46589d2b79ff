/**
 * Call-backs from the agents' worklists on a real Asterisk 22: the API dials the citizen from the
 * agent's phone through [yixian-callback], presenting the hotline the citizen first dialled; the
 * outcome comes back from the PBX's own events onto the attempt. Judged by the PBX's CDR
 * (src / clid / dst / disposition of the call-out, whose Linkedid is `yxcb-<attempt>`).
 * Citizens (telephony/pbx/test-include.ts): 13800000001 answers, …02 never answers, …03 is busy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField } from '@yixian/ami';
import type { Session } from '../../apps/api/test/helpers/test-app.js';
import { agentInterface, eventually, startLive, type Live } from './live-harness.js';
import type { CdrRow } from './pbx-accounting.js';

let live: Live;
let agent: Session;
const AGENT = agentInterface('8101'); // demo-agent's phone

beforeAll(async () => {
  live = await startLive({ env: { CALLBACK_RETRY_MINUTES: '0' } });
  agent = await live.login('demo-agent');
  // The agent's phone picks up after 1 s and stays until the call-out ends.
  await live.scriptAgent('8101', { ring: 1, talk: 3600 });
});
afterAll(async () => {
  await live?.close();
});

const post = (url: string) => live.t.app.inject({ method: 'POST', url, headers: agent.headers, payload: {} });
const attemptOf = async (id: string) => (await live.t.app.inject({ url: `/api/worklists/attempts/${id}`, headers: { cookie: agent.cookie } })).json();

/** A call on `did` from `number` that nobody answers: the caller gives up after 1 s. */
async function missedCall(did: string, number: string) {
  const linkedid = await live.placeCall({ did, number, name: '市民', patience: 1 });
  return live.callWhen(linkedid, (c) => c.state === 'abandoned' || c.state === 'overflow', 'unanswered');
}

/** The call-out's CDR rows, once the PBX has written the dialling leg's. */
async function cdrOf(attemptId: string): Promise<CdrRow[]> {
  return eventually(
    async () => (await live.accounting.pool.query<CdrRow>('SELECT start, answer, "end", clid, src, dst, channel, dstchannel, uniqueid, linkedid, userfield, disposition, lastapp FROM cdr WHERE linkedid = $1 ORDER BY id', [`yxcb-${attemptId}`])).rows,
    (rows) => rows.some((row) => row.lastapp === 'Dial'),
    'the call-out in the CDR', 45_000,
  );
}

describe('call-backs on a real Asterisk 22', () => {
  it('rings the agent’s phone, then the citizen sees the hotline as caller id; answered lands on the attempt', async () => {
    const call = await missedCall('12369', '13800000001');
    const started = await post(`/api/worklists/calls/${call.id}/callout`);
    expect(started.statusCode, started.body).toBe(201);
    const attempt = await eventually(() => attemptOf(started.json().id), (a) => a.pbxResult !== null, 'the PBX result', 30_000);
    expect(attempt).toMatchObject({ pbxResult: 'answered', result: 'answered', pbxDetail: 'ANSWER', hotlineNumber: '12369' });
    const rows = await cdrOf(attempt.id);
    const dialled = rows.find((row) => row.lastapp === 'Dial')!;
    expect(dialled).toMatchObject({ src: '12369', dst: '13800000001', disposition: 'ANSWERED' });
    expect(dialled.channel.startsWith(`${AGENT.replace('/n', '')}-`)).toBe(true);
    expect(dialled.dstchannel).toMatch(/^Local\/answer@yixian-test-citizens-/);
    expect(dialled.clid).toBe('"12369" <12369>');
    // What the citizen's phone was shown: the hotline, not the agent's extension.
    const citizenLeg = rows.find((row) => row.channel.startsWith('Local/answer@yixian-test-citizens-') && row.channel.endsWith(';2'));
    expect(citizenLeg?.src).toBe('12369');
    // The missed call is off the list once reached.
    const list = (await live.t.app.inject({ url: '/api/worklists/missed-calls', headers: { cookie: agent.cookie } })).json();
    expect(list.items.some((c: { callId: string }) => c.callId === call.id)).toBe(false);
  });

  it('records a citizen who never answers as no answer, and a busy line as busy', async () => {
    const silent = await missedCall('12345', '13800000002');
    const first = (await post(`/api/worklists/calls/${silent.id}/callout`)).json();
    const busy = await missedCall('12315', '13800000003');
    // The agent's phone is busy with the first call-out: the second waits for it to end.
    const noAnswer = await eventually(() => attemptOf(first.id), (a) => a.pbxResult !== null, 'no answer after the Dial timeout', 45_000);
    expect(noAnswer).toMatchObject({ pbxResult: 'no_answer', result: 'no_answer', pbxDetail: 'NOANSWER' });
    expect((await cdrOf(first.id)).find((row) => row.lastapp === 'Dial')).toMatchObject({ src: '12345', disposition: 'NO ANSWER' });
    await eventually(async () => (await live.ami.action({ Action: 'CoreShowChannels' })).items.filter((item) => (getField(item, 'Linkedid') ?? '').startsWith('yxcb-')), (items) => items.length === 0, 'the first call-out gone');

    const second = (await post(`/api/worklists/calls/${busy.id}/callout`)).json();
    const busyAttempt = await eventually(() => attemptOf(second.id), (a) => a.pbxResult !== null, 'busy', 30_000);
    expect(busyAttempt).toMatchObject({ pbxResult: 'busy', pbxDetail: 'BUSY' });
    expect((await cdrOf(second.id)).find((row) => row.lastapp === 'Dial')).toMatchObject({ src: '12315', disposition: 'BUSY' });
    // Still on the list (one failed attempt of three), with the attempt counted.
    const list = (await live.t.app.inject({ url: '/api/worklists/missed-calls', headers: { cookie: agent.cookie } })).json();
    expect(list.items.find((c: { callId: string }) => c.callId === silent.id)).toMatchObject({ attempts: 1, failedAttempts: 1 });
  });
});
