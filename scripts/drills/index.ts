/**
 * The fault drills: `pnpm drills [--quick] [names…]`. Each drill breaks one thing on purpose
 * (a cut link, a killed process, a stopped server, bad input), then counts what was lost or
 * duplicated; both must be zero. Results print here and go to `.artifacts/drills/<name>.json`.
 * Exit code 1 when any drill failed.
 */
import { isDrillPassed, type DrillDefinition, type DrillResult } from './lib/drill-types.js';
import { formatDrillResult, writeDrillReport } from './lib/write-report.js';
import { DRILLS } from './registry.js';

/** Runs one drill; an exception counts as a failed drill, never as a crash of the runner. */
export async function runDrill(drill: DrillDefinition, quick: boolean, log: (line: string) => void = () => undefined): Promise<DrillResult> {
  const startedAt = new Date();
  const started = performance.now();
  let body: Omit<DrillResult, 'name' | 'quick' | 'startedAt' | 'durationMs'>;
  try {
    body = await drill.run({ quick, log: (line) => log(`[${drill.name}] ${line}`) });
  } catch (error) {
    body = { lost: 0, duplicated: 0, failures: [`drill did not complete: ${(error as Error).message}`], figures: {} };
  }
  const result: DrillResult = { name: drill.name, quick, ...body, startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - started) };
  writeDrillReport(result);
  return result;
}

export function selectDrills(names: string[]): DrillDefinition[] {
  if (names.length === 0) return DRILLS;
  const unknown = names.filter((name) => !DRILLS.some((drill) => drill.name === name));
  if (unknown.length > 0) throw new Error(`unknown drill ${unknown.join(', ')}; known: ${DRILLS.map((d) => d.name).join(', ')}`);
  return DRILLS.filter((drill) => names.includes(drill.name));
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('npm run drills -- [--quick] [names…]   (all when no names; see scripts/drills/README.md)\n');
    for (const drill of DRILLS) console.log(`  ${drill.name.padEnd(22)} ${drill.summary}`);
    return 0;
  }
  const unknownOptions = argv.filter((arg) => arg.startsWith('-') && arg !== '--quick');
  if (unknownOptions.length > 0) {
    console.error(`npm run drills: unknown option ${unknownOptions.join(', ')}; known: --quick, --help`);
    return 2;
  }
  const quick = argv.includes('--quick');
  const names = argv.filter((arg) => !arg.startsWith('--'));
  let drills: DrillDefinition[];
  try {
    drills = selectDrills(names);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const results: DrillResult[] = [];
  for (const drill of drills) {
    console.log(`▶ ${drill.name}: ${drill.summary}`);
    const result = await runDrill(drill, quick, (line) => console.log(line));
    console.log(formatDrillResult(result));
    results.push(result);
  }
  const failed = results.filter((result) => !isDrillPassed(result)).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  // Clients of stopped servers may keep timers; the drills are done. The code is passed on
  // explicitly: leaving it in process.exitCode let the runner exit 0 after a failure.
  setTimeout(() => process.exit(code), 500);
}
