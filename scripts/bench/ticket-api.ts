/**
 * Ticket API over real HTTP: the API (`buildApp` + listen, its own process) and the worker
 * (`apps/api/src/worker.ts`) on a seeded database. One operation = create a ticket as the agent
 * (POST /api/tickets) then dispatch it as the dispatcher (POST /api/tickets/:id/dispatch).
 * Measured: latency at a fixed 200 requests/s (open loop); the highest sustained rate (closed
 * loop) beside that of a trivial Fastify route on the same server, as a ratio.
 */
import { randomInt } from 'node:crypto';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { startTsx, type Child } from './lib/child-process.js';
import { createHttpClient, runClosedLoop, runOpenLoop, type HttpClient, type Operation } from './lib/http-load.js';
import { openSessions, type BenchSession } from './lib/api-sessions.js';
import { ratio, round, summariseLatencies } from './lib/stats.js';

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

export const ticketApi: Benchmark = {
  name: 'ticket-api',
  title: 'Ticket API: create + dispatch over HTTP',
  async run({ quick, log }): Promise<BenchResult> {
    // Quick: a light 20 requests/s so the test command checks the path, not this machine's limit.
    const rate = quick ? 20 : 200;
    const seconds = quick ? 3 : 60;
    const maxSeconds = quick ? 3 : 30;
    const concurrency = 16;
    const db = await createBenchDatabase({ seed: true });
    const redis = createBenchRedis();
    const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, LOG_LEVEL: 'info' };
    const children: Child[] = [];
    let http: HttpClient | undefined;
    try {
      const api = startTsx('api', 'scripts/bench/lib/api-server.ts', [], { ...env, LOG_LEVEL: 'error' }, /LISTENING (\d+)/);
      children.push(api);
      const worker = startTsx('worker', 'apps/api/src/worker.ts', [], env, /worker started/);
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
      log(`API on ${port}; ${rate} requests/s for ${seconds} s`);
      const fixed = await runOpenLoop(operation, rate / 2, seconds);
      log(`closed loop, ${concurrency} in flight, ${maxSeconds} s each: trivial route, then create + dispatch`);
      const trivial = await runClosedLoop(ping(http), concurrency, maxSeconds);
      const busy = await runClosedLoop(operation, concurrency, maxSeconds);
      const fixedLatency = summariseLatencies(fixed.latencies);
      const maxRate = round(busy.requests / busy.seconds, 0);
      const trivialRate = round(trivial.requests / trivial.seconds, 0);
      const tickets = await db.prisma.ticket.count({ where: { state: 'dispatched' } });
      return {
        name: 'ticket-api',
        title: ticketApi.title,
        status: 'measured',
        quick,
        command: 'pnpm bench ticket-api',
        parameters: { offeredRequestsPerS: rate, openLoopSeconds: seconds, closedLoopSeconds: maxSeconds, closedLoopConcurrency: concurrency, processes: 'api (buildApp + listen) and worker as child processes; load generator in the bench process' },
        figures: {
          atFixedRate: { requests: fixed.requests, achievedPerS: round(fixed.requests / fixed.seconds, 0), failed: fixed.failed, skipped: fixed.skipped, latencyMs: fixedLatency },
          maxSustainedRequestsPerS: maxRate,
          maxSustainedTicketsPerS: round(busy.operations / busy.seconds, 1),
          maxLoopLatencyMs: summariseLatencies(busy.latencies),
          maxLoopFailed: busy.failed,
          ticketsDispatched: tickets,
          firstError: fixed.firstError ?? busy.firstError,
        },
        baseline: { what: 'GET /bench/ping (a trivial Fastify route on the same server), same closed loop', figures: { requestsPerS: trivialRate, latencyMs: summariseLatencies(trivial.latencies) } },
        ratios: { 'create+dispatch requests/s ÷ trivial route requests/s': ratio(maxRate, trivialRate) },
        targets: [
          checkTarget(`p99 at ${rate} requests/s (ms)`, fixedLatency.p99, '<=', 50, ' ms'),
          checkTarget('sustained rate ÷ trivial route', ratio(maxRate, trivialRate), '>=', 0.25),
          checkTarget('failed operations', fixed.failed + busy.failed, '<=', 0),
        ],
        notes: [
          'Each create and each dispatch is one request; 200 requests/s = 100 tickets created and dispatched per second.',
          ...(fixed.failed + busy.failed > 0 ? [`API errors (log tail): ${api.tail().split('\n').filter((line) => line.includes('"level":50')).slice(-3).join(' | ').slice(0, 1500)}`] : []),
        ],
      };
    } finally {
      http?.close();
      for (const child of children.reverse()) await child.stop();
      await redis.cleanup();
      await db.drop();
    }
  },
};
