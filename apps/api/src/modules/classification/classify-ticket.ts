/**
 * 警务类 / 非警务类. The signals, strongest first:
 *   1. the agent's override (a reason is required; it goes into the trail);
 *   2. a police keyword rule, the category's police flag → police;
 *   3. a non-police keyword rule → non-police, even on 110 (非警务警情分流 at intake);
 *   4. the hotline's default (110 → police), otherwise non-police.
 * Keyword rules live in the `keyword_rule` table (higher priority first); a rule with a
 * `categoryId` applies only to that category.
 */
import type { Prisma } from '@yixian/db';
import type { TicketClass } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { createConfigCache } from '../config-changes/config-cache.js';

export type ClassificationSource = 'override' | 'keyword' | 'category' | 'hotline' | 'default';

export interface Classification {
  ticketClass: TicketClass;
  /** What the rules said before any override. */
  suggested: TicketClass;
  source: ClassificationSource;
  keyword: string | null;
  overridden: boolean;
  reason: string | null;
}

export interface ClassifyInput {
  hotlineIsPolice: boolean;
  categoryIsPolice: boolean;
  categoryId: string;
  text: string;
  override?: { ticketClass: TicketClass; reason?: string | undefined };
}

export interface RuleRow { keyword: string; ticketClass: string; categoryId: string | null }

/**
 * The rules whose keyword the text holds (and whose category, if any, is the ticket's), in the
 * rules' order, with the first police and the first non-police one: the ones `decideClass` heeds.
 */
export function matchKeywordRules<R extends RuleRow>(input: Pick<ClassifyInput, 'text' | 'categoryId'>, rules: readonly R[]) {
  const text = input.text.toLowerCase();
  const matches = rules.filter((rule) => (!rule.categoryId || rule.categoryId === input.categoryId) && text.includes(rule.keyword.toLowerCase()));
  return { matches, policeRule: matches.find((rule) => rule.ticketClass === 'police'), civilRule: matches.find((rule) => rule.ticketClass === 'non_police') };
}

/** The order rules are heeded in: higher priority first, then by keyword. */
export const RULE_ORDER = [{ priority: 'desc' as const }, { keyword: 'asc' as const }];

/** Pure: applies the signals to already loaded rules. */
export function decideClass(input: ClassifyInput, rules: readonly RuleRow[]): Classification {
  const { policeRule, civilRule } = matchKeywordRules(input, rules);
  let suggested: Omit<Classification, 'overridden' | 'reason' | 'suggested'>;
  if (policeRule) suggested = { ticketClass: 'police', source: 'keyword', keyword: policeRule.keyword };
  else if (input.categoryIsPolice) suggested = { ticketClass: 'police', source: 'category', keyword: null };
  else if (civilRule) suggested = { ticketClass: 'non_police', source: 'keyword', keyword: civilRule.keyword };
  else if (input.hotlineIsPolice) suggested = { ticketClass: 'police', source: 'hotline', keyword: null };
  else suggested = { ticketClass: 'non_police', source: 'default', keyword: null };
  const override = input.override;
  if (override && override.ticketClass !== suggested.ticketClass) {
    const reason = override.reason?.trim();
    if (!reason) throw new AppError('validation_failed', `Overriding ${suggested.ticketClass} with ${override.ticketClass} needs a reason`, { field: 'classReason' });
    return { ticketClass: override.ticketClass, suggested: suggested.ticketClass, source: 'override', keyword: suggested.keyword, overridden: true, reason };
  }
  return { ...suggested, suggested: suggested.ticketClass, overridden: false, reason: override?.reason?.trim() || null };
}

/** The active rules in their order, per process until the `keyword_rules` topic announces a change. */
const activeRules = createConfigCache(['keyword_rules'], (db: Pick<Prisma.TransactionClient, 'keywordRule'>): Promise<RuleRow[]> =>
  db.keywordRule.findMany({ where: { active: true }, orderBy: RULE_ORDER, select: { keyword: true, ticketClass: true, categoryId: true } }));

/** Classifies by the active keyword rules. */
export async function classifyTicket(tx: Prisma.TransactionClient, input: ClassifyInput): Promise<Classification> {
  return decideClass(input, await activeRules.get(tx));
}
