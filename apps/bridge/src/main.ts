/** The bridge process: one per PBX. Configured by AMI_URL, REDIS_URL, REDIS_PREFIX, PBX_ID. */
import { createLogger } from '@yixian/runtime';
import { loadBridgeConfig } from './config.js';
import { createBridge } from './bridge.js';
import { assertBridgeProductionReady } from './production-checks.js';
import { startBridgeMetrics } from './bridge-metrics.js';

const config = loadBridgeConfig();
try {
  assertBridgeProductionReady(config);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const bridge = createBridge(config, createLogger(config.logLevel, 'bridge'));
const metrics = startBridgeMetrics(bridge, config);
bridge.start();

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  const forced = setTimeout(() => process.exit(1), 30_000);
  forced.unref();
  await metrics.publisher.stop();
  await bridge.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
