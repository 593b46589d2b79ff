import { afterEach, describe, expect, it } from 'vitest';
import { createPbxSimulator, SimulatorOptionsError, type PbxSimulator } from './index';
import { keyLayouts, responses, unknownLayouts } from './recording-compare';
import { eventName, field, flushSockets, keysOf, readRecording, TestAmiClient, type Message } from './recording-fixtures';

let sim: PbxSimulator | undefined;
let client: TestAmiClient | undefined;
afterEach(async () => {
  client?.destroy();
  await sim?.close();
});

async function start(options: Parameters<typeof createPbxSimulator>[0] = {}): Promise<TestAmiClient> {
  sim = createPbxSimulator({ clock: 'manual', priorities: {}, ...options });
  client = new TestAmiClient(await sim.listen());
  await client.ready;
  return client;
}
const login = 'Action: Login\r\nUsername: admin\r\nSecret: secret\r\nEvents: on\r\nActionID: L\r\n\r\n';
const namesOf = (messages: Message[]) => messages.filter((m) => !(field(m, 'ActionID') ?? '').startsWith('flush-')).map(eventName);

describe('AMI actions and lists', () => {
  it('d: member actions give the recorded responses and events, in order', async () => {
    const { received, sent } = readRecording('d_queue_member_actions');
    const c = await start();
    for (const raw of sent) await c.send(raw);
    expect(responses(c.messages)).toEqual(responses(received));
    expect(namesOf(c.messages)).toEqual(namesOf(received));
    expect(unknownLayouts(c.messages, received)).toEqual([]);
    const members = c.messages.filter((m) => field(m, 'Event') === 'QueueMember').map((m) => field(m, 'Location'));
    expect(members).toHaveLength(7);
    expect(members).toContain('Local/8006@agents/n');
  });

  it('e: list framing of QueueStatus / QueueSummary / CoreShowChannels / Status, and Hangup', async () => {
    const { received, sent } = readRecording('e_status_lists');
    const c = await start();
    const at = (id: string) => sent.findIndex((raw) => raw.includes(`ActionID: ${id}\r\n`));
    for (const raw of sent.slice(0, at('e_status_lists-7'))) await c.send(raw);
    sim!.tick(500);
    sim!.tick(3000);
    await c.send(sent[at('e_status_lists-7')]!);
    sim!.tick(500);
    await flushSockets(c);
    for (const raw of sent.slice(at('qs-busy'), at('e_status_lists-12'))) await c.send(raw);
    const waiting = c.messages.find((m) => field(m, 'Event') === 'QueueEntry');
    const hangup = sent[at('e_status_lists-12')]!.replace(/Local\/12320@hotline-in-0000000d;2/, field(waiting!, 'Channel')!);
    await c.send(hangup);
    for (const raw of sent.slice(at('e_status_lists-13'), at('csc-idle'))) await c.send(raw);
    sim!.tick(9000);
    for (const raw of sent.slice(at('csc-idle'))) await c.send(raw);

    expect(responses(c.messages)).toEqual(responses(received));
    const listShape = (messages: Message[], id: string) => messages.filter((m) => field(m, 'ActionID') === id && field(m, 'Event')).map(eventName);
    for (const id of ['qs-idle', 'qs-busy', 'qsum-busy', 'csc-busy', 'status-busy', 'csc-idle']) {
      expect(listShape(c.messages, id), id).toEqual(listShape(received, id));
    }
    const completes = (messages: Message[]) => messages.filter((m) => /Complete$/.test(field(m, 'Event') ?? '')).map((m) => `${field(m, 'Event')}:${field(m, 'ListItems')}`);
    expect(completes(c.messages)).toEqual(completes(received));
    expect(unknownLayouts(c.messages, received)).toEqual([]);
    const csc = c.messages.find((m) => field(m, 'Event') === 'CoreShowChannel');
    expect(csc?.[1]?.[0]).toBe('ActionID');
  });

  it('rejects a wrong secret with "Authentication failed" and refuses actions before login', async () => {
    const c = await start();
    const denied = await c.send('Action: QueueStatus\r\nActionID: early\r\n\r\n');
    expect(field(denied, 'Message')).toBe('Permission denied');
    const bad = await c.send('Action: Login\r\nUsername: admin\r\nSecret: wrong\r\nActionID: bad\r\n\r\n');
    expect(keysOf(bad)).toBe('Response,ActionID,Message');
    expect([field(bad, 'Response'), field(bad, 'Message')]).toEqual(['Error', 'Authentication failed']);
    const ok = await c.send(login);
    expect(field(ok, 'Message')).toBe('Authentication accepted');
    const booted = await c.waitFor((m) => field(m, 'Event') === 'FullyBooted', 'FullyBooted');
    expect(field(booted, 'Uptime')).toBe('0');
  });

  it('answers unknown actions and bad arguments with Asterisk\'s messages; echoes ActionID; Ping', async () => {
    const c = await start();
    await c.send(login);
    const unknown = await c.send('Action: FooBar\r\nActionID: u1\r\n\r\n');
    expect(field(unknown, 'Message')).toBe('Invalid/unknown command: FooBar. Use Action: ListCommands to show available commands.');
    expect(field(unknown, 'ActionID')).toBe('u1');
    expect(field(await c.send('Action: QueuePause\r\nActionID: p\r\n\r\n'), 'Message')).toBe("Need 'Interface' and 'Paused' parameters.");
    expect(field(await c.send('Action: QueueRemove\r\nQueue: hotline\r\nInterface: Local/8001@agents/n\r\nActionID: r\r\n\r\n'), 'Message')).toBe('Member not dynamic');
    expect(field(await c.send('Action: Hangup\r\nChannel: Local/1@x-1;1\r\nActionID: h\r\n\r\n'), 'Message')).toBe('No such channel');
    expect(field(await c.send('Action: Originate\r\nActionID: o\r\n\r\n'), 'Message')).toBe('Channel not specified');
    expect(field(await c.send('Action: BlindTransfer\r\nChannel: Local/1@x-1;1\r\nExten: 9000\r\nActionID: t\r\n\r\n'), 'Message')).toBe('Channel specified does not exist');
    const pong = await c.send('Action: Ping\r\nActionID: ping-1\r\n\r\n');
    expect(keysOf(pong)).toBe('Response,ActionID,Ping,Timestamp');
  });
});

describe('JS API, restart, flood, options', () => {
  it('answer(agent) and hangup(linkedid) drive a call that never auto-answers', async () => {
    const c = await start({ members: [{ agent: '8101', answerAfterS: null, talkS: null }] });
    await c.send(login);
    const call = sim!.placeCall({ hotline: '110', callerNumber: '13900000001', callerName: "O'Brien", patienceS: 60 });
    sim!.tick(500);
    sim!.answer('8101');
    sim!.tick(30_000);
    expect(sim!.snapshot().calls).toEqual([{ linkedid: call.linkedid, hotline: '110', phase: 'talking', agent: '8101' }]);
    sim!.hangup(call.linkedid, 'agent');
    await flushSockets(c);
    const connect = c.messages.find((m) => field(m, 'Event') === 'AgentConnect');
    expect(field(connect!, 'Linkedid')).toBe(call.linkedid);
    expect(field(connect!, 'ChanVariable')).toBe('HOTLINE=110');
    expect(field(connect!, 'CallerIDName')).toBe("O\\'Brien");
    const complete = c.messages.find((m) => field(m, 'Event') === 'AgentComplete');
    expect([field(complete!, 'Reason'), field(complete!, 'TalkTime')]).toEqual(['agent', '30']);
    expect(sim!.snapshot().calls).toEqual([]);
  });

  it('110 callers jump ahead of waiting non-police callers', async () => {
    const c = await start({ priorities: { '110': 10 }, members: [{ agent: '8101', answerAfterS: null }] });
    await c.send(login);
    sim!.engine.pauseMember('Local/8101@agents/n', true, 'test');
    sim!.placeCall({ hotline: '12345', callerNumber: '13900000002' });
    sim!.tick(500);
    const police = sim!.placeCall({ hotline: '110', callerNumber: '13900000003' });
    sim!.tick(500);
    expect(sim!.snapshot().waiting[0]?.linkedid).toBe(police.linkedid);
  });

  it('restart(): hangs everything up, Shutdown, closes the socket; reconnect sees FullyBooted Uptime 0', async () => {
    const c = await start({ initialUptimeS: 120 });
    await c.send(login);
    const booted = await c.waitFor((m) => field(m, 'Event') === 'FullyBooted', 'FullyBooted');
    expect(field(booted, 'Uptime')).toBe('120');
    await c.send('Action: QueuePause\r\nInterface: Local/8002@agents/n\r\nPaused: true\r\nActionID: p\r\n\r\n');
    sim!.placeCall({ hotline: '12345', callerNumber: '13900000004', talkS: 100 });
    sim!.tick(4000);
    sim!.placeCall({ hotline: '12366', callerNumber: '13900000005' });
    sim!.tick(600);
    await flushSockets(c);
    await sim!.restart();
    await c.waitClosed();
    const tail = namesOf(c.messages).slice(-40);
    expect(tail).toContain('AgentComplete');
    expect(tail).toContain('AgentRingNoAnswer');
    expect(tail).toContain('QueueCallerAbandon');
    expect(tail.at(-1)).toBe('Shutdown');
    const again = new TestAmiClient(sim!.port);
    client = again;
    await again.ready;
    await again.send(login);
    const reboot = await again.waitFor((m) => field(m, 'Event') === 'FullyBooted', 'FullyBooted');
    expect(field(reboot, 'Uptime')).toBe('0');
    await again.send('Action: QueueStatus\r\nActionID: qs\r\n\r\n');
    const paused = again.messages.filter((m) => field(m, 'Event') === 'QueueMember' && field(m, 'Paused') === '1');
    expect(paused).toEqual([]);
  });

  it('flood mode streams recorded-shape call events and ends with FloodComplete', async () => {
    const c = await start({ flood: { calls: 40 } });
    await c.send(login);
    const done = await c.waitFor((m) => field(m, 'UserEvent') === 'FloodComplete', 'FloodComplete', 10_000);
    expect(Number(field(done, 'Calls'))).toBeGreaterThanOrEqual(40);
    const names = new Set(namesOf(c.messages));
    for (const name of ['QueueCallerJoin', 'AgentConnect', 'AgentComplete', 'Hangup', 'Cdr']) expect(names).toContain(name);
    const recorded = ['a_answered', 'b_abandon', 'g_ring_noanswer'].flatMap((n) => readRecording(n).received);
    expect(unknownLayouts(c.messages.filter((m) => field(m, 'Event') !== 'UserEvent'), recorded)).toEqual([]);
    expect(keyLayouts(c.messages).size).toBeGreaterThan(15);
  });

  it('generated traffic places calls at the configured rate, with abandons under load', () => {
    sim = createPbxSimulator({
      clock: 'manual', members: [{ agent: '8101', talkS: null }],
      traffic: { callsPerHour: 360, seed: 1, talkS: { mean: 120 }, patienceS: { mean: 20, min: 5, max: 40 } },
    });
    const seen: string[] = [];
    sim.onEvent((m) => seen.push(m[0]?.[1] ?? ''));
    const run = sim.startTraffic();
    sim.tick(3_600_000);
    run.stop();
    expect(run.placed()).toBeGreaterThan(300);
    expect(run.placed()).toBeLessThan(420);
    expect(seen.filter((n) => n === 'QueueCallerAbandon').length).toBeGreaterThan(100);
    expect(seen.filter((n) => n === 'AgentConnect').length).toBeGreaterThan(10);
  });

  it('validates options with errors naming the option', () => {
    expect(() => createPbxSimulator({ port: 70000 })).toThrow(/option port/);
    expect(() => createPbxSimulator({ members: [{ agent: '1' }, { agent: '1' }] })).toThrow(/duplicate agent 1/);
    expect(() => createPbxSimulator({ traffic: { callsPerHour: -1 } })).toThrow(SimulatorOptionsError);
    expect(() => createPbxSimulator({ hotlines: ['12a'] })).toThrow(/hotlines\[0\]/);
  });
});
