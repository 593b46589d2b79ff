/** Police vs non-police per period (read-class-split.ts), with its export; centre roles. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { EXPORT_LANGS, exportLabels, type ExportLang } from '../../lib/export-labels.js';
import { EXPORT_FORMATS, renderExport, type ExportFormat, type ExportRow } from './export-table.js';
import { CLASS_SPLIT_COLUMNS, CLASS_SPLIT_GROUPS, readClassSplit, type ClassSplitGroup } from './read-class-split.js';
import { parsePeriod } from './statistics-period.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);
const RowSchema = Type.Object({
  key: Type.String(), police: Type.Integer(), nonPolice: Type.Integer(), total: Type.Integer(), policeShare: Rate,
  calls110: Type.Integer(), callsOther: Type.Integer(), divertedToNonPolice: Type.Integer(), pushedToPolice: Type.Integer(),
});

export const classSplitSchema = {
  tags: ['statistics'],
  summary: 'Police vs non-police per day, week or month: tickets created by class, calls on 110 vs the other hotlines, diversions both ways (from the rollups)',
  querystring: Type.Object({
    from: Type.String({ minLength: 10, maxLength: 40, description: 'ISO date or date-time (inclusive)' }),
    to: Type.String({ minLength: 10, maxLength: 40, description: 'ISO date or date-time (exclusive)' }),
    groupBy: Type.Union(CLASS_SPLIT_GROUPS.map((g) => Type.Literal(g))),
    format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { default: 'json' })),
    lang: Type.Optional(Type.Union(EXPORT_LANGS.map((l) => Type.Literal(l)), { description: 'language of an export’s headers (default zh-CN)' })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ from: Type.String(), to: Type.String(), groupBy: Type.String(), rows: Type.Array(RowSchema), total: RowSchema }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export default async function classSplitRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/statistics/ticket-classes', { schema: classSplitSchema, config: { roles: [ROLES.shift_lead, ROLES.commander] } }, async (request, reply) => {
    const query = request.query as { from: string; to: string; groupBy: ClassSplitGroup; format?: ExportFormat; lang?: ExportLang };
    const period = parsePeriod(query);
    const result = await readClassSplit(app.readPrisma, { ...period, groupBy: query.groupBy });
    if (query.format && query.format !== 'json') {
      // Headers in the reader's words and language (the export is read by people, not programs).
      const labels = exportLabels(query.lang);
      const columns = ['key', ...CLASS_SPLIT_COLUMNS].map((key) => ({ key, header: labels.classSplit[key] ?? key }));
      const rows = [...result.rows, { ...result.total, key: labels.words.total }] as unknown as ExportRow[];
      const file = await renderExport(query.format, `police-vs-non-police-by-${query.groupBy}`, columns, rows);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    }
    return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy: query.groupBy, ...result };
  });
}
