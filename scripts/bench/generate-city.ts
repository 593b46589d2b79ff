/**
 * `pnpm gen:city [--calls 3000000] [--tickets 1000000] [--days 365] [--seed 1] [--database-url U | --fresh]`:
 * bulk-loads a city's worth of calls, tickets and trails with COPY into a migrated, seeded
 * database, for the statistics and console benchmarks. Realistic shapes: 22 hotlines (12345 and
 * 110 busiest), a daily curve, quieter weekends, Zipf-ranked categories and grids, the closed loop
 * advanced by age. Rows derive from (seed, index): the same arguments give the same data.
 * Caller numbers are fake (1390…); no names.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createCityModel, type CityPlan } from './city/city-model.js';
import { EVENT_COLUMNS, TICKET_COLUMNS, createTicketGenerator } from './city/city-tickets.js';
import { copyFile, copyRows, encodeCopyValue, type CopyValue } from './city/copy-rows.js';
import { CityGeneratorError, loadCityReference } from './city/load-city-reference.js';

const DAY_MS = 86_400_000;
const CALL_COLUMNS = [
  'id', 'linkedid', 'pbxId', 'hotlineId', 'hotlineNumber', 'callerNumber', 'state', 'agentInterface', 'agentUserId', 'enteredAt',
  'ringAt', 'answeredAt', 'endedAt', 'waitSeconds', 'talkSeconds', 'abandonPosition', 'hangupBy', 'updatedAt',
] as const;

export interface GenerateCityOptions {
  databaseUrl: string;
  calls: number;
  tickets: number;
  days?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateCityResult {
  calls: number;
  tickets: number;
  ticketEvents: number;
  seconds: number;
}

/** Loads the generated city into the database; refuses a database that already holds one. */
export async function generateCity(options: GenerateCityOptions): Promise<GenerateCityResult> {
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const start = performance.now();
  try {
    const existing = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "call" WHERE "pbxId" = 'city'`);
    if (existing.rows[0]?.n !== '0') throw new CityGeneratorError('the database already holds a generated city (calls with pbxId "city"); use a fresh database');
    const ref = await loadCityReference(client);
    const now = Date.now();
    const plan: CityPlan = {
      seed: options.seed ?? 1, calls: options.calls, tickets: options.tickets, days: options.days ?? 365,
      lastDayStart: Math.floor((now + 8 * 3600_000) / DAY_MS) * DAY_MS - 8 * 3600_000,
    };
    const model = createCityModel(plan, ref);
    function* callRows(): Generator<CopyValue[]> {
      for (let i = 0; i < plan.calls; i++) {
        const c = model.callAt(i);
        yield [c.id, c.linkedid, 'city', c.hotlineId, c.hotlineNumber, c.callerNumber, c.state, c.agentInterface, c.agentUserId, c.enteredAt,
          c.ringAt, c.answeredAt, c.endedAt, c.waitSeconds, c.talkSeconds, c.abandonPosition, c.hangupBy, c.endedAt];
      }
    }
    const tickets = createTicketGenerator(plan, ref, model);
    // The trail waits in a spool file until its tickets are in (ticket_event has a foreign key).
    const spoolDir = mkdtempSync(join(tmpdir(), 'yixian-city-'));
    const spoolPath = join(spoolDir, 'ticket-events.copy');
    const spool = createWriteStream(spoolPath);
    let ticketEvents = 0;
    function* ticketRows(): Generator<CopyValue[]> {
      let pending = '';
      for (let k = 0; k < plan.tickets; k++) {
        const { row, events } = tickets.ticketAt(k);
        for (const event of events) pending += `${event.map(encodeCopyValue).join('\t')}\n`;
        ticketEvents += events.length;
        if (pending.length > 1 << 20) {
          spool.write(pending);
          pending = '';
        }
        yield row;
      }
      spool.end(pending);
    }
    log(`calls: ${plan.calls} over ${plan.days} days…`);
    const calls = await copyRows(client, 'call', CALL_COLUMNS, callRows());
    log(`tickets: ${plan.tickets} (${tickets.phoneTickets} from calls)…`);
    const ticketCount = await copyRows(client, 'ticket', TICKET_COLUMNS, ticketRows());
    await new Promise<void>((resolve, reject) => (spool.closed ? resolve() : spool.once('close', resolve).once('error', reject)));
    log(`trail: ${ticketEvents} entries…`);
    try {
      await copyFile(client, 'ticket_event', EVENT_COLUMNS, spoolPath);
    } finally {
      rmSync(spoolDir, { recursive: true, force: true });
    }
    await client.query('ANALYZE "call", "ticket", "ticket_event"');
    return { calls, tickets: ticketCount, ticketEvents, seconds: Math.round((performance.now() - start) / 100) / 10 };
  } finally {
    await client.end();
  }
}

function readCount(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new CityGeneratorError(`--${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string' }, tickets: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
      'database-url': { type: 'string' }, fresh: { type: 'boolean', default: false },
    },
  });
  const calls = readCount('calls', values.calls, 3_000_000, 100_000_000);
  const tickets = readCount('tickets', values.tickets, 1_000_000, 50_000_000);
  const days = readCount('days', values.days, 365, 3650);
  if (days < 1) throw new CityGeneratorError('--days must be at least 1');
  const seed = readCount('seed', values.seed, 1, 2 ** 31);
  let databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (values.fresh) {
    const { createTestDatabase } = await import('@yixian/db/testing');
    const { seedDatabase } = await import('../../prisma/seed/index.js');
    const db = await createTestDatabase();
    await seedDatabase(db.prisma, { password: `city-${seed}-password` });
    await db.prisma.$disconnect();
    databaseUrl = db.url;
    console.log(`fresh database (kept; drop it when done): ${db.url}`);
  }
  if (!databaseUrl) throw new CityGeneratorError('pass --database-url, set DATABASE_URL, or use --fresh');
  const result = await generateCity({ databaseUrl, calls, tickets, days, seed, log: (line) => console.log(line) });
  console.log(`generated ${result.calls} calls, ${result.tickets} tickets, ${result.ticketEvents} trail entries in ${result.seconds} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(() => process.exit(0), (error: Error) => {
    console.error(error instanceof CityGeneratorError ? `gen:city: ${error.message}` : error);
    process.exit(error instanceof CityGeneratorError ? 2 : 1);
  });
}
