import { requestClient } from './client';
import type { TicketView } from './tickets';

/** A search result: the ticket (number masked) with the names the server resolved. */
export interface TicketSearchItem extends TicketView {
  categoryName: string | null;
  categoryNameEn: string | null;
  leadUnitName: string | null;
  leadUnitNameEn: string | null;
  areaName: string | null;
  areaNameEn: string | null;
}

export interface TicketSearchPage {
  /** Counted up to 1,000 (the pages reach no deeper); `totalCapped` when there are more. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  items: TicketSearchItem[];
}

/** The API's query: one value per key, `state` repeated. */
export type TicketSearchQuery = Record<string, string | string[] | undefined>;

function toParams(query: TicketSearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  }
  return params;
}

/** GET /api/tickets/search (a number search is audited by the server). */
export function searchTickets(query: TicketSearchQuery): Promise<TicketSearchPage> {
  return requestClient.get<TicketSearchPage>(`/tickets/search?${toParams(query).toString()}`);
}

/** A download link for the same search (a plain GET with the session cookie; at most 10,000 rows). */
export function ticketSearchExportUrl(query: TicketSearchQuery, format: 'xlsx' | 'csv', lang: 'zh-CN' | 'en'): string {
  const params = toParams({ ...query, page: undefined, pageSize: undefined, format, lang });
  return `/api/tickets/search/export?${params.toString()}`;
}

/** Active units (for the filter's unit list). */
export interface UnitOption { id: string; name: string; nameEn: string; type: string; areaId: string }
export function listUnits(): Promise<UnitOption[]> {
  return requestClient.get<UnitOption[]>('/units');
}
