import { createManualClock } from './clock';
import type { AmiSession } from './ami-session';
import { createPbxEngine } from './pbx-engine';
import { resolveSimulatorOptions } from './simulator-options';
import { startTraffic } from './traffic-generator';
import { serializeMessage } from './wire-format';

const FLOOD_AGENTS = Array.from({ length: 30 }, (_, i) => ({ agent: String(7001 + i), talkS: null }));

/**
 * Flood mode for the ingest benchmark: a private PBX on a virtual clock generates calls
 * (answered, abandoned, ring-no-answer, in the recorded shapes) and their events are written
 * as fast as the socket drains, then `UserEvent: FloodComplete` with the counts.
 */
export async function streamFlood(session: AmiSession, calls: number, seed = 7): Promise<{ events: number; calls: number }> {
  const clock = createManualClock();
  const engine = createPbxEngine(clock, resolveSimulatorOptions({ members: FLOOD_AGENTS }));
  let chunk: string[] = [];
  let events = 0;
  engine.core.sink = (fields) => {
    chunk.push(serializeMessage(fields));
    events += 1;
  };
  const traffic = startTraffic(engine, clock, {
    callsPerHour: 3600, seed, talkS: { mean: 20, min: 5, max: 90 }, patienceS: { mean: 25, min: 2, max: 120 },
  });
  const { socket } = session;
  const drained = () => new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.once('drain', done);
    socket.once('close', done);
  });
  while (!socket.destroyed && (traffic.placed() < calls || engine.core.calls.size > 0)) {
    if (traffic.placed() >= calls) traffic.stop();
    clock.tick(1000);
    if (chunk.length === 0) continue;
    const ok = socket.write(chunk.join(''));
    chunk = [];
    if (!ok) await drained();
  }
  traffic.stop();
  if (!socket.destroyed) {
    socket.write(serializeMessage([
      ['Event', 'UserEvent'], ['Privilege', 'user,all'], ['UserEvent', 'FloodComplete'],
      ['Calls', String(traffic.placed())], ['Events', String(events)],
    ]));
  }
  return { events, calls: traffic.placed() };
}
