/**
 * Patrol reports (巡查上报, see apps/api/src/modules/patrol/README.md): the grid a point lies in,
 * a category suggested from the words, and filing a report under an idempotency key so a retry
 * after a lost answer never files twice.
 */
import { requestClient, type RequestOptions } from './client';
import type { TicketDetail } from './tickets';

/** A GPS fix as `navigator.geolocation` gives it; `accuracy` in metres. */
export interface ReportPosition {
  lat: number;
  lng: number;
  accuracy: number;
}

/** The grid a point lies in, and its street. */
export interface LocatedArea {
  id: string;
  name: string;
  nameEn: string;
  street: { id: string; name: string; nameEn: string } | null;
}

export interface SuggestedCategory {
  id: string;
  name: string;
  nameEn: string;
  level: string;
  isPolice: boolean;
  keyword: string;
  source: 'rule' | 'category';
}

export interface CategorySuggestion {
  category: SuggestedCategory | null;
  alternatives: SuggestedCategory[];
  ticketClass: { ticketClass: string; source: string; keyword: string | null };
}

export interface PatrolReportBody {
  categoryId: string;
  description: string;
  position: ReportPosition;
  address?: string;
  guessedAreaId?: string;
  handledOnSpot?: boolean;
  result?: string;
}

export interface PatrolReportAnswer {
  ticket: TicketDetail;
  /** True when this key had already filed the ticket (the first answer was lost). */
  replayed: boolean;
}

/** The grid a report at this point would be placed in; a point outside the district is a 400 on `position`. */
export function locateArea(position: { lat: number; lng: number }, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<LocatedArea> {
  return requestClient.get<LocatedArea>('/areas/locate', { query: { lat: position.lat, lng: position.lng }, ...options });
}

/** A category for the words typed so far; a newer call cancels this one through `signal`. */
export function suggestCategory(text: string, signal?: AbortSignal): Promise<CategorySuggestion> {
  return requestClient.get<CategorySuggestion>('/patrol-reports/suggest-category', { query: { text }, signal, handledCodes: ['validation_failed', 'forbidden', 'network_error', 'timeout'] });
}

/** Files a report; the same `key` with the same body answers the first ticket (`replayed`). */
export function filePatrolReport(body: PatrolReportBody, key: string, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<PatrolReportAnswer> {
  return requestClient.post<PatrolReportAnswer>('/patrol-reports', body, { headers: { 'idempotency-key': key }, ...options });
}
