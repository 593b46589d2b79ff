/**
 * The malformed-request corpus, generated from what the API registered: `app.routeRegistry`
 * (method, url, roles) and the OpenAPI document at /api/docs/json (params, query, body
 * schemas). Every request carries at least one defect, so every answer must be a 4xx.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@yixian/domain';
import { bodyDefects, INJECTIONS, type JsonSchema } from './schema-sample.js';

export interface CorpusRequest {
  /** What is wrong with it. */
  label: string;
  method: string;
  url: string;
  /** Which demo session to send, or none / a forged or expired one. */
  session: { user: string; csrf: 'valid' | 'missing' | 'forged' } | 'none' | 'forged' | 'expired';
  payload?: string;
  contentType?: string;
}

export interface RegisteredRouteLike {
  method: string;
  url: string;
  roles: readonly string[] | 'public';
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

/** A demo user holding each role (the seed's accounts). */
export const USER_OF_ROLE: Partial<Record<Role, string>> = {
  agent: 'demo-agent', shift_lead: 'demo-lead', dispatcher: 'demo-dispatcher', dept_handler: 'demo-dept',
  dept_admin: 'drill-dept-admin', grid_member: 'demo-grid', commander: 'demo-commander', admin: 'demo-admin', auditor: 'demo-auditor', kb_editor: 'demo-kb',
};

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const fillParams = (url: string, value: () => string) => url.replace(/:(\w+)/g, () => encodeURIComponent(value()));
const JSON_TYPE = 'application/json';

/** One oversized body per route that takes a body (the limit is BODY_LIMIT_BYTES, 1 MiB by default). */
const HUGE_BODY = JSON.stringify({ reason: 'x'.repeat(2 * 1024 * 1024) });

export function buildHttpCorpus(routes: RegisteredRouteLike[], doc: OpenApiDocument): CorpusRequest[] {
  const corpus: CorpusRequest[] = [];
  // Logging out ends the session the other routes' requests use: that route goes last.
  const ordered = [...routes].sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
  for (const route of ordered) {
    if (route.url.startsWith('/api/docs') || route.url === '/api/health') continue;
    const operation = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()] ?? {};
    const user = route.roles === 'public' ? 'demo-agent' : (route.roles.map((role) => USER_OF_ROLE[role as Role]).find(Boolean) ?? 'demo-admin');
    const isWrite = !['GET', 'HEAD'].includes(route.method);
    const url = fillParams(route.url, randomUUID);
    const bodySchema = operation.requestBody?.content?.[JSON_TYPE]?.schema;
    const body = (value: unknown) => ({ payload: JSON.stringify(value), contentType: JSON_TYPE });
    const base = { method: route.method, url };
    const valid = { user, csrf: 'valid' as const };

    if (route.roles !== 'public') {
      corpus.push({ ...base, label: 'no session', session: 'none', ...(isWrite ? body({}) : {}) });
      corpus.push({ ...base, label: 'forged session cookie', session: 'forged', ...(isWrite ? body({}) : {}) });
      corpus.push({ ...base, label: 'expired session', session: 'expired', ...(isWrite ? body({}) : {}) });
      if (isWrite) {
        corpus.push({ ...base, label: 'missing CSRF header', session: { user, csrf: 'missing' }, ...body({}) });
        corpus.push({ ...base, label: 'forged CSRF header', session: { user, csrf: 'forged' }, ...body({}) });
      }
    }
    if (/:\w+/.test(route.url)) {
      for (const injection of INJECTIONS.slice(0, 4)) {
        corpus.push({ method: route.method, url: fillParams(route.url, () => injection), label: `injection in path: ${injection.slice(0, 20)}`, session: valid, ...(isWrite ? body({}) : {}) });
      }
    }
    const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
    if (query.length > 0) {
      corpus.push({ ...base, url: `${url}?drillUnknown=1`, label: 'unknown query parameter', session: valid });
      for (const parameter of query.slice(0, 4)) {
        const type = parameter.schema?.type;
        const bad = type === 'integer' || type === 'number' ? 'NaN-ish' : type === 'boolean' ? 'perhaps' : INJECTIONS[0]!;
        if (type === 'string' && !parameter.schema?.format && !parameter.schema?.pattern && !parameter.schema?.anyOf && !parameter.schema?.enum && parameter.schema?.maxLength === undefined) continue;
        // A free-text parameter whose pattern admits the injection (a search keyword) is searched for
        // as text: too long is then its bad value.
        const admitsInjection = type === 'string' && !!parameter.schema?.pattern && new RegExp(parameter.schema.pattern, 'u').test(bad);
        const tooLong = type === 'string' && parameter.schema?.maxLength !== undefined && !parameter.schema.format && (!parameter.schema.pattern || admitsInjection);
        const value = tooLong ? 'x'.repeat((parameter.schema?.maxLength ?? 0) + 1) : bad;
        corpus.push({ ...base, url: `${url}?${parameter.name}=${encodeURIComponent(value)}`, label: `bad query ${parameter.name}`, session: valid });
      }
    }
    if (isWrite) {
      // A route without a body schema takes no body and ignores one; only the size and type checks apply.
      for (const defect of bodySchema ? bodyDefects(bodySchema) : []) {
        corpus.push({ ...base, label: `body: ${defect.label}`, session: valid, ...body(defect.body) });
      }
      corpus.push({ ...base, label: 'body over the size limit', session: valid, payload: HUGE_BODY, contentType: JSON_TYPE });
      corpus.push({ ...base, label: 'invalid JSON', session: valid, payload: '{"reason": "unterminated', contentType: JSON_TYPE });
      if (bodySchema) corpus.push({ ...base, label: 'not JSON (text/plain)', session: valid, payload: 'reason=x', contentType: 'text/plain' });
    }
  }
  return corpus;
}
