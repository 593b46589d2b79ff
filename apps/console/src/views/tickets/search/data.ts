/**
 * The tickets page's state as the URL holds it (so a search can be bookmarked and Back works),
 * what the search box's text is (a code, a number or words), and the API query built from both.
 * A full number is never put in the URL: it stays in the page (history and bookmarks keep no number).
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { TicketSearchQuery } from '#/api/ticket-search';

export const SEARCH_SORTS = ['created', 'updated', 'handle_due'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;

export type SearchKind = 'code' | 'number' | 'keyword' | 'none';

export interface SearchFilters {
  /** The search box's text (not a number: see `number`). */
  q: string;
  state: string[];
  channel: string;
  ticketClass: string;
  categoryId: string;
  unitId: string;
  areaId: string;
  /** Local dates `YYYY-MM-DD` (Asia/Shanghai), inclusive. */
  from: string;
  to: string;
  overdue: boolean;
  /** '' (any), 'true' or 'false'; offered only to the shift lead and the commander. */
  confidential: '' | 'true' | 'false';
  /** The desk's "this caller's tickets": the call, never its number. */
  callId: string;
  sort: SearchSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function emptyFilters(): SearchFilters {
  return {
    q: '', state: [], channel: '', ticketClass: '', categoryId: '', unitId: '', areaId: '', from: '', to: '', overdue: false,
    confidential: '', callId: '', sort: 'created', order: 'desc', page: 1, pageSize: 20,
  };
}

/** What the typed text is: a phone number (7+ digits), a ticket code (letters then digits), or words (2+ characters). */
export function detectSearchKind(text: string): SearchKind {
  const value = text.trim();
  if (value === '') return 'none';
  const digits = value.replace(/[\s()+-]/g, '');
  if (/^\+?[\d\s()-]+$/.test(value) && /^\d{7,}$/.test(digits)) return 'number';
  if (/^[A-Za-z]{1,4}[-]?\d[A-Za-z0-9-]*$/.test(value)) return 'code';
  return value.length >= 2 ? 'keyword' : 'none';
}

type QueryValue = LocationQuery[string] | undefined;
const one = (value: QueryValue): string => (Array.isArray(value) ? value[0] ?? '' : value ?? '') as string;
const many = (value: QueryValue): string[] => (Array.isArray(value) ? value : value ? [value] : []).filter((v): v is string => !!v);
const positive = (value: string, fallback: number) => (/^\d+$/.test(value) && Number(value) > 0 ? Number(value) : fallback);

export function filtersFromQuery(query: LocationQuery): SearchFilters {
  const base = emptyFilters();
  const sort = one(query.sort);
  const confidential = one(query.confidential);
  const pageSize = positive(one(query.pageSize), base.pageSize);
  return {
    q: one(query.q), state: many(query.state), channel: one(query.channel), ticketClass: one(query.ticketClass),
    categoryId: one(query.categoryId), unitId: one(query.unitId), areaId: one(query.areaId), from: one(query.from), to: one(query.to),
    overdue: one(query.overdue) === '1', confidential: confidential === 'true' || confidential === 'false' ? confidential : '',
    callId: one(query.callId),
    sort: (SEARCH_SORTS as readonly string[]).includes(sort) ? (sort as SearchSort) : base.sort,
    order: one(query.order) === 'asc' ? 'asc' : 'desc',
    page: positive(one(query.page), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : base.pageSize,
  };
}

/** The URL's query: only what differs from the defaults, and never a phone number. */
export function queryFromFilters(filters: SearchFilters): LocationQueryRaw {
  const base = emptyFilters();
  const query: LocationQueryRaw = {};
  if (filters.q && detectSearchKind(filters.q) !== 'number') query.q = filters.q;
  if (filters.state.length > 0) query.state = filters.state;
  for (const key of ['channel', 'ticketClass', 'categoryId', 'unitId', 'areaId', 'from', 'to', 'confidential', 'callId'] as const) {
    if (filters[key]) query[key] = filters[key];
  }
  if (filters.overdue) query.overdue = '1';
  if (filters.sort !== base.sort) query.sort = filters.sort;
  if (filters.order !== base.order) query.order = filters.order;
  if (filters.page !== 1) query.page = String(filters.page);
  if (filters.pageSize !== base.pageSize) query.pageSize = String(filters.pageSize);
  return query;
}

/** Shanghai midnight of a local date as an instant (UTC+8, no daylight saving), `days` later. */
export function shanghaiMidnight(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days) - 8 * 3600_000).toISOString();
}

/** The API query for these filters (the text sent as code, number or keyword). */
export function toApiQuery(filters: SearchFilters): TicketSearchQuery {
  const kind = detectSearchKind(filters.q);
  const text = filters.q.trim();
  return {
    ...(kind === 'code' ? { code: text } : kind === 'number' ? { number: text } : kind === 'keyword' ? { keyword: text } : {}),
    state: filters.state.length > 0 ? filters.state : undefined,
    channel: filters.channel || undefined,
    ticketClass: filters.ticketClass || undefined,
    categoryId: filters.categoryId || undefined,
    unitId: filters.unitId || undefined,
    areaId: filters.areaId || undefined,
    from: filters.from ? shanghaiMidnight(filters.from) : undefined,
    to: filters.to ? shanghaiMidnight(filters.to, 1) : undefined,
    overdue: filters.overdue ? 'true' : undefined,
    confidential: filters.confidential || undefined,
    callId: filters.callId || undefined,
    sort: filters.sort,
    order: filters.order,
    page: String(filters.page),
    pageSize: String(filters.pageSize),
  };
}

/** Element Plus's sort event → our sort, or null when the column cannot sort. */
export function toSort(prop: string | null, order: 'ascending' | 'descending' | null): { sort: SearchSort; order: 'asc' | 'desc' } {
  const sort: SearchSort = prop === 'updatedAt' ? 'updated' : prop === 'handleDueAt' ? 'handle_due' : 'created';
  return { sort, order: order === 'ascending' ? 'asc' : 'desc' };
}
