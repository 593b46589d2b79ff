/**
 * The statistics tables as people read them in a file: headers in the console's language
 * (`lang`), names and words in the cells (hotline names, unit and category names, states in
 * words, Shanghai times), never code names or ids. The JSON answers keep their codes; only the
 * files are worded here.
 */
import type { PrismaClient } from '@yixian/db';
import { exportLabels, fillLabel, formatExportTime, labelOf, type ExportLang } from '../../lib/export-labels.js';
import type { ExportColumn, ExportRow } from './export-table.js';
import type { CallFigureRow } from './read-call-figures.js';
import { TICKET_COUNT_COLUMNS, type TicketCountRow } from './read-ticket-counts.js';
import { TICKET_INDICATORS, type UnitTicketFigures } from './ticket-figures.js';

export interface ExportTable { columns: ExportColumn[]; rows: ExportRow[] }

const CALL_COLUMNS = ['offered', 'answered', 'abandoned', 'answeredWithin15s', 'answeredWithinThreshold', 'abandonedWithinThreshold', 'totalWaitSeconds',
  'totalTalkSeconds', 'connectionRate', 'timelyAnswerRate', 'serviceLevel', 'serviceLevel2', 'abandonRate', 'averageSpeedOfAnswer', 'averageHandleTime'] as const;

const nameIn = (lang: ExportLang, row: { name: string; nameEn: string } | null | undefined) => (row ? (lang === 'en' && row.nameEn ? row.nameEn : row.name) : '');

/** `12345 市民服务热线`: the number with the hotline's name. */
async function loadHotlineNames(prisma: PrismaClient, numbers: string[], lang: ExportLang): Promise<Map<string, string>> {
  const hotlines = await prisma.hotline.findMany({ where: { number: { in: [...new Set(numbers)] } }, select: { number: true, name: true, nameEn: true } });
  return new Map(hotlines.map((h) => [h.number, `${h.number} ${nameIn(lang, h)}`]));
}

/** Call figures by period or hotline; the total row is named 合计 / Total. */
export async function buildCallFiguresExport(
  prisma: PrismaClient, result: { rows: CallFigureRow[]; total: CallFigureRow }, options: { lang: ExportLang; groupBy: string; thresholdSeconds: number },
): Promise<ExportTable> {
  const l = exportLabels(options.lang);
  const hotlines = options.groupBy === 'hotline' ? await loadHotlineNames(prisma, result.rows.map((r) => r.key), options.lang) : new Map<string, string>();
  const columns = [{ key: 'key', header: l.calls.key! }, ...CALL_COLUMNS.map((key) => ({ key, header: fillLabel(l.calls[key]!, { seconds: options.thresholdSeconds }) }))];
  const rows = [...result.rows, result.total].map((row) => ({
    ...(row as unknown as ExportRow),
    key: row === result.total ? l.words.total! : hotlines.get(row.key) ?? row.key,
  }));
  return { columns, rows };
}

/** Ticket counts by a dimension: the group's name (unit, category, state in words …), not its code. */
export function buildTicketCountsExport(result: { rows: TicketCountRow[]; total: TicketCountRow }, lang: ExportLang): ExportTable {
  const l = exportLabels(lang);
  const columns = [{ key: 'label', header: l.ticketCounts.key! }, ...TICKET_COUNT_COLUMNS.map((key) => ({ key, header: l.ticketCounts[key]! }))];
  const rows = [...result.rows, result.total].map((row) => ({
    ...(row as unknown as ExportRow), label: row === result.total ? l.words.total! : lang === 'en' ? row.labelEn : row.label,
  }));
  return { columns, rows };
}

/** The ticket figures per unit: 单位, then each indicator's value, numerator and denominator. */
export function buildTicketFiguresExport(rows: { name: string; nameEn: string; figures: UnitTicketFigures }[], lang: ExportLang): ExportTable {
  const l = exportLabels(lang);
  const w = l.words;
  const columns: ExportColumn[] = [{ key: 'unit', header: w.unit! }];
  for (const indicator of TICKET_INDICATORS) {
    const name = labelOf(l.indicators, indicator);
    columns.push({ key: `${indicator}.value`, header: name }, { key: `${indicator}.numerator`, header: `${name} ${w.numerator}` },
      { key: `${indicator}.denominator`, header: `${name} ${w.denominator}` });
  }
  return {
    columns,
    rows: rows.map((row) => ({
      unit: nameIn(lang, row),
      ...Object.fromEntries(TICKET_INDICATORS.flatMap((i) => [
        [`${i}.value`, row.figures[i].value], [`${i}.numerator`, row.figures[i].numerator], [`${i}.denominator`, row.figures[i].denominator],
      ])),
    })),
  };
}

export interface DrillCallRow {
  enteredAt: string; answeredAt: string | null; hotlineNumber: string; hotlineName: string | null; hotlineNameEn: string | null; callerNumber: string | null;
  agentName: string | null; state: string; waitSeconds: number | null; talkSeconds: number | null;
}
export interface DrillTicketRow {
  code: string; title: string | null; confidential: boolean; channel: string; ticketClass: string; state: string; kind: string;
  categoryName: string | null; categoryNameEn: string | null; unitName: string | null; unitNameEn: string | null; createdAt: string;
}

/** The records behind a figure: calls by hotline name, agent name and outcome in words; tickets by code, names and words. */
export function buildDrillExport(result: { kind: 'calls'; calls: DrillCallRow[] } | { kind: 'tickets'; tickets: DrillTicketRow[] }, lang: ExportLang): ExportTable {
  const l = exportLabels(lang);
  const w = l.words;
  const en = lang === 'en';
  if (result.kind === 'calls') {
    const keys = ['enteredAt', 'hotline', 'callerNumber', 'agent', 'state', 'answeredAt', 'waitSeconds', 'talkSeconds'];
    return {
      columns: keys.map((key) => ({ key, header: w[key]! })),
      rows: result.calls.map((call) => ({
        enteredAt: formatExportTime(call.enteredAt), answeredAt: formatExportTime(call.answeredAt),
        hotline: [call.hotlineNumber, en ? call.hotlineNameEn || call.hotlineName : call.hotlineName].filter(Boolean).join(' '),
        callerNumber: call.callerNumber, agent: call.agentName, state: labelOf(l.callStates, call.state),
        waitSeconds: call.waitSeconds, talkSeconds: call.talkSeconds,
      })),
    };
  }
  const keys = ['code', 'title', 'channel', 'ticketClass', 'kind', 'category', 'leadUnit', 'state', 'createdAt'];
  return {
    columns: keys.map((key) => ({ key, header: w[key]! })),
    rows: result.tickets.map((ticket) => ({
      code: ticket.code, title: ticket.confidential && !ticket.title ? w.confidential! : ticket.title,
      channel: labelOf(l.channels, ticket.channel), ticketClass: labelOf(l.classes, ticket.ticketClass), kind: labelOf(l.kinds, ticket.kind),
      category: (en ? ticket.categoryNameEn || ticket.categoryName : ticket.categoryName) ?? '',
      leadUnit: (en ? ticket.unitNameEn || ticket.unitName : ticket.unitName) ?? '',
      state: labelOf(l.ticketStates, ticket.state), createdAt: formatExportTime(ticket.createdAt),
    })),
  };
}
