/**
 * `pnpm bench [--quick] [--duration S] [names…]`: runs the benchmarks one after another, prints
 * each result beside its baseline and writes `.artifacts/bench/<name>.json`. Benchmarks are not
 * tests: they assert nothing about speed; `bench.quick.test.ts` only checks that they complete.
 */
import { join } from 'node:path';
import { BenchArgsError, parseBenchArgs } from './lib/bench-args.js';
import { formatResult, writeResult, type BenchResult, type Benchmark } from './lib/bench-result.js';
import { REPO_ROOT } from './lib/child-process.js';
import { BENCHMARKS } from './benchmarks.js';

/** Runs the named benchmarks (all when empty); returns their results. */
export async function runBenchmarks(options: { quick: boolean; durationS?: number; names?: string[]; outputDir?: string; log?: (line: string) => void }): Promise<BenchResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const names = options.names ?? [];
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) throw new BenchArgsError(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const selected: Benchmark[] = names.length ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  const results: BenchResult[] = [];
  for (const bench of selected) {
    log(`\n━━ ${bench.name}: ${bench.title}${options.quick ? ' (quick)' : ''}`);
    const result = await bench.run({ quick: options.quick, durationS: options.durationS, log: (line) => log(`  ${line}`) });
    if (options.quick) result.command = result.command.replace('pnpm bench ', 'pnpm bench --quick ');
    const path = writeResult(options.outputDir ?? join(REPO_ROOT, '.artifacts/bench'), result);
    log(formatResult(result));
    log(`  → ${path.replace(`${REPO_ROOT}/`, '')}`);
    results.push(result);
  }
  return results;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    const options = parseBenchArgs(process.argv.slice(2), join(REPO_ROOT, '.artifacts/bench'));
    if (options.help) {
      console.log('npm run bench -- [--quick] [--duration S] [--out DIR] [names…]   (all when no names; see scripts/bench/README.md)\n');
      for (const benchmark of BENCHMARKS) console.log(`  ${benchmark.name.padEnd(14)} ${benchmark.title}`);
      process.exit(0);
    }
    await runBenchmarks({ quick: options.quick, durationS: options.durationS, names: options.names, outputDir: options.outputDir });
    process.exit(0);
  } catch (error) {
    console.error(error instanceof BenchArgsError ? `npm run bench: ${error.message}` : error);
    process.exit(error instanceof BenchArgsError ? 2 : 1);
  }
}
