/** Police vs non-police per period (read-class-split.ts), with its export; centre roles. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { EXPORT_FORMATS, renderExport, type ExportFormat, type ExportRow } from './export-table.js';
import { CLASS_SPLIT_COLUMNS, CLASS_SPLIT_GROUPS, readClassSplit, type ClassSplitGroup } from './read-class-split.js';
import { parsePeriod } from './statistics-period.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);
const RowSchema = Type.Object({
  key: Type.String(), police: Type.Integer(), nonPolice: Type.Integer(), total: Type.Integer(), policeShare: Rate,
  calls110: Type.Integer(), callsOther: Type.Integer(), divertedToNonPolice: Type.Integer(), pushedToPolice: Type.Integer(),
});

/** Export headers in the reader's words (the export is read by people, not programs). */
const HEADERS: Record<string, string> = {
  key: '时段', police: '警务类工单', nonPolice: '非警务类工单', total: '工单合计', policeShare: '警务类占比',
  calls110: '110 来电', callsOther: '其他热线来电', divertedToNonPolice: '110→12345 分流', pushedToPolice: '12345→110 推送',
};

export const classSplitSchema = {
  tags: ['statistics'],
  summary: 'Police vs non-police per day, week or month: tickets created by class, calls on 110 vs the other hotlines, diversions both ways (from the rollups)',
  querystring: Type.Object({
    from: Type.String({ minLength: 10, maxLength: 40, description: 'ISO date or date-time (inclusive)' }),
    to: Type.String({ minLength: 10, maxLength: 40, description: 'ISO date or date-time (exclusive)' }),
    groupBy: Type.Union(CLASS_SPLIT_GROUPS.map((g) => Type.Literal(g))),
    format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { default: 'json' })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ from: Type.String(), to: Type.String(), groupBy: Type.String(), rows: Type.Array(RowSchema), total: RowSchema }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export default async function classSplitRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/statistics/ticket-classes', { schema: classSplitSchema, config: { roles: [ROLES.shift_lead, ROLES.commander] } }, async (request, reply) => {
    const query = request.query as { from: string; to: string; groupBy: ClassSplitGroup; format?: ExportFormat };
    const period = parsePeriod(query);
    const result = await readClassSplit(app.prisma, { ...period, groupBy: query.groupBy });
    if (query.format && query.format !== 'json') {
      const columns = ['key', ...CLASS_SPLIT_COLUMNS].map((key) => ({ key, header: HEADERS[key] ?? key }));
      const rows = [...result.rows, { ...result.total, key: '合计' }] as unknown as ExportRow[];
      const file = await renderExport(query.format, `police-vs-non-police-by-${query.groupBy}`, columns, rows);
      return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    }
    return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy: query.groupBy, ...result };
  });
}
