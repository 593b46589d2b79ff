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

/** Digit runs long enough to be a phone number (7+), wherever they appear in a URL. */
const PHONE_IN_URL = /\d{7,}/g;

/** Request serializer: method and URL with phone-like numbers masked (`/api/callers/<n>/history`). */
export function serializeRequest(req: { method?: string; url?: string; id?: string }) {
  return { method: req.method, url: req.url?.replace(PHONE_IN_URL, '[number]'), id: req.id };
}

export function loggerOptions(level: string, name: string): LoggerOptions {
  return { level, name, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { req: serializeRequest } };
}

export function createLogger(level: string, name: string) {
  return pino(loggerOptions(level, name));
}
