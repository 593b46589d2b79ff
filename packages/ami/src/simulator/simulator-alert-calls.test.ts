/**
 * The simulator's alert calls against the transcript of the project's real PBX (`alert_calls`,
 * recorded by telephony/pbx/record-transcripts.ts: the bridge's three Originates into
 * [yixian-alert] — answered with 1, busy, rung out after 5 s — as the bridge's login saw them).
 * Replayed over real TCP on the manual clock, then compared per alert call: the order of every
 * event on the call's own channels (`;1`, `;2`, the Originate's dial) with its status, and their
 * field layouts. The called party is left out: the test PBX answers with a Local pair where a
 * production carrier leg (and the simulator) has one PJSIP channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPbxSimulator, TEST_PBX_OPTIONS, type PbxSimulator } from './index';
import { field, flushSockets, keysOf, TestAmiClient, type Message } from './recording-fixtures';
import { bridgeView, readTestPbxTranscript } from './transcript-compare';

let sim: PbxSimulator | undefined;
const clients: TestAmiClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await sim?.close();
});

/** What a call's own channels say: `<event>:<leg>:<status>` in order, and the layouts seen. */
function perCall(messages: Message[]): Map<string, { sequence: string[]; layouts: Set<string> }> {
  const calls = new Map<string, { sequence: string[]; layouts: Set<string> }>();
  for (const m of messages) {
    const event = field(m, 'Event');
    if (!event) continue;
    const uniqueid = field(m, 'Uniqueid') ?? '';
    const dest = field(m, 'DestUniqueid') ?? '';
    const own = /^yxal-[0-9a-f-]{36}(;2)?$/.exec(uniqueid);
    const leg = own ? (own[1] ? '2' : '1') : !uniqueid && /^yxal-[0-9a-f-]{36}$/.test(dest) ? 'originate' : null;
    if (!leg) continue;
    const id = (own ? uniqueid : dest).slice(5, 41);
    const status = field(m, 'DialStatus') ?? (event === 'OriginateResponse' ? `${field(m, 'Response')}/${field(m, 'Reason')}` : field(m, 'Result') ?? '');
    const entry = calls.get(id) ?? { sequence: [], layouts: new Set<string>() };
    entry.sequence.push(`${event}:${leg}:${status}`);
    entry.layouts.add(`${event}:${leg}:${keysOf(m.filter(([k]) => k !== 'ActionID' && k !== 'Timestamp'))}`);
    calls.set(id, entry);
  }
  return calls;
}

describe('simulator alert calls against the project PBX (asterisk-22 transcript alert_calls)', () => {
  it('answered with 1, busy, rung out: the same events on the call’s own channels, in the same order and layouts', async () => {
    const recorded = readTestPbxTranscript('alert_calls');
    const secret = /\r\nSecret: ([^\r\n]*)/.exec(recorded.sent[0] ?? '')?.[1] ?? '';
    sim = createPbxSimulator({ ...TEST_PBX_OPTIONS, clock: 'manual', username: 'yixian', secret });
    const bridge = new TestAmiClient(await sim.listen());
    clients.push(bridge);
    await bridge.ready;
    await bridge.send(recorded.sent[0]!);
    // Originate 1 (answers after 2 s, presses 1 two seconds later), 2 (busy), 3 (rings out after 5 s), Logoff.
    for (const [index, ms] of [[1, 5000], [2, 100], [3, 6000]] as const) {
      await bridge.send(recorded.sent[index]!);
      for (let elapsed = 0; elapsed < ms; elapsed += 250) {
        sim.tick(250);
        await flushSockets(bridge);
      }
    }
    await bridge.send(recorded.sent[4]!);
    await bridge.waitClosed();

    const real = perCall(recorded.received);
    const simulated = perCall(bridgeView(bridge.messages));
    expect([...simulated.keys()]).toEqual([...real.keys()]);
    for (const [id, call] of real) {
      expect(simulated.get(id)!.sequence, `events of ${id}`).toEqual(call.sequence);
      expect([...simulated.get(id)!.layouts].sort(), `layouts of ${id}`).toEqual([...call.layouts].sort());
    }
  });
});
