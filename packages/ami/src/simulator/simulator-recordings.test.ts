import { afterEach, describe, expect, it } from 'vitest';
import { createPbxSimulator, type PbxSimulator } from './index';
import {
  channelLifecycleProblems, eventCounts, queueSequences, responses, unknownLayouts,
} from './recording-compare';
import { field, flushSockets, readRecording, TestAmiClient, type Message } from './recording-fixtures';

const ALL = ['a_answered', 'b_abandon', 'c_two_calls', 'd_queue_member_actions', 'e_status_lists', 'f2_blind_transfer', 'g_ring_noanswer'];
const everyRecordedMessage = ALL.flatMap((name) => readRecording(name).received);

type Step = { send: number; map?: (raw: string, client: TestAmiClient) => string } | { tick: number };

let sim: PbxSimulator | undefined;
let client: TestAmiClient | undefined;
afterEach(async () => {
  client?.destroy();
  await sim?.close();
});

/** Replays a recording's sent actions against the simulator, ticking its clock between them. */
async function replay(name: string, steps: Step[]): Promise<{ sim: Message[]; recorded: Message[] }> {
  const { received, sent } = readRecording(name);
  sim = createPbxSimulator({ clock: 'manual', priorities: {} });
  client = new TestAmiClient(await sim.listen());
  await client.ready;
  expect(client.greeting).toBe('Asterisk Call Manager/11.0.0');
  for (const step of steps) {
    if ('tick' in step) {
      sim.tick(step.tick);
      await flushSockets(client);
    } else {
      const raw = sent[step.send];
      if (raw === undefined) throw new Error(`${name}: no sent action #${step.send}`);
      await client.send(step.map ? step.map(raw, client) : raw);
    }
  }
  return { sim: client.messages, recorded: received };
}

const sends = (from: number, to: number): Step[] => Array.from({ length: to - from + 1 }, (_, i) => ({ send: from + i }));

/** Rewrites a recorded channel name to the simulator's channel of the same role. */
function channelOf(c: TestAmiClient, event: string, key: string, pattern: RegExp): string {
  const m = c.messages.find((x) => field(x, 'Event') === event && pattern.test(field(x, key) ?? ''));
  const value = m ? field(m, key) : undefined;
  if (!value) throw new Error(`no ${event} with ${key} ~ ${pattern}`);
  return value;
}

function expectSameShape(result: { sim: Message[]; recorded: Message[] }): void {
  expect(queueSequences(result.sim)).toEqual(queueSequences(result.recorded));
  expect(eventCounts(result.sim)).toEqual(eventCounts(result.recorded));
  expect(unknownLayouts(result.sim, everyRecordedMessage)).toEqual([]);
  expect(channelLifecycleProblems(result.sim)).toEqual([]);
  expect(responses(result.sim)).toEqual(responses(result.recorded));
}

describe('simulator against the Asterisk 22 recordings (real TCP, manual clock)', () => {
  it('a: answered call (12345, agent hangs up)', async () => {
    expectSameShape(await replay('a_answered', [{ send: 0 }, { send: 1 }, { tick: 500 }, { tick: 3000 }, { tick: 9000 }, { send: 2 }]));
  });

  it('b: caller abandons while an agent rings', async () => {
    expectSameShape(await replay('b_abandon', [{ send: 0 }, { send: 1 }, { tick: 500 }, { tick: 1500 }, { send: 2 }]));
  });

  it('c: two calls at the same instant, interleaved', async () => {
    expectSameShape(await replay('c_two_calls', [{ send: 0 }, { send: 1 }, { send: 2 }, { tick: 500 }, { tick: 3000 }, { tick: 9000 }, { send: 3 }]));
  });

  it('f2: blind transfer by the agent', async () => {
    const result = await replay('f2_blind_transfer', [
      { send: 0 }, { send: 1 }, { tick: 500 }, { tick: 3000 }, { tick: 2000 },
      { send: 2, map: (raw, c) => raw.replace(/Local\/8003@agents-00000014;1/, channelOf(c, 'AgentConnect', 'DestChannel', /;1$/)) },
      { tick: 5000 }, { send: 3 },
    ]);
    expectSameShape(result);
    const complete = result.sim.find((m) => field(m, 'Event') === 'AgentComplete');
    expect(complete && field(complete, 'Reason')).toBe('transfer');
  });

  it('g: ring no answer (15 s, RingTime in ms), retry, then the caller gives up', async () => {
    const result = await replay('g_ring_noanswer', [...sends(0, 5), { tick: 500 }, { tick: 15000 }, { tick: 2000 }, { tick: 4500 }, ...sends(6, 10)]);
    expectSameShape(result);
    const rna = result.sim.find((m) => field(m, 'Event') === 'AgentRingNoAnswer');
    expect(rna && field(rna, 'RingTime')).toBe('15000');
  });
});
