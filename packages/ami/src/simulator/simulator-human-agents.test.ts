/**
 * The console's agents on the demo PBX (`cli.ts --human-agents`) ring and get paused as on the
 * real one: the shipped queues.conf rules, and the recorded ring-no-answer of the test PBX.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createPbxSimulator, HUMAN_AGENT_OPTIONS, RECORDED_MEMBERS, SHIPPED_QUEUE_OPTIONS, type PbxSimulator } from './index';
import { eventName, field, parseTranscript, RECORDINGS_DIR, type Message } from './recording-fixtures';

const QUEUES_CONF = new URL('../../../../telephony/asterisk/queues.conf', import.meta.url);

/** `key = value` lines of one `[section]` of an Asterisk config file. */
function readSection(text: string, section: string): Record<string, string> {
  const values: Record<string, string> = {};
  let inside = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/;.*$/, '').trim();
    if (line.startsWith('[')) inside = line.startsWith(`[${section}]`);
    else if (inside && line.includes('=')) {
      const [key, value] = line.split('=', 2).map((part) => part.trim());
      if (key && value !== undefined) values[key] = value;
    }
  }
  return values;
}

let sim: PbxSimulator | undefined;
afterEach(async () => sim?.close());

const RING_EVENTS = ['AgentCalled', 'AgentRingNoAnswer', 'QueueMemberPause'];

describe('console agents on the simulator', () => {
  it('follow the shipped queue: timeout, retry and autopause as queues.conf says', () => {
    const hotline = readSection(readFileSync(QUEUES_CONF, 'utf8'), 'hotline');
    expect(SHIPPED_QUEUE_OPTIONS).toEqual({ memberTimeoutS: Number(hotline.timeout), retryS: Number(hotline.retry), autoPause: hotline.autopause === 'yes' });
  });

  it('ring for the member timeout, then AgentRingNoAnswer and the Auto-Pause, as the real PBX recorded', () => {
    // The demo roster is there too (all paused here, as the browser tests pause them).
    sim = createPbxSimulator({ clock: 'manual', priorities: {}, ...HUMAN_AGENT_OPTIONS, members: RECORDED_MEMBERS.slice(0, 4).map((m) => ({ ...m })) });
    for (const m of sim.snapshot().members) sim.engine.pauseMember(m.interface, true, 'e2e');
    const iface = 'Local/8101@agents/n';
    sim.engine.addMember({ interface: iface, memberName: '话务员 李娜' });
    const seen: { name: string; fields: Map<string, string>; at: number }[] = [];
    let now = 0;
    sim.onEvent((fields) => {
      const map = new Map(fields.map(([k, v]) => [k, v] as [string, string]));
      const name = map.get('Event') ?? '';
      if (RING_EVENTS.includes(name) && map.get('Interface') === iface) seen.push({ name, fields: map, at: now });
    });
    sim.placeCall({ hotline: '12345', callerNumber: '13800001111', callerName: '张三', patienceS: 120 });
    for (let step = 0; step < 40; step += 1) {
      sim.tick(500);
      now += 500;
    }

    const transcript = parseTranscript(readFileSync(`${RECORDINGS_DIR}/asterisk-22/ring_noanswer_autopause.txt`, 'utf8'));
    const recorded = transcript.filter((m: Message) => RING_EVENTS.includes(eventName(m)));
    expect(seen.map((e) => e.name)).toEqual(recorded.map(eventName));
    const [called, noAnswer, pause] = seen;
    expect(noAnswer!.at - called!.at).toBe(15_000);
    expect(noAnswer!.fields.get('RingTime')).toBe(field(recorded[1]!, 'RingTime'));
    expect(pause!.fields.get('Paused')).toBe('1');
    expect(pause!.fields.get('PausedReason')).toBe(field(recorded[2]!, 'PausedReason'));
    // Paused: the call is not offered to this agent again until they go ready.
    const member = sim.snapshot().members.find((m) => m.interface === iface);
    expect(member).toMatchObject({ paused: true });
    expect(sim.snapshot().calls.map((c) => c.phase)).toEqual(['waiting']);
    sim.engine.pauseMember(iface, false, '');
    sim.tick(500);
    expect(sim.snapshot().calls.map((c) => c.phase)).toEqual(['ringing']);
    expect(seen.map((e) => e.name).filter((n) => n === 'AgentCalled')).toHaveLength(2);
  });
});
