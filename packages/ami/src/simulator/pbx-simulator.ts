import { createServer, type Server } from 'node:net';
import type { ActionHandler } from './action-context';
import { onDBDel, onDBGet, onDBGetTree, onDBPut } from './astdb';
import { createAmiSession, type AmiSession } from './ami-session';
import { onBlindTransfer, onHangup, onOriginate, onRedirect, onSimAnswer, onSimHours } from './call-actions';
import { createManualClock, createRealClock, type ManualClock, type SimClock } from './clock';
import { streamFlood } from './flood-stream';
import { onCoreShowChannels, onQueueStatus, onQueueSummary, onStatus } from './list-actions';
import { createListenChannels } from './listen-channels';
import { createPbxEngine, type PbxEngine, type PlaceCallInput } from './pbx-engine';
import { onQueueAdd, onQueuePause, onQueuePenalty, onQueueRemove } from './queue-member-actions';
import { CALL_PHASE } from './sim-model';
import { resolveSimulatorOptions, type PbxSimulatorOptions } from './simulator-options';
import { startTraffic, type TrafficRun } from './traffic-generator';
import type { AmiFields } from './wire-format';

const HANDLERS = new Map<string, ActionHandler>([
  ['queuestatus', onQueueStatus], ['queuesummary', onQueueSummary], ['coreshowchannels', onCoreShowChannels],
  ['status', onStatus], ['queueadd', onQueueAdd], ['queueremove', onQueueRemove], ['queuepause', onQueuePause],
  ['queuepenalty', onQueuePenalty], ['hangup', onHangup], ['redirect', onRedirect], ['blindtransfer', onBlindTransfer],
  ['originate', onOriginate], ['yixiansimanswer', onSimAnswer], ['yixiansimhours', onSimHours],
  ['dbput', onDBPut], ['dbdel', onDBDel], ['dbget', onDBGet], ['dbgettree', onDBGetTree],
]);

export interface PlacedCall {
  linkedid: string;
  /** The `;2` leg that sits in the queue. */
  channel: string;
}

export interface SimulatorSnapshot {
  waiting: Array<{ linkedid: string; hotline: string; position: number }>;
  calls: Array<{ linkedid: string; hotline: string; phase: string; agent: string | undefined }>;
  members: Array<{ agent: string; interface: string; paused: boolean; busy: boolean; penalty: number }>;
}

export interface PbxSimulator {
  /** The bound port (after listen()); the configured one before. */
  readonly port: number;
  readonly clock: SimClock;
  readonly engine: PbxEngine;
  listen(): Promise<number>;
  close(): Promise<void>;
  /** Places a caller on a hotline (no AMI Originate, so no OriginateResponse). */
  placeCall(input: PlaceCallInput): PlacedCall;
  /** The agent's phone answers the call ringing it. */
  answer(agent: string): void;
  /** Hangs up a call: the caller (default: abandon / caller ends talk) or the agent side. */
  hangup(linkedid: string, side?: 'caller' | 'agent'): void;
  /** PBX restart: everything hung up, Shutdown, sockets closed, ids and pauses reset. */
  restart(): Promise<void>;
  /** Advances the manual clock; throws with a real clock. */
  tick(ms: number): void;
  startTraffic(): TrafficRun;
  snapshot(): SimulatorSnapshot;
  /** In-process listener for every event (tests, demo logging). Returns an unsubscribe function. */
  onEvent(listener: (fields: AmiFields) => void): () => void;
}

/**
 * Creates a PBX simulator speaking AMI over TCP, with the `hotline` queue of the recordings.
 * Options are validated at once (SimulatorOptionsError names the bad one).
 */
export function createPbxSimulator(input: PbxSimulatorOptions = {}): PbxSimulator {
  const options = resolveSimulatorOptions(input);
  const clock: SimClock = input.clock === 'manual'
    ? createManualClock(input.startTime)
    : input.clock === undefined || input.clock === 'real'
      ? createRealClock(input.speed ?? 1)
      : input.clock;
  const engine = createPbxEngine(clock, options);
  const listen = createListenChannels(engine.core);
  const sessions = new Set<AmiSession>();
  const listeners = new Set<(fields: AmiFields) => void>();
  let server: Server | undefined;
  let boundPort = options.port;
  let restarted = false;
  let traffic: TrafficRun | undefined;

  engine.core.sink = (fields) => {
    for (const session of sessions) if (session.wantsEvents()) session.send(fields);
    for (const listener of listeners) listener(fields);
  };

  const host = {
    engine,
    listen,
    handlers: HANDLERS,
    username: options.username,
    secret: options.secret,
    uptimeS: () => Math.floor((clock.now() - engine.core.bootAt) / 1000) + (restarted ? 0 : options.initialUptimeS),
    onLoggedIn: options.flood
      ? (session: AmiSession) => {
        sessions.delete(session);
        void streamFlood(session, options.flood?.calls ?? 1000).catch(() => session.close());
      }
      : undefined,
    onClosed: (session: AmiSession) => sessions.delete(session),
  };

  const sim: PbxSimulator = {
    get port() {
      return boundPort;
    },
    clock,
    engine,
    listen() {
      return new Promise((resolve, reject) => {
        server = createServer((socket) => {
          socket.setNoDelay(true);
          sessions.add(createAmiSession(socket, host));
        });
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          const address = server?.address();
          boundPort = typeof address === 'object' && address ? address.port : options.port;
          if (options.traffic && !traffic) traffic = startTraffic(engine, clock, options.traffic);
          resolve(boundPort);
        });
      });
    },
    async close() {
      traffic?.stop();
      traffic = undefined;
      for (const session of [...sessions]) {
        session.close();
        session.socket.destroy();
      }
      sessions.clear();
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    placeCall(call) {
      const placed = engine.placeCall(call);
      return { linkedid: placed.linkedid, channel: placed.inner.name };
    },
    answer: (agent) => engine.answer(agent),
    hangup: (linkedid, side) => engine.hangup(linkedid, side),
    async restart() {
      listen.hangupAll();
      engine.shutdownCalls();
      restarted = true;
      const closing = [...sessions].map((session) => new Promise<void>((resolve) => {
        session.socket.once('close', () => resolve());
        session.close();
      }));
      sessions.clear();
      await Promise.all(closing);
    },
    tick(ms) {
      if ((clock as Partial<ManualClock>).kind !== 'manual') throw new Error('tick(ms) needs the simulator created with clock: "manual"');
      (clock as ManualClock).tick(ms);
    },
    startTraffic() {
      traffic?.stop();
      traffic = startTraffic(engine, clock, options.traffic ?? { callsPerHour: 120 });
      return traffic;
    },
    snapshot() {
      const { core } = engine;
      return {
        waiting: core.waiting.map((c, i) => ({ linkedid: c.linkedid, hotline: c.hotline, position: i + 1 })),
        calls: [...core.calls.values()].map((c) => ({ linkedid: c.linkedid, hotline: c.hotline, phase: c.phase, agent: c.member?.agent })),
        members: core.members.map((m) => ({
          agent: m.agent, interface: m.interface, paused: m.paused, penalty: m.penalty,
          busy: m.linkedid !== undefined && core.calls.get(m.linkedid)?.phase !== CALL_PHASE.done,
        })),
      };
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return sim;
}
