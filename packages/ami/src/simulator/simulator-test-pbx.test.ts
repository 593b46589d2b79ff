/**
 * The simulator against the transcripts of the project's own PBX (test/recordings/asterisk-22:
 * a real Asterisk 22.10.1 with the shipped configuration, as the bridge's user sees it). Each
 * scenario is driven the same way over real TCP on the manual clock: the bridge's recorded actions
 * replayed on one connection, the test user's callers (their Originate actions) on another, the
 * agents' phones through the JS API at the recorded moments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPbxSimulator, TEST_PBX_OPTIONS, type PbxSimulator, type PbxSimulatorOptions } from './index';
import { eventCounts, responses, unknownLayouts } from './recording-compare';
import { field, flushSockets, readRecording, TestAmiClient, type Message } from './recording-fixtures';
import {
  bridgeView, callSequences, layoutDifferences, listReplies, memberEvents, readTestPbxTranscript, userEvents, withAgentCompleteVariants,
} from './transcript-compare';

const TRANSCRIPTS = ['answered', 'abandoned_ringing', 'queue_timeout', 'ring_noanswer_autopause', 'member_actions', 'status_lists', 'redirect_to_desk', 'after_hours', 'overflow_no_agents', 'pbx_restart', 'pbx_restart_reconnect'];
/** Every message a real Asterisk 22 sent in any transcript: each simulator layout must be one of theirs. */
const everyRealMessage = withAgentCompleteVariants([
  ...TRANSCRIPTS.flatMap((name) => readTestPbxTranscript(name).received),
  ...['a_answered', 'b_abandon', 'c_two_calls', 'd_queue_member_actions', 'e_status_lists', 'f2_blind_transfer', 'g_ring_noanswer'].flatMap((name) => readRecording(name).received),
]);

type Step =
  | { send: number } | { originate: number } | { tick: number } | { answer: string }
  | { agentHangsUp: number } | { callerHangsUp: number } | { restart: string };

let sim: PbxSimulator | undefined;
const clients: TestAmiClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await sim?.close();
});

async function connect(port: number, login: string): Promise<TestAmiClient> {
  const c = new TestAmiClient(port);
  clients.push(c);
  await c.ready;
  await c.send(login);
  return c;
}

/** Plays a scenario; returns what the bridge's connection(s) received, by transcript name. */
async function play(name: string, steps: Step[], options: PbxSimulatorOptions = {}): Promise<Map<string, Message[]>> {
  const recorded = readTestPbxTranscript(name);
  const secret = /\r\nSecret: ([^\r\n]*)/.exec(recorded.sent[0] ?? '')?.[1] ?? '';
  sim = createPbxSimulator({ ...TEST_PBX_OPTIONS, clock: 'manual', username: 'yixian', secret, ...options });
  const port = await sim.listen();
  const driverLogin = `Action: Login\r\nUsername: yixian\r\nSecret: ${secret}\r\nActionID: driver-login\r\n\r\n`;
  let bridge = await connect(port, recorded.sent[0]!);
  let sent = recorded.sent;
  let driver = await connect(port, driverLogin);
  const seen = new Map([[name, bridge]]);
  const linkedids: string[] = [];
  for (const step of steps) {
    if ('send' in step) await bridge.send(sent[step.send]!);
    else if ('originate' in step) {
      const raw = recorded.originates[step.originate]!;
      const actionId = /ActionID: ([^\r\n]*)/.exec(raw)![1];
      await driver.send(raw);
      const answered = await driver.waitFor((m) => field(m, 'Event') === 'OriginateResponse' && field(m, 'ActionID') === actionId, `OriginateResponse ${actionId}`);
      linkedids.push(field(answered, 'Uniqueid')!);
    } else if ('tick' in step) {
      sim.tick(step.tick);
      await flushSockets(bridge);
    } else if ('answer' in step) sim.answer(step.answer);
    else if ('agentHangsUp' in step) sim.hangup(linkedids[step.agentHangsUp]!, 'agent');
    else if ('callerHangsUp' in step) sim.hangup(linkedids[step.callerHangsUp]!, 'caller');
    else {
      await sim.restart();
      await Promise.all([bridge.waitClosed(), driver.waitClosed()]);
      const next = readTestPbxTranscript(step.restart);
      bridge = await connect(port, next.sent[0]!);
      driver = await connect(port, driverLogin);
      seen.set(step.restart, bridge);
      sent = next.sent;
    }
  }
  if (!bridge.closed) await bridge.waitClosed();
  return new Map([...seen].map(([file, c]) => [file, c.messages]));
}

/** The simulator's bridge-side messages against a transcript (see transcript-compare.ts). */
function expectSameAsPbx(name: string, messages: Message[] | undefined): void {
  const recorded = readTestPbxTranscript(name).received;
  const sim = bridgeView(messages ?? []);
  expect(responses(sim), 'responses').toEqual(responses(recorded));
  expect(callSequences(sim), 'queue and dialplan events per call').toEqual(callSequences(recorded));
  expect(memberEvents(sim), 'member events').toEqual(memberEvents(recorded));
  expect(userEvents(sim), 'UserEvents').toEqual(userEvents(recorded));
  expect(listReplies(sim), 'list replies').toEqual(listReplies(recorded));
  expect(eventCounts(sim), 'event counts').toEqual(eventCounts(recorded));
  expect(layoutDifferences(sim, recorded), 'field layouts').toEqual([]);
  expect(unknownLayouts(sim, everyRealMessage), 'layouts a real PBX sent').toEqual([]);
}

async function expectScenario(name: string, steps: Step[], options?: PbxSimulatorOptions): Promise<void> {
  const runs = await play(name, steps, options);
  for (const [file, messages] of runs) expectSameAsPbx(file, messages);
}

const sends = (from: number, to: number): Step[] => Array.from({ length: to - from + 1 }, (_, i) => ({ send: from + i }));
const JOIN = { tick: 25 };

describe('simulator against the project PBX (asterisk-22 transcripts, the bridge user’s view)', () => {
  it('answered: the agent rings 2 s, talks 3 s and hangs up', async () => {
    await expectScenario('answered', [{ send: 1 }, { originate: 0 }, JOIN, { tick: 2000 }, { answer: '8001' }, { tick: 3000 }, { agentHangsUp: 0 }, { tick: 100 }, { send: 2 }]);
  });

  it('abandoned while ringing', async () => {
    await expectScenario('abandoned_ringing', [{ send: 1 }, { originate: 0 }, JOIN, { tick: 5000 }, { send: 2 }]);
  });

  it('queue timeout: QueueCallerAbandon, then the overflow UserEvents', async () => {
    await expectScenario('queue_timeout', [{ send: 1 }, { originate: 0 }, JOIN, { tick: 8000 }, { tick: 5000 }, { send: 2 }], { maxWaitS: 8 });
  });

  it('ring no answer: AgentRingNoAnswer, the auto-pause, the caller gives up; QueueStatus shows the pause', async () => {
    await expectScenario('ring_noanswer_autopause', [{ send: 1 }, { originate: 0 }, JOIN, { tick: 15_000 }, { tick: 9000 }, ...sends(2, 3)]);
  });

  it('member actions, with the errors of a real Asterisk', async () => {
    await expectScenario('member_actions', sends(1, 15));
  });

  it('status lists while one caller talks and one waits (agent legs first), then the bridge hangs both up', async () => {
    await expectScenario('status_lists', [
      { send: 1 }, { originate: 0 }, JOIN, { tick: 1000 }, { answer: '8001' }, { originate: 1 }, JOIN, { tick: 1500 }, ...sends(2, 9),
    ]);
  });

  it('Redirect of a talking caller to a desk: no BlindTransfer, AgentComplete at the caller’s hang-up', async () => {
    await expectScenario('redirect_to_desk', [
      { send: 1 }, { originate: 0 }, JOIN, { tick: 1000 }, { answer: '8001' }, { tick: 1000 }, ...sends(2, 3), { tick: 1000 }, { tick: 13_000 }, { send: 4 },
    ], { transferHoldS: 3600 });
  });

  it('after hours: no queue, the overflow UserEvents', async () => {
    await expectScenario('after_hours', [{ originate: 0 }, JOIN, { tick: 5000 }, { send: 1 }], { closedHotlines: ['12315'] });
  });

  it('nobody logged in: joinempty, the overflow UserEvents', async () => {
    await expectScenario('overflow_no_agents', [{ originate: 0 }, JOIN, { tick: 5000 }, { send: 1 }]);
  });

  it('PBX restart: every call ends, Shutdown; the reconnect finds the members with their pauses', async () => {
    await expectScenario('pbx_restart', [
      { send: 1 }, { originate: 0 }, JOIN, { tick: 1000 }, { answer: '8001' }, { send: 2 }, { originate: 1 }, JOIN, { originate: 2 }, JOIN,
      { tick: 1500 }, { restart: 'pbx_restart_reconnect' }, ...sends(1, 3),
    ]);
  });
});
