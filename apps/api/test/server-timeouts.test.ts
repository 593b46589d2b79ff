/**
 * Slow and unfinished bodies (issue 13 item 14: 300 slow-body connections were held for 130 s):
 * a request must arrive whole within REQUEST_TIMEOUT_MS, else the server answers 408 and closes.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '1000' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => t?.close());

/** Opens a socket, writes `head`, and resolves with what came back once the server closes it (or rejects after `limitMs`). */
function sendAndWaitForClose(head: string, limitMs: number): Promise<{ reply: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let reply = '';
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(head));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${limitMs} ms; got ${JSON.stringify(reply.slice(0, 80))}`));
    }, limitMs);
    socket.on('data', (chunk) => { reply += String(chunk); });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, ms: Date.now() - started });
    });
  });
}

describe('server time limits', () => {
  it('cut a body that never finishes with 408, many at once, and stay healthy', async () => {
    const head = 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"username":"de';
    const slow = await Promise.all(Array.from({ length: 30 }, () => sendAndWaitForClose(head, 8000)));
    for (const { reply } of slow) expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(Math.max(...slow.map((s) => s.ms))).toBeLessThan(8000);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
  });

  it('cut headers that never finish', async () => {
    const { reply } = await sendAndWaitForClose('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ', 8000);
    expect(reply).toMatch(/^HTTP\/1\.1 408|^$/);
  });
});
