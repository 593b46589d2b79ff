/**
 * The one shape every benchmark reports: its figures beside a baseline measured in the same run,
 * the ratio, the targets it is held to, and the command that reproduces it. Written to
 * `.artifacts/bench/<name>.json` and printed as a few lines.
 */
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Figures = Record<string, unknown>;

export interface BenchTarget {
  /** What is held to the target, e.g. "p99 screen pop (ms)". */
  label: string;
  target: string;
  value: number | null;
  met: boolean | null;
}

export interface BenchResult {
  name: string;
  title: string;
  /** `not_measurable`: the module it needs is not in the code base yet. */
  status: 'measured' | 'not_measurable';
  quick: boolean;
  command: string;
  parameters: Record<string, unknown>;
  figures: Figures;
  baseline: { what: string; figures: Figures } | null;
  /** Headline figure ÷ baseline figure (named), as the issue asks. */
  ratios: Record<string, number | null>;
  targets: BenchTarget[];
  notes: string[];
}

export interface Benchmark {
  name: string;
  title: string;
  run(options: { quick: boolean; durationS: number | undefined; log: (line: string) => void }): Promise<BenchResult>;
}

/** Compares a value with an upper (`<=`) or lower (`>=`) bound. */
export function checkTarget(label: string, value: number | null, bound: '<=' | '>=', limit: number, unit = ''): BenchTarget {
  const met = value === null || Number.isNaN(value) ? null : bound === '<=' ? value <= limit : value >= limit;
  return { label, target: `${bound} ${limit}${unit}`, value, met };
}

/** Writes `<dir>/<name>.json` with the machine and time the figures belong to. */
export function writeResult(dir: string, result: BenchResult): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${result.name}.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(path, `${JSON.stringify({ ...result, measuredAt: new Date().toISOString(), machine }, null, 2)}\n`);
  return path;
}

const show = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/** A short human summary: figures, baseline, ratios, targets. */
export function formatResult(result: BenchResult): string {
  const lines = [`■ ${result.name} — ${result.title}${result.quick ? ' (quick)' : ''}: ${result.status}`];
  for (const [key, value] of Object.entries(result.figures)) lines.push(`  ${key}: ${show(value)}`);
  if (result.baseline) {
    lines.push(`  baseline (${result.baseline.what}):`);
    for (const [key, value] of Object.entries(result.baseline.figures)) lines.push(`    ${key}: ${show(value)}`);
  }
  for (const [key, value] of Object.entries(result.ratios)) lines.push(`  ratio ${key}: ${value ?? 'n/a'}`);
  for (const target of result.targets) {
    lines.push(`  target ${target.label} ${target.target}: ${target.value ?? 'n/a'} → ${target.met === null ? 'n/a' : target.met ? 'met' : 'NOT met'}`);
  }
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
