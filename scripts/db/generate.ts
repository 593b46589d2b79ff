/**
 * `pnpm db:generate`: writes the Prisma client for prisma/schema.prisma into
 * packages/db/src/generated/prisma, offline.
 *
 * Prisma 7's CLI looks for a native schema engine before any command and would try to download one;
 * `generate` does not use it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file (this Node
 * binary) skips the download. Update checks and telemetry are switched off for air-gapped networks.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { REPO_ROOT } from '../../packages/db/src/migrate/index'

function resolvePrismaCli(): string {
  const require = createRequire(path.join(REPO_ROOT, 'packages/db/package.json'))
  return path.join(path.dirname(require.resolve('prisma/package.json')), 'build/index.js')
}

function runPrismaGenerate(extraArgs: string[]): Promise<number> {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  }
  const child = spawn(process.execPath, [resolvePrismaCli(), 'generate', ...extraArgs], { cwd: REPO_ROOT, env, stdio: 'inherit' })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

runPrismaGenerate(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) console.error(`db:generate: prisma generate exited with code ${code}`)
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(`db:generate: could not start the Prisma CLI: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
