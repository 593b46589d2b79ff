/**
 * A category suggested from a report's words, by the same keyword rules the classification heeds:
 * a keyword rule that names a category (分类规则, higher priority first) and the categories' own
 * keywords (系统管理 → 分类). Only active leaves, and only those in the caller's business scope
 * when it names categories. The answer also says whether the words read as a police matter, as
 * `decideClass` would decide for the suggested category.
 */
import type { Prisma } from '@yixian/db';
import { decideClass, RULE_ORDER, type Classification } from './classify-ticket.js';

export type SuggestionSource = 'rule' | 'category';

export interface CategorySuggestion {
  id: string;
  name: string;
  nameEn: string;
  level: string;
  isPolice: boolean;
  /** The word of the text that led to it. */
  keyword: string;
  source: SuggestionSource;
}

export interface SuggestedCategories {
  category: CategorySuggestion | null;
  /** Other categories the words also match, best first (at most 4). */
  alternatives: CategorySuggestion[];
  ticketClass: Pick<Classification, 'ticketClass' | 'source' | 'keyword'>;
}

interface Leaf { id: string; name: string; nameEn: string; level: string; isPolice: boolean; keywords: string[] }
interface Rule { keyword: string; ticketClass: string; categoryId: string | null; priority: number }

const MAX_ALTERNATIVES = 4;

/**
 * Pure: the matching categories, best first — rules naming a category (in the rules' order), then
 * category keywords, a longer keyword before a shorter one (路灯不亮 before 路灯), then by id.
 */
export function rankCategoryMatches(text: string, leaves: readonly Leaf[], rules: readonly Rule[]): CategorySuggestion[] {
  const words = text.toLowerCase();
  const byId = new Map(leaves.map((leaf) => [leaf.id, leaf]));
  const found = new Map<string, CategorySuggestion>();
  const add = (leaf: Leaf, keyword: string, source: SuggestionSource) => {
    if (!found.has(leaf.id)) found.set(leaf.id, { id: leaf.id, name: leaf.name, nameEn: leaf.nameEn, level: leaf.level, isPolice: leaf.isPolice, keyword, source });
  };
  for (const rule of rules) {
    const leaf = rule.categoryId ? byId.get(rule.categoryId) : undefined;
    if (leaf && words.includes(rule.keyword.toLowerCase())) add(leaf, rule.keyword, 'rule');
  }
  const keywordHits = leaves.flatMap((leaf) => leaf.keywords
    .filter((keyword) => keyword.trim() && words.includes(keyword.toLowerCase()))
    .map((keyword) => ({ leaf, keyword })));
  keywordHits.sort((a, b) => b.keyword.length - a.keyword.length || a.leaf.id.localeCompare(b.leaf.id));
  for (const { leaf, keyword } of keywordHits) add(leaf, keyword, 'category');
  return [...found.values()];
}

/** Loads the active leaves (within `categoryIds` when given) and rules, and ranks them for `text`. */
export async function suggestCategory(tx: Prisma.TransactionClient, text: string, options: { categoryIds?: readonly string[] } = {}): Promise<SuggestedCategories> {
  const limit = options.categoryIds && options.categoryIds.length > 0 ? { id: { in: [...options.categoryIds] } } : {};
  const leaves = await tx.category.findMany({
    where: { active: true, children: { none: {} }, ...limit },
    orderBy: { code: 'asc' },
    select: { id: true, name: true, nameEn: true, level: true, isPolice: true, keywords: true },
  });
  const rules = await tx.keywordRule.findMany({
    where: { active: true }, orderBy: RULE_ORDER, select: { keyword: true, ticketClass: true, categoryId: true, priority: true },
  });
  const [category, ...rest] = rankCategoryMatches(text, leaves, rules);
  const decided = decideClass({ hotlineIsPolice: false, categoryIsPolice: category?.isPolice ?? false, categoryId: category?.id ?? '', text }, rules);
  return {
    category: category ?? null,
    alternatives: rest.slice(0, MAX_ALTERNATIVES),
    ticketClass: { ticketClass: decided.ticketClass, source: decided.source, keyword: decided.keyword },
  };
}
