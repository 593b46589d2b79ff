/** The district's monthly report for the commander and the shift lead. */
import type { FastifyInstance } from 'fastify';
import { ROLES } from '@yixian/domain';
import { buildMonthlyReport } from './build-monthly-report.js';
import { parseReportMonth } from './report-month.js';
import { monthlyReportSchema } from './reports.schemas.js';
import type { ExportLang } from '../../lib/export-labels.js';
import { writeReportXlsx } from './write-report-xlsx.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function reportRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { month: string; format?: 'json' | 'xlsx'; lang?: ExportLang } }>('/api/reports/monthly', {
    schema: monthlyReportSchema,
    config: { roles: [ROLES.commander, ROLES.shift_lead] },
  }, async (request, reply) => {
    const month = parseReportMonth(request.query.month);
    const report = await buildMonthlyReport(app.readPrisma, month, app.clock.now());
    if (request.query.format !== 'xlsx') return report;
    const file = await writeReportXlsx(report, request.query.lang ?? 'zh-CN');
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', `attachment; filename="yixian-monthly-${month.month}.xlsx"`)
      .send(file);
  });
}
