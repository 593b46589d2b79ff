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

/**
 * Runs of 7+ digits, as a phone number is typed anywhere in a URL: bare (`13800138001`) or
 * with separators, raw or percent-encoded (`138-0013-8001`, `138+0013+8001`, `138%200013%208001`,
 * `(0731)%208888-1234`, `%2B86 138.0013.8001`).
 */
const PHONE_IN_URL = /(?:\+|%2B)?\d(?:(?:[-.\s()+]|%20|%2D|%2E|%28|%29|%2B){0,3}\d){6,}/gi;
/** A calendar day (`2026-03-01`) has eight digits too, and is no phone number. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Request serializer: method and URL with phone-like numbers masked (`/api/callers/<n>/history`). */
export function serializeRequest(req: { method?: string; url?: string; id?: string }) {
  return { method: req.method, url: req.url?.replace(PHONE_IN_URL, (run) => (DAY.test(run) ? run : '[number]')), id: req.id };
}

export function loggerOptions(level: string, name: string): LoggerOptions {
  return { level, name, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { req: serializeRequest } };
}

export function createLogger(level: string, name: string) {
  return pino(loggerOptions(level, name));
}
