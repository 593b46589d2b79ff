/**
 * The smallest body a JSON schema accepts, for tests that must get past validation to the check
 * behind it (scope, state): required properties only, the first of an enum or union, the minimum
 * of a number, a visible string of the minimum length. Ids are filled from `hints` by their name.
 */
import { randomUUID } from 'node:crypto';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  default?: unknown;
}

export interface SampleHints {
  /** A ticket that exists (for `intoTicketId` and the like). */
  ticketId: string;
  /** A unit that exists (for `unitId`). */
  unitId: string;
}

function sampleString(schema: JsonSchema, name: string, hints: SampleHints): string {
  if (schema.format === 'date-time') return new Date().toISOString();
  if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
  if (schema.format === 'uuid') return randomUUID();
  if (/ticketid$/i.test(name)) return hints.ticketId;
  if (/unitid$/i.test(name)) return hints.unitId;
  const text = 'scope matrix probe';
  const length = Math.max(schema.minLength ?? 0, Math.min(text.length, schema.maxLength ?? text.length));
  return text.padEnd(length, 'x').slice(0, Math.max(length, 1));
}

export function sampleValue(schema: JsonSchema | undefined, name: string, hints: SampleHints): unknown {
  if (!schema) return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return sampleValue(union.find((option) => option.type !== 'null') ?? union[0], name, hints);
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const body: Record<string, unknown> = {};
      for (const key of schema.required ?? []) body[key] = sampleValue(schema.properties?.[key], key, hints);
      return body;
    }
    case 'array': return Array.from({ length: schema.minItems ?? 0 }, () => sampleValue(schema.items, name, hints));
    case 'string': return sampleString(schema, name, hints);
    case 'integer':
    case 'number': return schema.minimum ?? 1;
    case 'boolean': return true;
    case 'null': return null;
    default: return {};
  }
}

export function sampleBody(schema: JsonSchema | undefined, hints: SampleHints): unknown {
  return sampleValue(schema, 'body', hints);
}
