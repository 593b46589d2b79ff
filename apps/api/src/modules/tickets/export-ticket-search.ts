/** The search's tickets as a file: the columns the tickets page shows, names and words in `lang`, numbers masked. */
import { renderExport, type ExportRow } from '../statistics/export-table.js';
import { EXPORT_HEADERS, EXPORT_WORDS, type ExportLang } from './ticket-export-labels.js';
import type { SearchItem } from './search-tickets.js';

const COLUMNS = ['code', 'title', 'category', 'state', 'channel', 'ticketClass', 'leadUnit', 'area', 'address', 'caller', 'createdAt', 'handleDueAt', 'closedAt'];

/** Local time in Asia/Shanghai (UTC+8, no daylight saving) as `YYYY-MM-DD HH:mm`. */
function localTime(iso: string | null): string | null {
  if (!iso) return null;
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function ticketExportRows(items: SearchItem[], lang: ExportLang): ExportRow[] {
  const words = EXPORT_WORDS[lang];
  const en = lang === 'en';
  return items.map((item) => ({
    code: item.code,
    title: item.title,
    category: (en ? item.categoryNameEn : item.categoryName) ?? null,
    state: words.states[item.state] ?? item.state,
    channel: words.channels[item.channel] ?? item.channel,
    ticketClass: words.classes[item.ticketClass] ?? item.ticketClass,
    leadUnit: (en ? item.leadUnitNameEn : item.leadUnitName) ?? null,
    area: (en ? item.areaNameEn : item.areaName) ?? null,
    address: item.address,
    caller: item.callerNumber,
    createdAt: localTime(item.createdAt),
    handleDueAt: localTime(item.handleDueAt),
    closedAt: localTime(item.closedAt),
  }));
}

export function renderTicketExport(format: 'csv' | 'xlsx', lang: ExportLang, items: SearchItem[], now: Date) {
  const columns = COLUMNS.map((key) => ({ key, header: EXPORT_HEADERS[lang][key]! }));
  const stamp = localTime(now.toISOString())!.replace(/[-: ]/g, '').slice(0, 12);
  return renderExport(format, `tickets-${stamp}`, columns, ticketExportRows(items, lang));
}
