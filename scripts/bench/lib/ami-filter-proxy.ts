/**
 * A TCP proxy that applies manager.conf's exclude filters to an AMI stream, as Asterisk does
 * before formatting events for a session. Run as its own process by the ingest benchmark so
 * that filtering costs the bridge nothing:
 * `tsx ami-filter-proxy.ts --target-port 5038` → prints `LISTENING <port>`.
 */
import { connect, createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { readExcludedEvents } from './manager-conf-filters.js';

const { values } = parseArgs({ options: { 'target-port': { type: 'string' } } });
const targetPort = Number(values['target-port']);
if (!Number.isInteger(targetPort) || targetPort < 1 || targetPort > 65535) {
  console.error('ami-filter-proxy: --target-port must be a TCP port');
  process.exit(2);
}
const excluded = new Set(readExcludedEvents());
let dropped = 0;
let passed = 0;

/** Splits the text stream into messages (blank-line ended) and drops excluded events. */
function createFilter() {
  let pending = '';
  return (chunk: string): string => {
    pending += chunk;
    const blocks = pending.split('\r\n\r\n');
    pending = blocks.pop() ?? '';
    let out = '';
    for (const block of blocks) {
      const name = block.startsWith('Event: ') ? block.slice(7, block.indexOf('\r\n') === -1 ? undefined : block.indexOf('\r\n')) : null;
      if (name !== null && excluded.has(name)) dropped++;
      else {
        passed++;
        out += `${block}\r\n\r\n`;
      }
    }
    return out;
  };
}

const server = createServer((downstream) => {
  const upstream = connect(targetPort, '127.0.0.1');
  const filter = createFilter();
  upstream.setEncoding('utf8');
  upstream.on('data', (chunk: string) => {
    const out = filter(chunk);
    if (out && !downstream.write(out)) {
      upstream.pause();
      downstream.once('drain', () => upstream.resume());
    }
  });
  downstream.pipe(upstream);
  const end = () => {
    upstream.destroy();
    downstream.destroy();
  };
  upstream.on('close', end).on('error', end);
  downstream.on('close', end).on('error', end);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`LISTENING ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  console.error(`ami-filter-proxy: passed ${passed}, dropped ${dropped}`);
  process.exit(0);
});
