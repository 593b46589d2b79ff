import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg'
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'

export type { SchemaEngine }

/** Node has WebAssembly; the workspace's `lib` (ES2023, no DOM) does not type it. */
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>
}

let loading: Promise<void> | undefined

/**
 * The engine arms 10 s timers (its internal timeouts) that it never clears; left alone they keep a CLI
 * alive 10 s after its work is done. We track them and clear the leftovers once no engine is running.
 */
const engineTimers = new Set<ReturnType<typeof setTimeout>>()
let runningEngines = 0

function trackEngineTimer(callback: () => void, delayMs: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => {
    engineTimers.delete(timer)
    callback()
  }, delayMs >>> 0)
  engineTimers.add(timer)
  return timer
}

function clearIdleEngineTimers(): void {
  if (runningEngines > 0) return
  for (const timer of engineTimers) clearTimeout(timer)
  engineTimers.clear()
}

/**
 * Instantiates Prisma's WebAssembly schema engine once per process.
 *
 * The package's main entry imports the `.wasm` file as an ES module, which Node 20 only allows behind
 * `--experimental-wasm-modules`; so we load the JS glue (`schema_engine_bg`) and instantiate the bytes
 * ourselves, exactly as the glue's own entry would. This is an internal Prisma API, pinned to the build
 * of Prisma 7.10.0 in package.json, and covered by the migrate tests.
 */
function loadEngineModule(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url)
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'))
    const glue: Record<string, unknown> = { ...engineBindings }
    for (const name of Object.keys(glue)) if (name.startsWith('__wbg_setTimeout_')) glue[name] = trackEngineTimer
    const imports = { './schema_engine_bg.js': glue }
    const { instance } = await WebAssembly.instantiate(bytes, imports)
    engineBindings.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
  })()
  return loading
}

export type OpenSchemaEngineOptions = {
  /** Main connection (`connect`) and shadow database (`connectToShadowDb`) for the engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory
  /** Prisma schema files as `[path, content]`, when the command needs the datamodel. */
  datamodels?: [string, string][]
  /** Receives the engine's JSON log lines; dropped by default. */
  onLog?: (line: string) => void
}

/**
 * Runs `work` with a fresh schema engine and always frees it afterwards. The adapter factory's own
 * resources (a pg pool, a PGlite instance) stay the caller's to close.
 */
export async function withSchemaEngine<T>(options: OpenSchemaEngineOptions, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadEngineModule()
  const onLog = options.onLog ?? (() => {})
  runningEngines += 1
  let engine: SchemaEngine | undefined
  try {
    engine = await engineBindings.SchemaEngine.new(
      { datamodels: options.datamodels },
      (line: string) => onLog(line),
      bindMigrationAwareSqlAdapterFactory(options.adapterFactory),
    )
    return await work(engine)
  } finally {
    engine?.free()
    runningEngines -= 1
    clearIdleEngineTimers()
  }
}

/** The engine build's git hash, to check the pinned version at run time. */
export async function getSchemaEngineVersion(): Promise<string> {
  await loadEngineModule()
  return engineBindings.version()
}
