import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.js';

/** Logs one incoming request the way Fastify does (`{ req }`) and returns the URL as written. */
function logRequestLine(url: string): string {
  let line = '';
  const sink = new Writable({ write(chunk, _encoding, done) { line += String(chunk); done(); } });
  pino(loggerOptions('info', 'api'), sink).info({ req: { method: 'GET', url, id: 'r1' } }, 'incoming request');
  return JSON.parse(line).req.url as string;
}

describe('request log', () => {
  it.each([
    ['/api/tickets/duplicates?callerNumber=13800138001', '13800138001'],
    ['/api/tickets/duplicates?callerNumber=138-0013-8001', '138-0013-8001'],
    ['/api/tickets?q=138%200013%208001', '138%200013%208001'],
    ['/api/tickets?q=138+0013+8001', '138+0013+8001'],
    ['/api/tickets?q=%2B86%20138.0013.8001', '138.0013.8001'],
    ['/api/tickets?q=(0731)%208888-1234', '8888-1234'],
  ])('masks a phone number typed with separators: %s', (url, number) => {
    const line = logRequestLine(url);
    expect(line).toContain('[number]');
    expect(line).not.toContain(number);
    expect(decodeURIComponent(line.replaceAll('+', ' ')).replace(/\D/g, '')).not.toMatch(/\d{7}/);
  });

  it('keeps short numbers that are not phones (pages, dates)', () => {
    const line = logRequestLine('/api/tickets?page=2&pageSize=20&from=2026-03-01');
    expect(line).toBe('/api/tickets?page=2&pageSize=20&from=2026-03-01');
  });
});
