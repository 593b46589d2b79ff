/** Prints a drill's result and writes it to `.artifacts/drills/<name>.json`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../lib/run.js';
import { isDrillPassed, type DrillResult } from './drill-types.js';

export const DRILL_ARTIFACTS = join(REPO_ROOT, '.artifacts/drills');

export function writeDrillReport(result: DrillResult): string {
  mkdirSync(DRILL_ARTIFACTS, { recursive: true });
  const file = join(DRILL_ARTIFACTS, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function formatDrillResult(result: DrillResult): string {
  const verdict = isDrillPassed(result) ? 'PASS' : 'FAIL';
  const figures = Object.entries(result.figures).map(([key, value]) => `  ${key}: ${value}`).join('\n');
  const failures = result.failures.map((failure) => `  ✗ ${failure}`).join('\n');
  return [
    `${verdict} ${result.name}${result.quick ? ' (quick)' : ''} in ${(result.durationMs / 1000).toFixed(1)} s — lost ${result.lost}, duplicated ${result.duplicated}`,
    figures,
    failures,
  ].filter(Boolean).join('\n');
}
