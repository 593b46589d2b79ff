/** Schemas of the work calendar's administration (calendar-admin.routes.ts). */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { ReplanPreviewSchema } from './category-admin.schemas.js';
import { MAX_CALENDAR_ROWS } from './parse-calendar-table.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
const Kind = Type.Union([Type.Literal('holiday'), Type.Literal('workday')]);

export const CalendarDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  kind: Kind,
  name: Type.String({ maxLength: 20 }),
}, { additionalProperties: false });

const SavedDaySchema = Type.Object({ date: Type.String({ format: 'date' }), kind: Kind, name: Type.String({ minLength: 1, maxLength: 20, minVisible: 1 }) }, { additionalProperties: false });

const CalendarYearSchema = Type.Object({
  year: Type.Integer(), version: Type.Integer(), source: Type.Union([Type.Literal('saved'), Type.Literal('built_in'), Type.Literal('none')]),
  days: Type.Array(CalendarDaySchema),
});

export const getCalendarSchema = {
  tags: ['admin'], summary: "A year's holidays and make-up working days (调休); version 0 = never saved here",
  params: YearParams, response: { 200: CalendarYearSchema, ...AUTH_ERRORS },
};

export const parseCalendarSchema = {
  tags: ['admin'], summary: 'Read a holiday table (pasted text or an XLSX file, base64) into days; errors name the row and column',
  body: Type.Union([
    Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }) }, { additionalProperties: false }),
    Type.Object({ xlsxBase64: Type.String({ minLength: 1, maxLength: 700_000 }) }, { additionalProperties: false }),
  ]),
  response: { 200: Type.Object({ days: Type.Array(CalendarDaySchema) }), ...AUTH_ERRORS },
};

export const replaceCalendarSchema = {
  tags: ['admin'], summary: "Replace a year's holidays and make-up days; `dryRun` previews the open tickets whose deadlines move",
  params: YearParams,
  body: Type.Object({
    version: Type.Integer({ minimum: 0 }),
    dryRun: Type.Optional(Type.Boolean()),
    days: Type.Array(SavedDaySchema, { maxItems: MAX_CALENDAR_ROWS }),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      calendar: Nullable(CalendarYearSchema), replanned: ReplanPreviewSchema, dryRun: Type.Boolean(),
      summary: Type.Object({ holidays: Type.Integer(), workdays: Type.Integer(), added: Type.Array(Type.String()), removed: Type.Array(Type.String()) }),
    }),
    ...AUTH_ERRORS, 409: ErrorSchema,
  },
};
