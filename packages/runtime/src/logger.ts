/**
 * The one logger setup for every process. Personal data never reaches the log: caller
 * numbers and names, passwords, cookies and CSRF tokens are redacted by path wherever they
 * appear in a logged object.
 */
import { pino, type LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'password',
  '*.password',
  'callerNumber',
  '*.callerNumber',
  'callerName',
  '*.callerName',
  'phone',
  '*.phone',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(level: string, name: string): LoggerOptions {
  return { level, name, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
}

export function createLogger(level: string, name: string) {
  return pino(loggerOptions(level, name));
}
