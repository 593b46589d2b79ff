type Service = {
  /** Graceful stop, awaited on SIGINT/SIGTERM. */
  stop: () => Promise<void>
  /** Last resort on process exit: must be synchronous (send a signal). */
  killNow: () => void
}

const services = new Set<Service>()
let installed = false

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  const code = signal === 'SIGINT' ? 130 : 143
  await Promise.allSettled([...services].map((service) => service.stop()))
  process.exit(code)
}

function install(): void {
  if (installed) return
  installed = true
  process.once('SIGINT', (signal) => void onSignal(signal))
  process.once('SIGTERM', (signal) => void onSignal(signal))
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
