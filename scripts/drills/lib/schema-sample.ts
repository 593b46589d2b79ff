/**
 * Minimal values from the JSON schemas in the OpenAPI document, and the ways to break them.
 * A "sample" is meant to pass the schema; each defect changes exactly one thing so that the
 * schema (not luck) must refuse it.
 */
import { randomUUID } from 'node:crypto';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Strings an attacker tries first; none may reach a 5xx. */
export const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE "ticket"; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '\u0000\u0001\u0002',
  '%00%0d%0aSet-Cookie: x=1',
  '\ud800',
  '🙂'.repeat(300),
];

/** The literal values an `anyOf` of `const`/`enum` branches allows (TypeBox's Union of Literals). */
export function enumValues(schema: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return null;
  const values: unknown[] = [];
  for (const branch of branches) {
    const inner = enumValues(branch);
    if (!inner) return null;
    values.push(...inner);
  }
  return values;
}

export const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

/**
 * Lets a caller choose a property's value by its name and schema (an id that must exist, visible
 * text); `undefined` keeps the default sample.
 */
export type SampleHint = (name: string, schema: JsonSchema) => unknown;

/**
 * The smallest value the schema accepts: required properties only, the first enum value, the
 * first non-null branch of a union, the minimum of a number, a string of the minimum length.
 * `name` is the property's name (for `hint`).
 */
export function sampleOf(schema: JsonSchema, hint?: SampleHint, name = 'body'): unknown {
  const hinted = hint?.(name, schema);
  if (hinted !== undefined) return hinted;
  const values = enumValues(schema);
  if (values && values.length > 0) return values[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.[0]) return sampleOf(branches.find((branch) => typeOf(branch) !== 'null') ?? branches[0], hint, name);
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) if (schema.properties?.[key]) out[key] = sampleOf(schema.properties[key]!, hint, key);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(schema.items ?? {}, hint, name));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return '2026-03-02T02:00:00.000Z';
      if (schema.format === 'date') return '2026-03-02';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return 'x';
  }
}

/** A value of the wrong JSON type for the schema. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  switch (typeOf(schema) ?? (enumValues(schema) ? 'string' : undefined)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 7;
    default:
      return { nested: { deeper: [1, 2, 3] } };
  }
}

export interface BodyDefect {
  label: string;
  body: unknown;
}

/** One body per defect, each built from a sample that would otherwise pass. */
export function bodyDefects(schema: JsonSchema, limit = 12): BodyDefect[] {
  const base = sampleOf(schema) as Record<string, unknown>;
  const defects: BodyDefect[] = [];
  const properties = Object.entries(schema.properties ?? {});
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = base;
    defects.push({ label: `missing required ${key}`, body: rest });
  }
  if (schema.additionalProperties === false) defects.push({ label: 'unknown field', body: { ...base, drillUnknownField: INJECTIONS[1] } });
  for (const [key, property] of properties) {
    defects.push({ label: `wrong type ${key}`, body: { ...base, [key]: wrongTypeFor(property) } });
    const values = enumValues(property);
    if (values) defects.push({ label: `bad enum ${key}`, body: { ...base, [key]: INJECTIONS[defects.length % INJECTIONS.length] } });
    if (typeOf(property) === 'string' && property.maxLength !== undefined) {
      defects.push({ label: `too long ${key}`, body: { ...base, [key]: 'x'.repeat(property.maxLength + 1) } });
    }
    if (typeOf(property) === 'string' && (property.pattern || property.format)) {
      defects.push({ label: `injection in ${key}`, body: { ...base, [key]: INJECTIONS[0] } });
    }
    if ((typeOf(property) === 'integer' || typeOf(property) === 'number') && property.maximum !== undefined) {
      defects.push({ label: `out of range ${key}`, body: { ...base, [key]: property.maximum + 1_000_000 } });
    }
  }
  if (typeOf(schema) === 'object') defects.push({ label: 'array instead of object', body: [base] });
  return defects.slice(0, limit);
}
