/**
 * Drill: SIGTERM every process (api, worker, bridge) under load — calls arriving from the PBX
 * simulator and tickets being taken over HTTP. Each must drain and exit 0 within 30 s; no job
 * may be left active (stuck) after they are gone; after a restart the queues empty again and
 * every call the PBX took has its record.
 */
import { createServer } from 'node:net';
import type { DrillDefinition } from './lib/drill-types.js';
import { createDrillData, DRILL_PASSWORD } from './lib/drill-services.js';
import { startProcess, stopProcess, type DrillProcess, type ProcessKind } from './lib/child-process.js';
import { waitUntil } from './lib/wait-for.js';
import { createPbxSimulator } from '../../packages/ami/src/simulator/index.js';
import { createQueueProducer } from '../../apps/api/src/jobs/queue-producer.js';
import { CALL_EVENTS_QUEUE, callerKey, createRedis, pbxCommandsQueue } from '@yixian/runtime';
import { DELIVERY_QUEUES } from '../../apps/api/src/modules/outbox/outbox-topics.js';

const QUEUE_NAMES = [CALL_EVENTS_QUEUE, DELIVERY_QUEUES.deadlines, DELIVERY_QUEUES.notifications, DELIVERY_QUEUES.housekeeping, pbxCommandsQueue('default')];

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

export const sigtermDrainDrill: DrillDefinition = {
  name: 'sigterm-drain',
  summary: 'SIGTERM api, worker and bridge under load: each drains within 30 s, no job left active, nothing lost after restart',
  async run({ quick, log }) {
    const loadMs = quick ? 6_000 : 20_000;
    const data = await createDrillData();
    const sim = createPbxSimulator({ username: 'drill', secret: 'drill-secret', traffic: { callsPerHour: quick ? 1_800 : 3_600, seed: 7 } });
    await sim.listen();
    // The simulator's traffic starts with listen(); calls that join before the bridge's first
    // connect are not the drill's subject (no bridge saw them): only joins after it count.
    let isWatching = false;
    const offered = new Set<string>();
    sim.onEvent((fields) => {
      const get = (key: string) => fields.find(([name]) => name === key)?.[1];
      const linkedid = get('Linkedid');
      if (isWatching && get('Event') === 'QueueCallerJoin' && linkedid) offered.add(linkedid);
    });
    const port = await freePort();
    const env = { ...data.env, PORT: String(port), LOG_LEVEL: 'info', AMI_URL: `ami://drill:drill-secret@127.0.0.1:${sim.port}`, AGENT_INTERFACE_TEMPLATE: 'Local/{extension}@agents/n' };
    const redis = createRedis(data.config.redis, { name: 'drill-queues' });
    await redis.connect();
    const producer = createQueueProducer(redis, data.redisPrefix);
    const jobCounts = async () => {
      const totals = { active: 0, waiting: 0 };
      for (const name of QUEUE_NAMES) {
        const counts = await producer.get(name).getJobCounts('active', 'waiting');
        totals.active += counts.active ?? 0;
        totals.waiting += counts.waiting ?? 0;
      }
      return totals;
    };
    const kinds: ProcessKind[] = ['api', 'worker', 'bridge'];
    let processes: DrillProcess[] = [];
    const failures: string[] = [];
    const base = `http://127.0.0.1:${port}`;
    const startAll = async () => {
      processes = kinds.map((kind) => startProcess(kind, env));
      // Boot under tsx is slow on a busy 2-core machine: generous, bounded waits.
      await waitUntil(async () => {
        if (processes[0]!.child.exitCode !== null) throw new Error(`api exited: ${processes[0]!.tail()}`);
        return (await fetch(`${base}/api/health`).catch(() => null))?.status !== undefined;
      }, 'the API to listen', { timeoutMs: 240_000, intervalMs: 250, describe: () => processes[0]!.tail() });
      await processes[1]!.waitForLine(/worker started/, 240_000);
      await processes[2]!.waitForLine(/resynced from PBX/, 240_000);
    };
    try {
      await startAll();
      isWatching = true;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-agent', password: DRILL_PASSWORD }) });
      const cookie = String(login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      sim.startTraffic();
      for (let i = 0; i < 10; i++) sim.placeCall({ hotline: i % 4 === 0 ? '110' : '12345', callerNumber: `1390000${String(i).padStart(4, '0')}`, patienceS: 60, talkS: 20 });
      const until = performance.now() + loadMs;
      let tickets = 0;
      while (performance.now() < until) {
        const response = await fetch(`${base}/api/tickets`, {
          method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
          body: JSON.stringify({ channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', kind: 'complaint', title: '垃圾未清运', description: 'drill load', dispatch: true }),
        });
        if (response.status === 201) tickets += 1;
      }
      // Calls the bridge saw join: each must have its record. Calls that join and end while no
      // bridge runs are invisible to AMI (events are never replayed); they are counted apart.
      const callsTaken = new Set(offered);
      log(`${tickets} tickets and ${callsTaken.size} calls under load; SIGTERM to api, worker and bridge`);
      const stops = await Promise.all(processes.map((proc) => stopProcess(proc, 'SIGTERM', 30_000)));
      const drain: Record<string, number> = {};
      stops.forEach((stop, i) => {
        drain[`${kinds[i]}DrainMs`] = stop.ms;
        if (stop.forced || stop.code !== 0) failures.push(`${kinds[i]} did not drain within 30 s (exit ${stop.code ?? stop.signal}${stop.forced ? ', killed' : ''})`);
      });
      const afterStop = await jobCounts();
      if (afterStop.active > 0) failures.push(`${afterStop.active} jobs left active after every process stopped`);
      if (callsTaken.size === 0 || tickets === 0) failures.push(`no load: ${callsTaken.size} calls, ${tickets} tickets`);
      await startAll();
      await waitUntil(async () => (await jobCounts()).active === 0 && (await jobCounts()).waiting === 0, 'the queues to empty after the restart', { timeoutMs: 90_000, intervalMs: 250 })
        .catch((error: Error) => failures.push(error.message));
      const rows = await data.prisma.call.findMany({ where: { linkedid: { in: [...callsTaken] } }, select: { linkedid: true } });
      const recorded = new Set(rows.map((row) => row.linkedid));
      // A call without a record: did the bridge hand it off (its caller hash, written with the
      // call.offered job, exists) — then it is lost — or was its join still in flight on the AMI
      // link when the bridge closed it (a gap reported apart, see README)?
      let lostAccepted = 0;
      let inFlightAtStop = 0;
      for (const linkedid of callsTaken) {
        if (recorded.has(linkedid)) continue;
        if ((await redis.exists(callerKey(data.redisPrefix, 'default', linkedid))) === 1) lostAccepted += 1;
        else inFlightAtStop += 1;
      }
      const duringDowntime = [...offered].filter((linkedid) => !callsTaken.has(linkedid));
      const recordedDuringDowntime = await data.prisma.call.count({ where: { linkedid: { in: duringDowntime } } });
      return {
        lost: lostAccepted,
        duplicated: rows.length - new Set(rows.map((row) => row.linkedid)).size,
        failures,
        figures: { loadMs, tickets, calls: callsTaken.size, ...drain, activeAfterStop: afterStop.active, waitingAfterStop: afterStop.waiting, callsUnseenAtStop: inFlightAtStop, callsJoinedWhileDown: duringDowntime.length, ofThemRecorded: recordedDuringDowntime },
      };
    } finally {
      await Promise.all(processes.map((proc) => stopProcess(proc, 'SIGTERM', 30_000)));
      await producer.close().catch(() => undefined);
      await redis.quit().catch(() => undefined);
      await sim.close();
      await data.cleanup();
    }
  },
};
