/**
 * The request validator (Fastify's validator compiler), one Ajv per kind of input. The URL's
 * params, querystring and headers arrive as text and are coerced to the schema's types; a JSON
 * body arrives typed and is never coerced, so `"title":123` or `{"username":["demo-agent"]}`
 * is refused, not turned into a string. Both refuse NaN and ±Infinity (`?pageSize=1e400`), and
 * their date formats check the calendar (no 30 February) within years 1900–9999 (no year 0).
 */
import { Ajv, str, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { isCalendarDate, isCalendarDateTime, isCalendarDateOrDateTime } from './calendar-dates.js';
import { countVisible } from './visible-text.js';

const SHARED: Options = {
  removeAdditional: false,
  useDefaults: true,
  // allErrors stays off: with it, a body of 20,000 bad keys costs 20,000 error objects.
  allErrors: false,
  strictNumbers: true,
  strictSchema: false,
};

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...SHARED, ...options });
  addFormats(ajv);
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addFormat('date-time', { type: 'string', validate: isCalendarDateTime });
  ajv.addFormat('date-or-date-time', { type: 'string', validate: isCalendarDateOrDateTime });
  ajv.addKeyword({
    keyword: 'minVisible',
    type: 'string',
    schemaType: 'number',
    validate: (min: number, data: string) => countVisible(data) >= min,
    error: { message: ({ schema }) => str`must hold at least ${schema as number} visible characters` },
  });
  return ajv;
}

/** Validators for every route's schemas; bodies strict, the URL's text coerced. */
export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const strict = createAjv({ coerceTypes: false });
  const coercing = createAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
