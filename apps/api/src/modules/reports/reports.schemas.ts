import { Type, type TSchema } from 'typebox';
import { AUTH_ERRORS } from '../../lib/schemas.js';
import { EmergencyFiguresSchema } from '../emergency-figures/emergency-figures.schemas.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);
const LevelsOf = <T extends TSchema>(value: T) => Type.Object({ grid: value, street: value, district: value });

export const MonthlyReportSchema = Type.Object({
  month: Type.String(),
  from: Type.String(),
  to: Type.String(),
  generatedAt: Type.String(),
  calls: Type.Object({
    offered: Type.Integer(), answered: Type.Integer(), abandoned: Type.Integer(), answeredWithin15s: Type.Integer(),
    connectionRate: Rate, timelyAnswerRate: Rate,
  }),
  tickets: Type.Object({
    total: Type.Integer(), police: Type.Integer(), nonPolice: Type.Integer(), closed: Type.Integer(), merged: Type.Integer(),
    closureRate: Rate, directAnswers: Type.Integer(), directAnswerRate: Rate,
  }),
  mailbox: Type.Array(Type.Object({
    mailbox: Type.String(), received: Type.Integer(), lettersDue: Type.Integer(), repliedInTime: Type.Integer(), onTimeRate: Rate,
  })),
  topCategories: Type.Array(Type.Object({
    categoryId: Type.String(), name: Type.String(), nameEn: Type.String(), count: Type.Integer(), share: Type.Number(),
  })),
  overdueUnits: Type.Array(Type.Object({
    unitId: Type.String(), name: Type.String(), nameEn: Type.String(), due: Type.Integer(), overdue: Type.Integer(),
  })),
  settlement: Type.Object({
    total: Type.Integer(),
    counts: LevelsOf(Type.Integer()),
    shares: LevelsOf(Rate),
    norms: LevelsOf(Type.Number()),
    breakdown: LevelsOf(Type.Object({ onSpot: Type.Integer(), patrol: Type.Integer() })),
  }, { description: 'where closed non-police tickets settled (70/20/10), with the grid workers’ part: on the spot (自处) and patrol reports (巡查上报)' }),
  emergency: EmergencyFiguresSchema,
});

export const monthlyReportSchema = {
  tags: ['supervision'],
  summary: 'The district’s monthly report (JSON, or XLSX with format=xlsx)',
  querystring: Type.Object({
    month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { description: 'the XLSX language; default zh-CN' })),
  }, { additionalProperties: false }),
  response: { 200: MonthlyReportSchema, ...AUTH_ERRORS },
};
