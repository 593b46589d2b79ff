/**
 * The patrol report form's pure parts: how good a GPS fix is, which categories the worker may
 * pick, the body sent, the outcome and the refusals in words.
 */
import type { ApiError } from '#/api/api-error';
import { CLIENT_ERROR_CODES } from '#/api/api-error';
import type { Category } from '#/api/catalogue';
import type { PatrolReportBody, ReportPosition } from '#/api/patrol';
import type { TicketDetail } from '#/api/tickets';
import { localName } from '#/views/tickets/data';

/** A fix at least this good (metres) is taken without asking; a worse one waits for the worker to accept it. */
export const GOOD_ACCURACY_M = 30;
/** The description's limit, as the API's. */
export const MAX_DESCRIPTION = 1000;
export const MAX_RESULT = 2000;

export interface ReportForm {
  description: string;
  categoryId: string;
  /** The worker picked the category: suggestions no longer replace it. */
  isCategoryChosen: boolean;
  address: string;
  handledOnSpot: boolean;
  result: string;
}

export function createReportForm(): ReportForm {
  return { description: '', categoryId: '', isCategoryChosen: false, address: '', handledOnSpot: false, result: '' };
}

export function isGoodFix(position: Pick<ReportPosition, 'accuracy'>): boolean {
  return position.accuracy <= GOOD_ACCURACY_M;
}

/** Whole metres, at least 1, as said to the worker ("定位精度约 12 米"). */
export function accuracyMetres(position: Pick<ReportPosition, 'accuracy'>): number {
  return Math.max(1, Math.round(position.accuracy));
}

export interface CategoryOption {
  id: string;
  label: string;
}

/**
 * The leaves a worker may report under: all of them, or, when the account's scope names
 * categories, the leaves named or under a named group. Labelled "group / leaf".
 */
export function listReportCategories(categories: readonly Category[], scopeCategoryIds: readonly string[], locale: string): CategoryOption[] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const scope = new Set(scopeCategoryIds);
  const isInScope = (category: Category): boolean => {
    if (scope.size === 0) return true;
    for (let node: Category | undefined = category; node; node = node.parentId ? byId.get(node.parentId) : undefined) {
      if (scope.has(node.id)) return true;
    }
    return false;
  };
  return categories
    .filter((category) => category.isLeaf && isInScope(category))
    .map((category) => {
      const parent = category.parentId ? byId.get(category.parentId) : undefined;
      const name = localName(category.name, category.nameEn, locale, category.id);
      return { id: category.id, label: parent ? `${localName(parent.name, parent.nameEn, locale, parent.id)} / ${name}` : name };
    });
}

export type BuiltReport = { ok: true; body: PatrolReportBody } | { ok: false; field: string; messageKey: string };

/** The body to file, or the first thing missing, in words. */
export function buildReportBody(form: ReportForm, position: ReportPosition | null, guessedAreaId: string | null): BuiltReport {
  if (!position) return { ok: false, field: 'position', messageKey: 'mobile.report.errors.noPosition' };
  const description = form.description.trim();
  if (!description) return { ok: false, field: 'description', messageKey: 'mobile.report.errors.noDescription' };
  if (!form.categoryId) return { ok: false, field: 'categoryId', messageKey: 'mobile.report.errors.noCategory' };
  const result = form.result.trim();
  if (form.handledOnSpot && !result) return { ok: false, field: 'result', messageKey: 'mobile.report.errors.noResult' };
  const body: PatrolReportBody = {
    categoryId: form.categoryId,
    description,
    position: { lat: position.lat, lng: position.lng, accuracy: position.accuracy },
  };
  const address = form.address.trim();
  if (address) body.address = address;
  if (guessedAreaId) body.guessedAreaId = guessedAreaId;
  if (form.handledOnSpot) Object.assign(body, { handledOnSpot: true, result });
  return { ok: true, body };
}

/**
 * Failures after which the act may be sent again under its Idempotency-Key: no signal, no answer,
 * a server error, the centre busy or a service briefly away (503), or the API copy behind the
 * proxy gone mid-request (502, a failover). They leave the act waiting, never failed for good.
 */
export const LOST_ANSWER_CODES = [CLIENT_ERROR_CODES.network, CLIENT_ERROR_CODES.timeout, 'internal_error', 'service_unavailable', 'bad_gateway'] as const;

/** Whether the answer may simply not have arrived: the same key is sent again. */
export function isLostAnswer(error: Pick<ApiError, 'code'>): boolean {
  return (LOST_ANSWER_CODES as readonly string[]).includes(error.code);
}

/** The message key for a refused report, or null when the generic API message should be said. */
export function reportErrorKey(error: Pick<ApiError, 'code' | 'status' | 'field'>): string | null {
  if (isLostAnswer(error)) return 'mobile.report.errors.lostAnswer';
  if (error.field === 'position') return error.status === 403 ? 'mobile.report.errors.notYourGrid' : 'mobile.report.errors.outside';
  if (error.field === 'categoryId') return error.status === 403 ? 'mobile.report.errors.notYourCategory' : 'mobile.report.errors.badCategory';
  if (error.field === 'handledOnSpot') return error.status === 403 ? 'mobile.report.errors.noGridTeam' : 'mobile.report.errors.notOnSpot';
  if (error.field?.toLowerCase() === 'idempotency-key' && error.code === 'conflict') return 'mobile.report.errors.changedAfterSend';
  if (error.status === 403) return 'mobile.report.errors.forbidden';
  return null;
}

/** What became of the report, in words: 已派单 to a unit, or 已办结 when handled on the spot. */
export function describeOutcome(ticket: Pick<TicketDetail, 'state' | 'leadUnitId' | 'leadUnitName' | 'leadUnitNameEn'>, locale: string): { key: string; values: Record<string, string> } {
  if (ticket.state === 'closed') return { key: 'mobile.report.outcome.closed', values: {} };
  if (ticket.state === 'dispatched' && ticket.leadUnitId) {
    return { key: 'mobile.report.outcome.dispatched', values: { unit: localName(ticket.leadUnitName, ticket.leadUnitNameEn, locale, ticket.leadUnitId) } };
  }
  return { key: 'mobile.report.outcome.other', values: {} };
}

/** A fresh key per report (shared with the console's other keyed requests). */
export { createIdempotencyKey } from '#/api/idempotency-key';
