/**
 * Screen pop latency: 200 agents on WebSockets to a real API (its own process), a real bridge
 * (its own process) on the PBX simulator, 20 new calls a second. Latency = the simulator writing
 * `AgentCalled` (sim.onEvent) → the ringing agent's socket receiving `agent:<interface>`.
 * Baseline in the same run: a bare Redis publish on the same topic → the same socket.
 */
import { randomInt } from 'node:crypto';
import type WebSocket from 'ws';
import { Redis } from 'ioredis';
import { liveChannel } from '@yixian/runtime';
import { createPbxSimulator } from '@yixian/ami/simulator';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { startTsx, withTimeout, type Child } from './lib/child-process.js';
import { openSessions } from './lib/api-sessions.js';
import { closeLiveSockets, openLiveSocket, type LiveFrame } from './lib/live-sockets.js';
import { ratio, summariseLatencies } from './lib/stats.js';

const AGENTS = 200;
const CALLS_PER_S = 20;
const INTERFACE_TEMPLATE = 'Local/{extension}@agents/n';
const extensionOf = (i: number) => String(7001 + i);
const interfaceOf = (i: number) => INTERFACE_TEMPLATE.replace('{extension}', extensionOf(i));

/** Calls `act(i)` `count` times at `perS` a second; resolves after the last. Bounded by count. */
function atFixedRate(count: number, perS: number, act: (i: number) => void): Promise<void> {
  return new Promise((resolve) => {
    const start = performance.now();
    let done = 0;
    const timer = setInterval(() => {
      const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * perS) + 1);
      while (done < due) act(done++);
      if (done >= count) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

export const screenPop: Benchmark = {
  name: 'screen-pop',
  title: 'Screen pop: AgentCalled → the ringing agent\'s WebSocket',
  async run({ quick, log }): Promise<BenchResult> {
    const seconds = quick ? 3 : 60;
    const calls = seconds * CALLS_PER_S;
    const db = await createBenchDatabase({ seed: true });
    const redis = createBenchRedis();
    const sim = createPbxSimulator({
      members: Array.from({ length: AGENTS }, (_, i) => ({ agent: extensionOf(i), answerAfterS: 1, talkS: 4 })),
      joinDelayMs: 100,
    });
    const children: Child[] = [];
    const sockets: WebSocket[] = [];
    const publisher = new Redis(redis.url, { maxRetriesPerRequest: null });
    try {
      const template = await db.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } });
      const agents = await db.prisma.$transaction(Array.from({ length: AGENTS }, (_, i) => db.prisma.user.create({
        data: { username: `bench-agent-${i}`, displayName: `Bench ${i}`, passwordHash: template.passwordHash, roles: ['agent'], areaId: template.areaId, scopeAll: true, extension: extensionOf(i) },
        select: { id: true },
      })));
      const simPort = await sim.listen();
      const env = {
        ...process.env, DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, LOG_LEVEL: 'warn',
        AGENT_INTERFACE_TEMPLATE: INTERFACE_TEMPLATE, AMI_URL: `ami://admin:secret@127.0.0.1:${simPort}`, PBX_ID: 'bench',
      };
      const api = startTsx('api', 'scripts/bench/lib/api-server.ts', [], env, /LISTENING (\d+)/);
      children.push(api);
      const bridge = startTsx('bridge', 'apps/bridge/src/main.ts', [], { ...env, LOG_LEVEL: 'info' }, /bridge started/);
      children.push(bridge);
      const port = Number((await api.ready)[1]);
      await bridge.ready;

      // Times keyed by "<linkedid>|<interface>" (simulator side) and by a sequence (baseline).
      const rangAt = new Map<string, number>();
      const popLatency: number[] = [];
      const baselineSentAt = new Map<string, number>();
      const baselineLatency: number[] = [];
      let wrongAgent = 0;
      let popsSeen = 0;
      let popWaiter: (() => void) | undefined;
      sim.onEvent((fields) => {
        // Simulator events are ordered [name, value] pairs, as written on the wire.
        if (fields[0]?.[1] !== 'AgentCalled') return;
        const at = performance.now();
        const field = (name: string) => fields.find(([key]) => key === name)?.[1];
        rangAt.set(`${field('Linkedid') ?? field('DestLinkedid')}|${field('Interface')}`, at);
      });
      const sessions = await openSessions(redis.url, redis.prefix, agents.map((a) => a.id));
      for (const [i, session] of sessions.entries()) {
        sockets.push(await openLiveSocket(port, session.cookie, (frame: LiveFrame, receivedAt) => {
          if (frame.topic !== `agent:${interfaceOf(i)}`) {
            if (frame.topic.startsWith('agent:')) wrongAgent++;
            return;
          }
          const probe = frame.payload.probe;
          if (typeof probe === 'string') {
            const sentAt = baselineSentAt.get(probe);
            if (sentAt !== undefined) baselineLatency.push(receivedAt - sentAt);
            return;
          }
          if (frame.payload.type !== 'call.ringing') return;
          const at = rangAt.get(`${String(frame.payload.linkedid)}|${interfaceOf(i)}`);
          if (at === undefined) return;
          popLatency.push(receivedAt - at);
          popsSeen++;
          popWaiter?.();
        }));
      }
      const popsReached = (n: number, ms: number) => withTimeout(new Promise<void>((resolve) => {
        popWaiter = () => popsSeen >= n && resolve();
        popWaiter();
      }), ms, `${n} screen pops`);
      log(`${AGENTS} agents connected; warm-up call`);
      sim.placeCall({ hotline: '12345', callerNumber: '13900000000', patienceS: 60 });
      await popsReached(1, 60_000);
      popLatency.length = 0;
      popsSeen = 0;

      log(`${CALLS_PER_S} calls/s for ${seconds} s`);
      await atFixedRate(calls, CALLS_PER_S, () => {
        sim.placeCall({ hotline: randomInt(0, 5) === 0 ? '110' : '12345', callerNumber: `139${String(randomInt(0, 1e8)).padStart(8, '0')}`, patienceS: 60 });
      });
      await popsReached(calls, 60_000).catch(() => undefined);
      const popped = popLatency.length;

      log(`baseline: ${calls} bare publishes at ${CALLS_PER_S}/s`);
      await atFixedRate(calls, CALLS_PER_S, (n) => {
        const probe = `p${n}`;
        baselineSentAt.set(probe, performance.now());
        void publisher.publish(liveChannel(redis.prefix, `agent:${interfaceOf(randomInt(0, AGENTS))}`), JSON.stringify({ probe }));
      });
      await withTimeout(new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (baselineLatency.length >= calls) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      }), 30_000, 'baseline messages').catch(() => undefined);

      const pop = summariseLatencies(popLatency);
      const bare = summariseLatencies(baselineLatency);
      return {
        name: 'screen-pop',
        title: screenPop.title,
        status: 'measured',
        quick,
        command: 'pnpm bench screen-pop',
        parameters: { agents: AGENTS, callsPerS: CALLS_PER_S, seconds, calls, processes: 'api and bridge as child processes; simulator and 200 sockets in the bench process' },
        figures: { popLatencyMs: pop, callsPlaced: calls, popsReceived: popped, popsMissing: calls - popped, popsToWrongAgent: wrongAgent },
        baseline: { what: 'bare Redis PUBLISH on agent:<interface> → API → the same WebSocket', figures: { hopLatencyMs: bare, received: baselineLatency.length } },
        ratios: { 'p99 screen pop ÷ p99 bare hop': ratio(pop.p99, bare.p99), 'p50 screen pop ÷ p50 bare hop': ratio(pop.p50, bare.p50) },
        targets: [checkTarget('p99 screen pop (ms)', pop.p99, '<=', 50, ' ms'), checkTarget('pops missing', calls - popped, '<=', 0), checkTarget('pops to a wrong agent', wrongAgent, '<=', 0)],
        notes: ['The pop path: simulator → AMI (TCP) → bridge (parse, normalise, live state: one Redis PUBLISH) → API pattern subscription → socket.'],
      };
    } finally {
      await closeLiveSockets(sockets);
      for (const child of children.reverse()) await child.stop();
      await sim.close();
      publisher.disconnect();
      await redis.cleanup();
      await db.drop();
    }
  },
};
