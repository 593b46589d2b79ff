/**
 * The second half of the malformed-request corpus (issue 13, Build 6): values that are the right
 * shape but cannot be stored or mean nothing. For every route the API registered: NUL bytes in
 * the path, each query parameter and each body field; numbers beyond a double (`1e400`) and
 * NaN/Infinity spelled out; year-0 and impossible calendar dates; `from`/`to` ranges reversed;
 * a valid body with one value wrapped in an array (the coercion that let `["demo-agent"]` sign
 * in); reasons made of blanks. Every request has exactly one such defect: all must answer 4xx.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@yixian/domain';
import { sampleOf, type JsonSchema } from './schema-sample.js';
import { USER_OF_ROLE, type CorpusRequest, type OpenApiDocument, type RegisteredRouteLike } from './http-corpus.js';

const JSON_TYPE = 'application/json';
const NUMBER_TEXTS = ['1e400', '-1e400', 'NaN', 'Infinity'];
const BAD_DATE_TIMES = ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z'];
const BAD_DATES = ['0000-01-01', '2026-02-30', '2025-02-29'];
const BLANK_REASONS = ['        ', '\u200b\u200b\u200b\u200b\u200b\u200b', '\u3000\u3000\u3000\u3000\u3000', '\t\r\n\u200d\ufeff\u2060\u3164\u2800'];

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);
const isDateFormat = (schema?: JsonSchema) => !!schema?.format && /date/.test(schema.format);

function queryDefects(parameters: { name: string; schema?: JsonSchema }[]): { label: string; query: string }[] {
  const defects: { label: string; query: string }[] = [];
  for (const { name, schema } of parameters) {
    defects.push({ label: `NUL byte in query ${name}`, query: `${name}=x%00y` });
    const type = schema ? typeOf(schema) : undefined;
    if (type === 'integer' || type === 'number') {
      for (const text of NUMBER_TEXTS) defects.push({ label: `${text} in query ${name}`, query: `${name}=${encodeURIComponent(text)}` });
    }
    if (isDateFormat(schema)) {
      for (const value of schema!.format === 'date' ? BAD_DATES : [...BAD_DATE_TIMES, ...BAD_DATES.slice(0, 2)]) {
        defects.push({ label: `bad date ${value} in query ${name}`, query: `${name}=${encodeURIComponent(value)}` });
      }
    }
  }
  const names = parameters.map((p) => p.name);
  if (names.includes('from') && names.includes('to')) {
    defects.push({ label: 'reversed from/to range', query: 'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z' });
  }
  return defects;
}

/** Bodies as raw text, since JSON.stringify cannot write 1e400. */
function bodyDefects(schema: JsonSchema): { label: string; payload: string }[] {
  const base = sampleOf(schema);
  if (!base || typeof base !== 'object' || Array.isArray(base)) return [];
  const defects: { label: string; payload: string }[] = [];
  const json = (value: unknown) => JSON.stringify(value);
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const type = typeOf(property);
    const withValue = (value: unknown) => json({ ...base, [key]: value });
    if (type === 'string' && !property.enum && !property.anyOf) {
      defects.push({ label: `NUL byte in body ${key}`, payload: withValue(`x\u0000y`) });
      defects.push({ label: `array-wrapped body ${key}`, payload: withValue([sampleOf(property)]) });
      if (isDateFormat(property)) defects.push({ label: `year-0 date in body ${key}`, payload: withValue('0000-01-01T00:00:00Z') });
      if ((property as { minVisible?: number }).minVisible) {
        for (const blank of BLANK_REASONS) defects.push({ label: `blank reason in body ${key}`, payload: withValue(blank) });
      }
    }
    if (type === 'integer' || type === 'number') {
      defects.push({ label: `1e400 in body ${key}`, payload: withValue('__HUGE__').replace('"__HUGE__"', '1e400') });
      defects.push({ label: `number as text in body ${key}`, payload: withValue(String(sampleOf(property))) });
    }
    if (type === 'boolean') defects.push({ label: `boolean as text in body ${key}`, payload: withValue('true') });
    if (type === 'object' && property.additionalProperties !== false) {
      defects.push({ label: `NUL byte in a key of body ${key}`, payload: withValue({ 'a\u0000b': 'x' }) });
      defects.push({ label: `too many keys in body ${key}`, payload: withValue(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i]))) });
      defects.push({ label: `overlong key in body ${key}`, payload: withValue({ ['k'.repeat(200)]: 'x' }) });
    }
  }
  return defects;
}

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

export function buildHostileCorpus(routes: RegisteredRouteLike[], doc: OpenApiDocument): CorpusRequest[] {
  const corpus: CorpusRequest[] = [];
  for (const route of routes) {
    if (route.url.startsWith('/api/docs') || route.url === '/api/health' || route.url === '/api/auth/logout') continue;
    const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()] ?? {};
    const user = route.roles === 'public' ? 'demo-agent' : (route.roles.map((role) => USER_OF_ROLE[role as Role]).find(Boolean) ?? 'demo-admin');
    const session = { user, csrf: 'valid' as const };
    const isWrite = !['GET', 'HEAD'].includes(route.method);
    const url = route.url.replace(/:(\w+)/g, () => randomUUID());
    const emptyBody = isWrite ? { payload: '{}', contentType: JSON_TYPE } : {};
    if (/:\w+/.test(route.url)) {
      corpus.push({ label: 'NUL byte as path id', method: route.method, url: route.url.replace(/:(\w+)/g, '%00'), session, ...emptyBody });
      corpus.push({ label: 'NUL byte inside a path id', method: route.method, url: route.url.replace(/:(\w+)/g, () => `${randomUUID()}%00`), session, ...emptyBody });
    }
    const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
    for (const defect of queryDefects(query)) {
      corpus.push({ label: defect.label, method: route.method, url: `${url}?${defect.query}`, session, ...emptyBody });
    }
    if (query.length === 0) corpus.push({ label: 'NUL byte in an unexpected query', method: route.method, url: `${url}?q=%00`, session, ...emptyBody });
    const bodySchema = operation.requestBody?.content?.[JSON_TYPE]?.schema;
    if (isWrite && bodySchema) {
      for (const defect of bodyDefects(bodySchema)) corpus.push({ label: defect.label, method: route.method, url, session, payload: defect.payload, contentType: JSON_TYPE });
    }
  }
  return corpus;
}
