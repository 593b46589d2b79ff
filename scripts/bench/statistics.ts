/**
 * Statistics at city scale: a generated city-year (`gen:city`: 3 M calls, 1 M tickets; quick: a
 * small town) in its own database, the rollups rebuilt from the raw records (timed), then the
 * wallboard, statistics and drill-down routes of a real API process over HTTP (p50/p95), and the
 * one-click assessment of every unit for a month and a year. Checked on the way: the month's
 * ticket figures equal a full recomputation from the raw trail (the figure the rollup replaces).
 * Baseline in the same run: a plain `COUNT(*) … GROUP BY` over the same year's raw rows, and that
 * raw recomputation of the month's ticket figures, each beside the rollup reads as a ratio.
 *
 * `BENCH_CITY_DATABASE_URL` reuses a database `pnpm gen:city` filled (generating 1 M tickets takes
 * a while); otherwise one is made and dropped.
 */
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import { rebuildCallRollups } from '../../apps/api/src/modules/statistics/call-rollup.js';
import { rebuildTicketRollups } from '../../apps/api/src/modules/statistics/ticket-rollup.js';
import { rebuildIndicatorFacts } from '../../apps/api/src/modules/statistics/refresh-indicator-facts.js';
import { recomputeIndicatorSets } from '../../apps/api/src/modules/statistics/recompute-ticket-figures.js';
import { TICKET_INDICATORS } from '../../apps/api/src/modules/statistics/ticket-indicators.js';
import { checkTarget, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { assertLoopback, createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { startTsx, type Child } from './lib/child-process.js';
import { createHttpClient, type HttpClient } from './lib/http-load.js';
import { openSessions, type BenchSession } from './lib/api-sessions.js';
import { ratio, round, summariseLatencies } from './lib/stats.js';
import { generateCity } from './generate-city.js';

const DAY_MS = 24 * 3600_000;
const OFFSET_MS = 8 * 3600_000;
const FULL_CITY = { calls: 3_000_000, tickets: 1_000_000, days: 365 };
const QUICK_CITY = { calls: 20_000, tickets: 6_000, days: 70 };

/** Shanghai midnight (as an instant) of the day `at` falls on, moved by `days`. */
const midnight = (at: number, days = 0) => Math.floor((at + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS + days * DAY_MS;
/** Shanghai midnight starting month `month` (0-based, may overflow) of `year`. */
const monthStart = (year: number, month: number) => Date.UTC(year, month, 1) - OFFSET_MS;
const iso = (ms: number) => new Date(ms).toISOString();

interface Periods { day: [number, number]; month: [number, number]; half: [number, number]; year: [number, number]; monthNumber: { year: number; month: number } }

/** The last whole day, the last whole month, the six months before it, and the whole generated span. */
function periodsOf(firstDay: number, lastDayEnd: number): Periods {
  const local = new Date(lastDayEnd + OFFSET_MS);
  const [y, m] = [local.getUTCFullYear(), local.getUTCMonth()];
  const month: [number, number] = [monthStart(y, m - 1), monthStart(y, m)];
  const monthLocal = new Date(month[0] + OFFSET_MS);
  return {
    day: [lastDayEnd - DAY_MS, lastDayEnd], month, half: [Math.max(firstDay, monthStart(y, m - 6)), monthStart(y, m)], year: [firstDay, lastDayEnd],
    monthNumber: { year: monthLocal.getUTCFullYear(), month: monthLocal.getUTCMonth() + 1 },
  };
}

async function timeRoute(http: HttpClient, session: BenchSession, path: string, repeats: number) {
  const first = await http.send('GET', path, session.headers);
  if (first.status !== 200) throw new Error(`GET ${path} → ${first.status}: ${first.body.slice(0, 300)}`);
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const res = await http.send('GET', path, session.headers);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
    samples.push(res.ms);
  }
  return { ...summariseLatencies(samples), coldMs: round(first.ms, 1), body: first.body };
}

async function timeSql(client: pg.Client, sql: string, params: unknown[], repeats: number) {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await client.query(sql, params);
    samples.push(performance.now() - start);
  }
  return summariseLatencies(samples);
}

async function timeAssessment(http: HttpClient, commander: BenchSession, period: Record<string, unknown>, repeats: number) {
  const samples: number[] = [];
  let units = 0;
  for (let i = 0; i < repeats; i++) {
    const res = await http.send('POST', '/api/assessment/runs', commander.headers, { schemeId: 'default-assessment', period });
    if (res.status !== 201) throw new Error(`POST /api/assessment/runs → ${res.status}: ${res.body.slice(0, 300)}`);
    samples.push(res.ms);
    const run = JSON.parse(res.body) as { id: string; groups: { units: unknown[] }[] };
    units = run.groups.reduce((sum, group) => sum + group.units.length, 0);
    const removed = await http.send('DELETE', `/api/assessment/runs/${run.id}`, commander.headers);
    if (removed.status >= 300) throw new Error(`DELETE /api/assessment/runs/${run.id} → ${removed.status}`);
  }
  return { ...summariseLatencies(samples), units };
}

/** Whether the API's month figures equal the raw recomputation, and how long that recomputation took. */
async function checkAgainstReference(prisma: PrismaClient, figuresBody: string, month: [number, number], now: Date) {
  const start = performance.now();
  const reference = await recomputeIndicatorSets(prisma, { from: new Date(month[0]), to: new Date(month[1]), now });
  const referenceMs = performance.now() - start;
  const rows = (JSON.parse(figuresBody) as { rows: { unitId: string; figures: Record<string, { numerator: number; denominator: number }> }[] }).rows;
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.unitId);
    for (const indicator of TICKET_INDICATORS) {
      const sets = reference.get(row.unitId)?.[indicator];
      const expected = [sets?.numerator.size ?? 0, sets?.denominator.size ?? 0];
      const actual = [row.figures[indicator]!.numerator, row.figures[indicator]!.denominator];
      if (expected[0] !== actual[0] || expected[1] !== actual[1]) mismatches.push(`${row.unitId}.${indicator}: ${actual.join('/')} ≠ ${expected.join('/')}`);
    }
  }
  for (const [unitId, sets] of reference) {
    if (!seen.has(unitId) && TICKET_INDICATORS.some((i) => sets[i].denominator.size > 0 || sets[i].numerator.size > 0)) mismatches.push(`${unitId}: missing`);
  }
  return { referenceMs: round(referenceMs, 0), mismatches };
}

/** The city to measure on: `BENCH_CITY_DATABASE_URL` reused, or one generated of `size` (dropped after). */
export async function prepareCity(quick: boolean, log: (line: string) => void, size: { calls: number; tickets: number; days: number } = quick ? QUICK_CITY : FULL_CITY) {
  const reuse = process.env.BENCH_CITY_DATABASE_URL;
  if (reuse) {
    assertLoopback(reuse, 'BENCH_CITY_DATABASE_URL');
    const prisma = createPrismaClient(reuse);
    const calls = await prisma.call.count({ where: { pbxId: 'city' } });
    if (calls === 0) throw new Error('BENCH_CITY_DATABASE_URL holds no generated city: run pnpm gen:city first');
    return { url: reuse, prisma, generated: null, reused: true, drop: async () => { await prisma.$disconnect(); } };
  }
  const db = await createBenchDatabase({ seed: true });
  log(`generating a city: ${size.calls} calls, ${size.tickets} tickets over ${size.days} days…`);
  const generated = await generateCity({ databaseUrl: db.url, ...size, log });
  return { url: db.url, prisma: db.prisma, generated, reused: false, drop: () => db.drop() };
}

export const statistics: Benchmark = {
  name: 'statistics',
  title: 'Statistics and one-click assessment at city scale',
  async run({ quick, log }): Promise<BenchResult> {
    const repeats = quick ? 3 : 20;
    const city = await prepareCity(quick, log);
    const redis = createBenchRedis();
    const client = new pg.Client({ connectionString: city.url });
    const children: Child[] = [];
    try {
      await client.connect();
      const span = (await client.query<{ first: Date; last: Date; calls: string; tickets: string; events: string }>(`
        SELECT min("enteredAt") AS first, max("enteredAt") AS last, count(*)::text AS calls,
               (SELECT count(*)::text FROM "ticket") AS tickets, (SELECT count(*)::text FROM "ticket_event") AS events
          FROM "call" WHERE "pbxId" = 'city'`)).rows[0]!;
      // Periods end at today's Shanghai midnight: the generator also fills the rest of today, and a
      // period reaching past "now" would count deadlines still ahead differently from one moment to the next.
      const periods = periodsOf(midnight(span.first.getTime()), Math.min(midnight(span.last.getTime(), 1), midnight(Date.now())));
      const now = new Date(periods.year[1]);

      // A reused city whose rollups are current (nothing marked, rollup filled) is not rebuilt again.
      const state = (await client.query<{ dirty: string; rollup: string }>(`
        SELECT (SELECT count(*)::text FROM "ticket_indicator_dirty") AS dirty, (SELECT count(*)::text FROM "indicator_rollup") AS rollup`)).rows[0]!;
      const rebuild = !city.reused || state.dirty !== '0' || state.rollup === '0';
      let callRollupS: number | null = null;
      let ticketRollupS: number | null = null;
      let indicatorS: number | null = null;
      let indicatorTickets = 0;
      if (rebuild) {
        log('rebuilding the rollups from the raw records…');
        let start = performance.now();
        await rebuildCallRollups(city.prisma, { from: new Date(periods.year[0]), to: now });
        callRollupS = (performance.now() - start) / 1000;
        start = performance.now();
        await rebuildTicketRollups(city.prisma, { from: new Date(periods.year[0]), to: now });
        ticketRollupS = (performance.now() - start) / 1000;
        start = performance.now();
        indicatorTickets = await rebuildIndicatorFacts(city.prisma);
        indicatorS = (performance.now() - start) / 1000;
        log(`rollups rebuilt: calls ${round(callRollupS, 1)} s, tickets ${round(ticketRollupS, 1)} s, indicator facts of ${indicatorTickets} tickets ${round(indicatorS, 1)} s`);
      } else {
        log('reused city: rollups are current, not rebuilt');
      }
      const sizes = (await client.query<{ facts: string; rollup: string; rollable: string }>(`
        SELECT (SELECT count(*)::text FROM "ticket_indicator_fact") AS facts, (SELECT count(*)::text FROM "ticket_indicator_fact" WHERE "rollable") AS rollable,
               (SELECT count(*)::text FROM "indicator_rollup") AS rollup`)).rows[0]!;
      if (rebuild) await client.query('ANALYZE "ticket_indicator_fact", "indicator_rollup", "call_rollup", "ticket_rollup"');

      const env = { ...process.env, DATABASE_URL: city.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, LOG_LEVEL: 'error' };
      const api = startTsx('api', 'scripts/bench/lib/api-server.ts', [], env, /LISTENING (\d+)/);
      children.push(api);
      const http = createHttpClient(Number((await api.ready)[1]));
      const users = await city.prisma.user.findMany({ where: { username: { in: ['demo-lead', 'demo-commander'] } }, select: { id: true, username: true } });
      const idOf = (name: string) => users.find((u) => u.username === name)?.id ?? '';
      const [lead, commander] = await openSessions(redis.url, redis.prefix, [idOf('demo-lead'), idOf('demo-commander')]);
      const busiest = (await client.query<{ unitKey: string }>(`
        SELECT "unitKey" FROM "indicator_rollup" WHERE "indicator" = 'on_time_completion' GROUP BY 1 ORDER BY sum("denominator") DESC LIMIT 1`)).rows[0]?.unitKey ?? 'centre';
      const q = (p: [number, number]) => `from=${iso(p[0])}&to=${iso(p[1])}`;
      const routes: Record<string, string> = {
        wallboard: '/api/wallboard/today',
        callsByHourDay: `/api/statistics/calls?${q(periods.day)}&groupBy=hour`,
        callsByDayMonth: `/api/statistics/calls?${q(periods.month)}&groupBy=day`,
        callsByMonthYear: `/api/statistics/calls?${q(periods.year)}&groupBy=month`,
        callsByHotlineYear: `/api/statistics/calls?${q(periods.year)}&groupBy=hotline`,
        ticketsByUnitYear: `/api/statistics/tickets?${q(periods.year)}&groupBy=unit`,
        ticketsByCategoryMonth: `/api/statistics/tickets?${q(periods.month)}&groupBy=category`,
        ticketFiguresMonth: `/api/statistics/ticket-figures?${q(periods.month)}`,
        ticketFiguresHalfYear: `/api/statistics/ticket-figures?${q(periods.half)}`,
        ticketFiguresYear: `/api/statistics/ticket-figures?${q(periods.year)}`,
        ticketFiguresRaggedYear: `/api/statistics/ticket-figures?from=${iso(periods.year[0] + 5 * 3600_000)}&to=${iso(periods.year[1] - 7 * 3600_000)}`,
        drillYear: `/api/statistics/drill?metric=on_time_completion&part=numerator&unitId=${busiest}&${q(periods.year)}&pageSize=50`,
      };
      const queries: Record<string, Record<string, number>> = {};
      const bodies: Record<string, string> = {};
      for (const [name, path] of Object.entries(routes)) {
        const { body, ...timing } = await timeRoute(http, lead!, path, repeats);
        queries[name] = timing;
        bodies[name] = body;
        log(`${name}: p50 ${timing.p50} ms, p95 ${timing.p95} ms (cold ${timing.coldMs} ms)`);
      }
      const yearOfData = new Date(periods.year[1] - DAY_MS + OFFSET_MS).getUTCFullYear();
      const assess = (period: Record<string, unknown>) => timeAssessment(http, commander!, period, quick ? 1 : 5)
        .catch((error: unknown) => { throw new Error(`${error instanceof Error ? error.message : String(error)}\n${api.tail()}`); });
      const assessMonth = await assess({ kind: 'month', ...periods.monthNumber });
      const assessYear = await assess({ kind: 'year', year: yearOfData });
      log(`assessment: month p50 ${assessMonth.p50} ms, year p50 ${assessYear.p50} ms (${assessYear.units} units)`);

      log('baseline: plain GROUP BY over the year\'s raw rows; the month\'s ticket figures recomputed from the raw trail…');
      const rawCalls = await timeSql(client, `SELECT "hotlineNumber", count(*) FROM "call" WHERE "enteredAt" >= $1 AND "enteredAt" < $2 GROUP BY 1`, [new Date(periods.year[0]), now], quick ? 3 : 5);
      const rawTrail = await timeSql(client, `SELECT "unitId", "action", count(*) FROM "ticket_event" WHERE "at" >= $1 AND "at" < $2 GROUP BY 1, 2`, [new Date(periods.year[0]), now], quick ? 3 : 5);
      const reference = await checkAgainstReference(city.prisma, bodies.ticketFiguresMonth!, periods.month, now);
      if (reference.mismatches.length > 0) log(`MISMATCH with the raw recomputation: ${reference.mismatches.slice(0, 5).join('; ')}`);

      const statsP95 = Math.max(...Object.values(queries).map((t) => t.p95!));
      return {
        name: 'statistics',
        title: statistics.title,
        status: 'measured',
        quick,
        command: 'pnpm bench statistics',
        parameters: {
          calls: Number(span.calls), tickets: Number(span.tickets), ticketEvents: Number(span.events), repeats,
          periods: Object.fromEntries(Object.entries(periods).map(([k, v]) => [k, Array.isArray(v) ? v.map(iso) : v])),
          reusedDatabase: Boolean(process.env.BENCH_CITY_DATABASE_URL),
        },
        figures: {
          ...(city.generated ? { generateSeconds: city.generated.seconds } : {}),
          rebuildSeconds: rebuild
            ? { callRollup: round(callRollupS!, 1), ticketRollup: round(ticketRollupS!, 1), indicatorFacts: round(indicatorS!, 1), indicatorTickets }
            : 'reused: rollups current',
          indicatorFacts: Number(sizes.facts), rollableFacts: Number(sizes.rollable), indicatorRollupRows: Number(sizes.rollup),
          queries, statisticsP95Ms: statsP95,
          assessmentMonth: assessMonth, assessmentYear: assessYear,
          matchesRawRecomputation: reference.mismatches.length === 0, mismatches: reference.mismatches.slice(0, 20),
        },
        baseline: {
          what: 'plain GROUP BY over the year\'s raw calls and trail; the month\'s ticket figures recomputed from the raw trail',
          figures: { rawCallsGroupByYear: rawCalls, rawTrailGroupByYear: rawTrail, rawTicketFiguresMonthMs: reference.referenceMs },
        },
        ratios: {
          rawCallsGroupByP50PerStatisticsP95: ratio(rawCalls.p50!, statsP95),
          rawTicketFiguresMonthPerRollupMonthP50: ratio(reference.referenceMs, queries.ticketFiguresMonth!.p50!),
        },
        targets: [
          checkTarget('statistics and wallboard queries, worst p95 (ms)', statsP95, '<=', 200, ' ms'),
          checkTarget('one-click assessment of every unit for a year, p50 (ms)', assessYear.p50!, '<=', 2000, ' ms'),
        ],
        notes: [
          'Rollups are rebuilt from the raw records before timing (the figures a fresh import would give); reads then refresh only what changed.',
          `Drill-down unit: ${busiest}.`,
        ],
      };
    } finally {
      for (const child of children.reverse()) await child.stop();
      await client.end().catch(() => undefined);
      await redis.cleanup();
      await city.drop();
    }
  },
};
