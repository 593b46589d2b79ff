/** Request and response schemas of the ticket search (工单查询) and its export. */
import { Type } from 'typebox';
import { CHANNEL_VALUES, TICKET_STATE_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { TicketViewSchema } from './tickets.schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const SEARCH_SORTS = ['created', 'updated', 'handle_due'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
/** Rows an export writes at most. */
export const SEARCH_ROW_CAP = 10_000;
/** Matches the search counts, and pages through, at most (more: `totalCapped`, narrow the search or export). */
export const SEARCH_COUNT_CAP = 1_000;

/** Every filter of the search; the export takes the same ones. */
export const SearchFiltersSchema = {
  /** A code, whole or its beginning (YX20261204-000123, YX20261204-). */
  code: Type.Optional(Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' })),
  /** A caller's full number (only roles allowed to search by number; audited; results stay masked). */
  number: Type.Optional(Type.String({ minLength: 5, maxLength: 24, pattern: '^\\+?[0-9 ()-]+$' })),
  /** Words in the title, description or address (two characters at least: 路灯). */
  keyword: Type.Optional(Type.String({ minLength: 2, maxLength: 50, pattern: '\\S\\S' })),
  /** A piece of the address (two characters at least). */
  address: Type.Optional(Type.String({ minLength: 2, maxLength: 100, pattern: '\\S\\S' })),
  /** This call's tickets and the other tickets of its caller (the desk's "该来电人的工单"). */
  callId: Type.Optional(Id),
  state: Type.Optional(Type.Array(literals(TICKET_STATE_VALUES), { minItems: 1, maxItems: 11 })),
  channel: Type.Optional(literals(CHANNEL_VALUES)),
  ticketClass: Type.Optional(Type.Union([Type.Literal('police'), Type.Literal('non_police')])),
  /** The category and every category under it. */
  categoryId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  /** Whether `unitId` leads, supports, or either (default). */
  unitRole: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('supporting'), Type.Literal('any')])),
  /** The area and its subtree (a street and its grids). */
  areaId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  overdue: Type.Optional(Type.Boolean()),
  /** Only the shift lead and the commander (who may reveal a confidential number) filter on it. */
  confidential: Type.Optional(Type.Boolean()),
  sort: Type.Optional(literals(SEARCH_SORTS)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
};

export const SearchItemSchema = Type.Object({
  ...TicketViewSchema.properties,
  categoryName: Nullable(Type.String()),
  categoryNameEn: Nullable(Type.String()),
  leadUnitName: Nullable(Type.String()),
  leadUnitNameEn: Nullable(Type.String()),
  areaName: Nullable(Type.String()),
  areaNameEn: Nullable(Type.String()),
});

export const searchTicketsSchema = {
  tags: ['tickets'],
  summary: 'Find tickets in the caller’s scope by code, number, keyword or address, filtered, sorted and paged',
  querystring: Type.Object({
    ...SearchFiltersSchema,
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      /** Matching tickets, counted up to SEARCH_COUNT_CAP + 1; `totalCapped` when there are more. */
      total: Type.Integer(),
      totalCapped: Type.Boolean(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      items: Type.Array(SearchItemSchema),
    }),
    ...AUTH_ERRORS,
    404: ErrorSchema,
  },
};

export const exportTicketsSchema = {
  tags: ['tickets'],
  summary: 'The search’s tickets as a CSV or XLSX file (at most 10,000 rows; headers in `lang`; audited)',
  querystring: Type.Object({
    ...SearchFiltersSchema,
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  }, { additionalProperties: false }),
  response: { 200: Type.Unsafe<Buffer | string>({ type: 'string', format: 'binary', description: 'The CSV or XLSX file' }), ...AUTH_ERRORS, 404: ErrorSchema },
};
