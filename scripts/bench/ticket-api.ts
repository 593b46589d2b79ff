/**
 * Ticket API over real HTTP: the API (`buildApp` + listen, its own process) and the worker
 * (`apps/api/src/worker.ts`) on a seeded database. One operation = create a ticket as the agent
 * (POST /api/tickets) then dispatch it as the dispatcher (POST /api/tickets/:id/dispatch).
 * Measured: the highest sustained rate (closed loop) beside the floor — plain `pg` transactions
 * writing the same rows on the same database (lib/intake-floor.ts) — and beside a trivial
 * Fastify route on the same server; then latency at a fixed 150 requests/s (open loop).
 * Around each closed loop, the CPU seconds of every process taking part (the API, the worker,
 * PostgreSQL, Redis, this process), per request, from /proc: which of them the two cores go to.
 * `BENCH_CPU_PROFILE=<dir>` runs the API under `--cpu-prof` and leaves its profile there (the
 * worker's in `<dir>/worker`) and prints the create + dispatch loop's window in the profiles' clock.
 * `--duration S` sets each loop's seconds.
 */
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { startTsx, type Child } from './lib/child-process.js';
import { createIntakeFloor } from './lib/intake-floor.js';
import { createHttpClient, latencyWindows, runClosedLoop, runOpenLoop, type HttpClient, type Operation } from './lib/http-load.js';
import { openSessions, type BenchSession } from './lib/api-sessions.js';
import { ratio, round, summariseLatencies } from './lib/stats.js';
import { parentPid, startCpuPhase, type CpuGroup } from './lib/process-cpu.js';
import { SERVER_NODE_FLAGS } from '../lib/run.js';

const CATEGORIES = ['env.noise', 'city.garbage'];

function createAndDispatch(http: HttpClient, agent: BenchSession, dispatcher: BenchSession): Operation {
  return async () => {
    const created = await http.send('POST', '/api/tickets', agent.headers, {
      channel: 'web', callerNumber: `139${String(randomInt(0, 1e8)).padStart(8, '0')}`, categoryId: CATEGORIES[randomInt(0, CATEGORIES.length)],
      areaId: 's01g01', title: '基准测试工单', description: `负载测试 ${randomInt(0, 1e9)}`,
    });
    if (created.status !== 201) return { latencies: [created.ms], ok: false, error: `create ${created.status}: ${created.body.slice(0, 200)}` };
    const id = (JSON.parse(created.body) as { ticket: { id: string } }).ticket.id;
    const dispatched = await http.send('POST', `/api/tickets/${id}/dispatch`, dispatcher.headers, {});
    if (dispatched.status !== 200) return { latencies: [created.ms, dispatched.ms], ok: false, error: `dispatch ${dispatched.status}: ${dispatched.body.slice(0, 200)}` };
    return { latencies: [created.ms, dispatched.ms], ok: true };
  };
}

function ping(http: HttpClient): Operation {
  return async () => {
    const res = await http.send('GET', '/bench/ping');
    return { latencies: [res.ms], ok: res.status === 200, error: `ping ${res.status}` };
  };
}

/** The processes whose CPU the benchmark accounts for; PostgreSQL and Redis found through their own answers. */
async function processGroups(db: Awaited<ReturnType<typeof createBenchDatabase>>, redisUrl: string, api: Child, worker: Child): Promise<CpuGroup[]> {
  const [row] = await db.prisma.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const redisPid = Number((await client.info('server')).match(/process_id:(\d+)/)?.[1] ?? 0);
  client.disconnect();
  return [
    { name: 'api', pid: api.process.pid ?? 0 },
    { name: 'worker', pid: worker.process.pid ?? 0 },
    { name: 'postgres', pid: parentPid(row?.pid ?? 0) },
    {
      name: 'postgresThisDatabase',
      pids: async () => (await db.prisma.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).map((row) => row.pid),
    },
    { name: 'redis', pid: redisPid },
    { name: 'bench', pid: process.pid, self: true },
  ];
}

export const ticketApi: Benchmark = {
  name: 'ticket-api',
  title: 'Ticket API: create + dispatch over HTTP',
  async run({ quick, durationS, log }): Promise<BenchResult> {
    // Quick: a light 20 requests/s so the test command checks the path, not this machine's limit.
    const rate = quick ? 20 : 150;
    const seconds = durationS ?? (quick ? 3 : 60);
    const maxSeconds = durationS ?? (quick ? 3 : 30);
    const concurrency = 16;
    const db = await createBenchDatabase({ seed: true });
    const redis = createBenchRedis();
    const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, LOG_LEVEL: 'info' };
    const profileDir = process.env.BENCH_CPU_PROFILE;
    const children: Child[] = [];
    let http: HttpClient | undefined;
    let floor: ReturnType<typeof createIntakeFloor> | undefined;
    try {
      const api = startTsx('api', 'scripts/bench/lib/api-server.ts', [], { ...env, LOG_LEVEL: 'error' }, /LISTENING (\d+)/, 60_000,
        [...SERVER_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]);
      children.push(api);
      const worker = startTsx('worker', 'apps/api/src/worker.ts', [], env, /worker started/, 60_000,
        [...SERVER_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/worker`] : [])]);
      children.push(worker);
      const port = Number((await api.ready)[1]);
      await worker.ready;
      const users = await db.prisma.user.findMany({ where: { username: { in: ['demo-agent', 'demo-dispatcher'] } }, select: { id: true, username: true } });
      const idOf = (name: string) => users.find((u) => u.username === name)?.id ?? '';
      const [agent, dispatcher] = await openSessions(redis.url, redis.prefix, [idOf('demo-agent'), idOf('demo-dispatcher')]);
      http = createHttpClient(port);
      const operation = createAndDispatch(http, agent!, dispatcher!);
      const warm = await runClosedLoop(operation, 4, 1);
      if (warm.failed > 0) throw new Error(`create + dispatch fails before any load: ${warm.firstError}`);
      const routed = await db.prisma.ticket.findFirstOrThrow({ where: { state: 'dispatched', categoryId: CATEGORIES[0] }, include: { area: true } });
      floor = createIntakeFloor(db.url, {
        maxConnections: 10, agentId: idOf('demo-agent'), dispatcherId: idOf('demo-dispatcher'), categoryId: routed.categoryId,
        areaId: routed.areaId!, areaPath: routed.area!.path, leadUnitId: routed.leadUnitId!,
      });
      const cpuGroups = await processGroups(db, redis.url, api, worker);
      log(`API on ${port}; closed loop, ${concurrency} in flight, ${maxSeconds} s each: the floor (plain pg), the trivial route, create + dispatch`);
      const floorCpu = await startCpuPhase(cpuGroups);
      const floorRun = await runClosedLoop(floor.operation, concurrency, maxSeconds);
      const floorCpuPhase = await floorCpu.end(floorRun.requests);
      const trivial = await runClosedLoop(ping(http), concurrency, maxSeconds);
      const busyCpu = await startCpuPhase(cpuGroups);
      // CLOCK_MONOTONIC in µs, the clock of a .cpuprofile's sample times: the window to read.
      const busyFromUs = process.hrtime.bigint() / 1000n;
      const busy = await runClosedLoop(operation, concurrency, maxSeconds);
      const busyCpuPhase = await busyCpu.end(busy.requests);
      if (profileDir) log(`create + dispatch closed loop ran from ${busyFromUs} to ${process.hrtime.bigint() / 1000n} µs (monotonic clock, as in the profile)`);
      log(`open loop: ${rate} requests/s for ${seconds} s, from ${new Date().toISOString()}`);
      const fixed = await runOpenLoop(operation, rate / 2, seconds);
      const fixedLatency = summariseLatencies(fixed.latencies);
      const maxRate = round(busy.requests / busy.seconds, 0);
      const floorRate = round(floorRun.requests / floorRun.seconds, 0);
      const trivialRate = round(trivial.requests / trivial.seconds, 0);
      const tickets = await db.prisma.ticket.count({ where: { state: 'dispatched', code: { startsWith: 'YX' } } });
      const floorTickets = await db.prisma.ticket.count({ where: { state: 'dispatched', code: { startsWith: 'FL' } } });
      return {
        name: 'ticket-api',
        title: ticketApi.title,
        status: 'measured',
        quick,
        command: 'pnpm bench ticket-api',
        parameters: {
          offeredRequestsPerS: rate, openLoopSeconds: seconds, closedLoopSeconds: maxSeconds, closedLoopConcurrency: concurrency, floorConnections: 10,
          processes: 'api (buildApp + listen) and worker as child processes; load generator and floor in the bench process',
        },
        figures: {
          maxSustainedRequestsPerS: maxRate,
          maxSustainedTicketsPerS: round(busy.operations / busy.seconds, 1),
          maxLoopLatencyMs: summariseLatencies(busy.latencies),
          maxLoopFailed: busy.failed,
          maxLoopCpuMsPerRequest: busyCpuPhase.msPerRequest,
          maxLoopCpuPercentOfMachine: busyCpuPhase.percentOfMachine,
          atFixedRate: { requests: fixed.requests, achievedPerS: round(fixed.requests / fixed.seconds, 0), failed: fixed.failed, skipped: fixed.skipped, latencyMs: fixedLatency },
          // p99 and worst per 5 s of the open loop: recurring bursts point at periodic work, steady ones at capacity.
          atFixedRateBy5s: latencyWindows(fixed.timeline, 5).map(({ fromS, p99, max }) => `${fromS}s:${p99}/${max}`).join(' '),
          ticketsDispatched: tickets,
          firstError: fixed.firstError ?? busy.firstError,
        },
        baseline: {
          what: 'the floor: plain pg transactions writing the rows of one create + dispatch (lib/intake-floor.ts), same closed loop and database; and GET /bench/ping, a trivial Fastify route on the same server',
          figures: {
            floorRequestsPerS: floorRate, floorTransactionMs: summariseLatencies(floorRun.latencies), floorFailed: floorRun.failed, floorTicketsDispatched: floorTickets,
            floorCpuMsPerTransaction: floorCpuPhase.msPerRequest, floorCpuPercentOfMachine: floorCpuPhase.percentOfMachine,
            trivialRequestsPerS: trivialRate, trivialLatencyMs: summariseLatencies(trivial.latencies),
          },
        },
        ratios: {
          'create+dispatch requests/s ÷ floor transactions/s': ratio(maxRate, floorRate),
          'create+dispatch requests/s ÷ trivial route requests/s': ratio(maxRate, trivialRate),
        },
        targets: [
          checkTarget('sustained rate ÷ floor', ratio(maxRate, floorRate), '>=', 0.5),
          checkTarget('sustained requests/s', maxRate, '>=', 250),
          checkTarget(`p99 at ${rate} requests/s offered (ms)`, fixedLatency.p99, '<=', 100, ' ms'),
          checkTarget('failed operations', fixed.failed + busy.failed + floorRun.failed, '<=', 0),
        ],
        notes: [
          'Each create and each dispatch is one request (one transaction on the floor); 150 requests/s = 75 tickets created and dispatched per second.',
          'CPU per request: user + system time from /proc over the closed loop ÷ its requests, for the API and the worker (each with its tsx parent), the whole PostgreSQL cluster (postgresThisDatabase: the bench database\'s backends, part of it), the Redis server (shared with other users of it), this process (load generator and floor); machineBusy is all cores\' busy time, other = machineBusy less ours (other work on the machine).',
          ...(floorRun.failed > 0 ? [`floor failed: ${floorRun.firstError}`] : []),
          ...(fixed.failed + busy.failed > 0 ? [`API errors (log tail): ${api.tail().split('\n').filter((line) => line.includes('"level":50')).slice(-3).join(' | ').slice(0, 1500)}`] : []),
        ],
      };
    } finally {
      http?.close();
      await floor?.close();
      for (const child of children.reverse()) await child.stop();
      await redis.cleanup();
      await db.drop();
    }
  },
};
