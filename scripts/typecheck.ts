/** Type-checks every package with tsc and the console with vue-tsc; exits non-zero on any error. */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runStep } from './lib/run.js';

const projects = [
  '.',
  ...['packages', 'apps']
    .flatMap((dir) => readdirSync(join(REPO_ROOT, dir)).map((name) => `${dir}/${name}`))
    .filter((dir) => dir !== 'apps/console' && existsSync(join(REPO_ROOT, dir, 'tsconfig.json'))),
];
let failed = 0;
for (const project of projects) {
  const code = await runStep(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', join(project, 'tsconfig.json')]);
  console.log(`tsc ${project}: ${code === 0 ? 'ok' : 'errors'}`);
  if (code !== 0) failed += 1;
}
const vue = await runStep(process.env.PNPM || 'pnpm', ['-F', '@yixian/console', 'typecheck']);
console.log(`vue-tsc apps/console: ${vue === 0 ? 'ok' : 'errors'}`);
process.exit(failed > 0 || vue !== 0 ? 1 : 0);
