/**
 * The quick version of every benchmark, inside the test command, so none of them rots. Asserts
 * that each completed, wrote its JSON and lost or duplicated nothing — never a timing figure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@yixian/db/testing';
import { runBenchmarks } from './index.js';
import { BenchArgsError, parseBenchArgs } from './lib/bench-args.js';
import type { BenchResult } from './lib/bench-result.js';
import { percentile, summariseLatencies } from './lib/stats.js';
import { encodeCopyValue } from './city/copy-rows.js';
import { generateCity } from './generate-city.js';

const outputDir = mkdtempSync(join(tmpdir(), 'yixian-bench-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

async function runQuick(name: string): Promise<BenchResult> {
  const [result] = await runBenchmarks({ quick: true, names: [name], outputDir, log: () => undefined });
  expect(result?.name).toBe(name);
  const written = JSON.parse(readFileSync(join(outputDir, `${name}.json`), 'utf8')) as BenchResult & { machine: { cpus: number } };
  expect(written.machine.cpus).toBeGreaterThan(0);
  expect(written.command).toContain(`pnpm bench --quick ${name}`);
  return result!;
}

const figure = (result: BenchResult, key: string) => result.figures[key] as Record<string, number>;

describe('harness', () => {
  it('parses arguments and refuses a bad duration or an unknown name', async () => {
    expect(parseBenchArgs(['--quick', '--duration', '5', 'ami-ingest'], '/x')).toEqual({ quick: true, durationS: 5, names: ['ami-ingest'], outputDir: '/x', help: false });
    expect(parseBenchArgs(['--help'], '/x')).toMatchObject({ help: true });
    expect(() => parseBenchArgs(['--fast'], '/x')).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(['--fast'], '/x')).toThrow(/--fast.*see --help/);
    expect(() => parseBenchArgs(['--duration', '0'], '/x')).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(['--duration', 'ten'], '/x')).toThrow(/--duration/);
    await expect(runBenchmarks({ quick: true, names: ['nope'], outputDir, log: () => undefined })).rejects.toThrow(/unknown benchmark nope/);
  });

  it('computes nearest-rank percentiles and COPY text values', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect(summariseLatencies([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3 });
    expect(encodeCopyValue(null)).toBe('\\N');
    expect(encodeCopyValue('a\tb\\c\nd')).toBe('a\\tb\\\\c\\nd');
    expect(encodeCopyValue(['x', 'y"z'])).toBe('{"x","y\\\\"z"}');
    expect(encodeCopyValue({ verdict: 'satisfied' })).toBe('{"verdict":"satisfied"}');
  });
});

describe('quick benchmarks', () => {
  it('ami-ingest: the bridge hands off the flood stream with no failure; baselines count the same stream', async () => {
    const result = await runQuick('ami-ingest');
    expect(result.status).toBe('measured');
    expect(result.figures.rawEvents).toBeGreaterThan(0);
    expect(result.figures.handedOff).toBeGreaterThan(0);
    expect(result.figures.calls).toBeGreaterThan(0);
    expect(result.figures.failures).toBe(0);
    expect(figure(result, 'filtered').failures).toBe(0);
    expect(figure(result, 'filtered').handedOff).toBeGreaterThan(0);
    expect(result.baseline?.figures.framerEvents).toBeGreaterThan(0);
    expect(result.baseline?.figures.managerEvents).toBeGreaterThan(0);
    expect(result.ratios['bridge / bare asterisk-manager']).not.toBeNull();
  }, 300_000);

  it('screen-pop: every call pops on its ringing agent\'s socket and no other', async () => {
    const result = await runQuick('screen-pop');
    expect(result.figures.callsPlaced).toBeGreaterThan(0);
    expect(result.figures.popsReceived).toBe(result.figures.callsPlaced);
    expect(result.figures.popsMissing).toBe(0);
    expect(result.figures.popsToWrongAgent).toBe(0);
    expect(result.baseline?.figures.received).toBe(result.figures.callsPlaced);
  }, 300_000);

  it('ticket-api: create + dispatch succeed at the quick rate; all loops ran, the floor wrote its tickets', async () => {
    const result = await runQuick('ticket-api');
    const fixed = figure(result, 'atFixedRate');
    expect(fixed.requests).toBeGreaterThan(0);
    expect(fixed.failed).toBe(0);
    expect(result.figures.maxLoopFailed).toBe(0);
    expect(result.figures.ticketsDispatched).toBeGreaterThan(0);
    expect(result.baseline?.figures.trivialRequestsPerS).toBeGreaterThan(0);
    expect(result.baseline?.figures.floorRequestsPerS).toBeGreaterThan(0);
    expect(result.baseline?.figures.floorFailed).toBe(0);
    expect(result.baseline?.figures.floorTicketsDispatched).toBeGreaterThan(0);
    // The CPU split found the processes: the API and PostgreSQL worked during the loop, the API not during the floor.
    const cpu = figure(result, 'maxLoopCpuMsPerRequest');
    expect(cpu.api).toBeGreaterThan(0);
    expect(cpu.postgres).toBeGreaterThan(0);
    expect(cpu.postgresThisDatabase).toBeGreaterThan(0);
    expect(cpu.machineBusy).toBeGreaterThanOrEqual((cpu.api ?? 0) + (cpu.worker ?? 0));
    const floorCpu = result.baseline?.figures.floorCpuMsPerTransaction as Record<string, number>;
    expect(floorCpu.postgresThisDatabase).toBeGreaterThan(0);
    expect(floorCpu.api).toBeLessThan(cpu.api ?? 0);
  }, 300_000);

  it('deadlines: every delayed job fires exactly once', async () => {
    const result = await runQuick('deadlines');
    expect(result.figures.fired).toBe(2000);
    expect(result.figures.lost).toBe(0);
    expect(result.figures.duplicates).toBe(0);
    expect(result.baseline?.figures.timerLateMs).toMatchObject({ count: 2000 });
  }, 300_000);

  it('statistics: a small city read from the rollups gives the figures the raw trail gives; every unit assessed', async () => {
    const result = await runQuick('statistics');
    expect(result.status).toBe('measured');
    expect(result.figures.matchesRawRecomputation).toBe(true);
    expect(result.figures.indicatorRollupRows).toBeGreaterThan(0);
    expect((result.figures.assessmentYear as { units: number }).units).toBeGreaterThan(100);
    expect(Object.keys(result.figures.queries as object)).toContain('ticketFiguresYear');
  }, 300_000);

  it('ticket-search: every search answers as the dispatcher and as a street handler; the keywords hit generated text', async () => {
    const result = await runQuick('ticket-search');
    expect(result.status).toBe('measured');
    const queries = result.figures.queries as Record<string, { count: number; total: number }>;
    expect(queries['dispatcher.codeExact']?.total).toBe(1);
    expect(queries['dispatcher.keyword2']?.total).toBeGreaterThan(0);
    expect(queries['dispatcher.number']?.total).toBeGreaterThan(0);
    expect(queries['street.keyword2']!.total).toBeLessThan(queries['dispatcher.keyword2']!.total);
    expect(result.baseline?.figures.like4Count).toMatchObject({ count: 2 });
  }, 300_000);

  it('console: sizes the initial scripts and times the desk, the inbox, the phone inbox on Fast 3G and the static baselines in Chromium', async () => {
    const result = await runQuick('console');
    expect(result.status).toBe('measured');
    expect(result.figures.initialScripts).toBeGreaterThan(0);
    expect(result.figures.initialJsGzipBytes).toBeGreaterThan(0);
    expect(result.figures.initialJsRawBytes).toBeGreaterThan(result.figures.initialJsGzipBytes as number);
    expect(figure(result, 'deskTotalMs').count).toBe(2);
    expect(figure(result, 'inboxTabToRowsMs').count).toBe(2);
    expect(figure(result, 'scriptsLoadedByDesk').files).toBeGreaterThanOrEqual(result.figures.initialScripts as number);
    expect((result.baseline?.figures.totalMs as Record<string, number>).count).toBe(2);
    expect(result.figures.phoneInitialJsGzipBytes).toBeGreaterThan(0);
    expect(figure(result, 'phoneSignInToInteractiveMs').count).toBe(2);
    expect(figure(result, 'phoneRequestsSignInToRows').api).toBeGreaterThan(0);
    expect((result.baseline?.figures.phoneProfile as Record<string, Record<string, number>>).submitToPageMs!.count).toBe(2);
    expect(result.targets.map((target) => target.label)).toEqual([expect.stringContaining('phone app initial JS'), expect.stringContaining('phone sign-in')]);
  }, 600_000);
});

describe('gen:city', () => {
  it('loads calls, tickets and trails with COPY; refuses a second load and an unseeded database', async () => {
    const seeded = await createTestDatabase();
    const empty = await createTestDatabase();
    try {
      const { seedDatabase } = await import('../../prisma/seed/index.js');
      await seedDatabase(seeded.prisma, { password: 'city-test-password' });
      const result = await generateCity({ databaseUrl: seeded.url, calls: 2000, tickets: 500, days: 30, seed: 7 });
      expect(result).toMatchObject({ calls: 2000, tickets: 500 });
      expect(await seeded.prisma.call.count({ where: { pbxId: 'city' } })).toBe(2000);
      expect(await seeded.prisma.ticket.count()).toBe(500);
      expect(await seeded.prisma.ticketEvent.count()).toBe(result.ticketEvents);
      expect(await seeded.prisma.ticketEvent.count({ where: { action: 'create' } })).toBe(500);
      const hotlines = await seeded.prisma.call.groupBy({ by: ['hotlineNumber'], _count: true, orderBy: { _count: { hotlineNumber: 'desc' } } });
      expect(hotlines[0]?.hotlineNumber).toBe('12345');
      const phone = await seeded.prisma.ticket.count({ where: { channel: 'phone', callId: { not: null } } });
      expect(phone).toBeGreaterThan(300);
      const abandonedWithTicket = await seeded.prisma.ticket.count({ where: { call: { state: 'abandoned' } } });
      expect(abandonedWithTicket).toBe(0);
      await expect(generateCity({ databaseUrl: seeded.url, calls: 10, tickets: 1, seed: 7 })).rejects.toThrow(/already holds a generated city/);
      await expect(generateCity({ databaseUrl: empty.url, calls: 10, tickets: 1 })).rejects.toThrow(/migrate and seed it first/);
    } finally {
      await seeded.drop();
      await empty.drop();
    }
  }, 120_000);
});
