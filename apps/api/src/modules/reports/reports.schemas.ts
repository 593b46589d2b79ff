import { Type } from 'typebox';
import { AUTH_ERRORS } from '../../lib/schemas.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);

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
