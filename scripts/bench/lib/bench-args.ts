/**
 * Command line of `pnpm bench`: `[--quick] [--duration S] [--json-dir D] [names…]`. Every
 * benchmark reads the same parsed options and picks its own sizes from `quick`.
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Seconds of sustained load where a benchmark has one (ingest); undefined = its default. */
  durationS: number | undefined;
  /** Benchmark names to run; empty = all. */
  names: string[];
  /** Where `<name>.json` goes. */
  outputDir: string;
  /** `--help`: print the usage and the benchmarks, run nothing. */
  help: boolean;
}

export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

/** Parses and checks the arguments; a bad one throws a BenchArgsError naming it. */
export function parseBenchArgs(argv: string[], defaultOutputDir: string): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        quick: { type: 'boolean', default: false },
        duration: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new BenchArgsError(`${(error as Error).message} (see --help)`);
  }
  const { values, positionals } = parsed;
  let durationS: number | undefined;
  if (values.duration !== undefined) {
    durationS = Number(values.duration);
    if (!Number.isFinite(durationS) || durationS < 1 || durationS > 3600) {
      throw new BenchArgsError(`--duration must be a number of seconds from 1 to 3600, got "${values.duration}"`);
    }
  }
  return { quick: values.quick ?? false, durationS, names: positionals, outputDir: values.out ?? defaultOutputDir, help: values.help ?? false };
}
