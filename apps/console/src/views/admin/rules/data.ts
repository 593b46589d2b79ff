/**
 * The keyword rules page's pure parts: the filter, the form ↔ API shapes, a stale edit and a
 * "try it" answer in words (classes and categories by name, never codes). No I/O.
 */
import type { KeywordRule, KeywordRulePatch, TryResult } from '#/api/admin-catalogue';
import type { StaleEdit } from '#/utils/stale-edit';

type T = (key: string, values?: Record<string, unknown>) => string;

export interface RuleFilter {
  query: string;
  /** '' = both classes. */
  ticketClass: '' | KeywordRule['ticketClass'];
  /** '' = every category and the rules for all; otherwise one category's id. */
  categoryId: string;
  /** '' = active and disabled. */
  state: '' | 'active' | 'disabled';
}

export const emptyFilter = (): RuleFilter => ({ query: '', ticketClass: '', categoryId: '', state: '' });

/** The rules the filter lets through, in the server's order (the order they are heeded). */
export function filterRules(rules: readonly KeywordRule[], filter: RuleFilter, nameOf?: NameOf): KeywordRule[] {
  const query = filter.query.trim().toLowerCase();
  const scopeOf = (rule: KeywordRule) => `${rule.categoryName ?? ''} ${(rule.categoryId && nameOf?.(rule.categoryId)) ?? ''}`.toLowerCase();
  return rules.filter((rule) => (!query || rule.keyword.toLowerCase().includes(query) || scopeOf(rule).includes(query))
    && (!filter.ticketClass || rule.ticketClass === filter.ticketClass)
    && (!filter.categoryId || rule.categoryId === filter.categoryId)
    && (!filter.state || rule.active === (filter.state === 'active')));
}

export interface RuleForm {
  keyword: string;
  ticketClass: KeywordRule['ticketClass'];
  /** '' = the rule applies to every category. */
  categoryId: string;
  priority: number;
}

export const emptyRuleForm = (): RuleForm => ({ keyword: '', ticketClass: 'police', categoryId: '', priority: 0 });

export const ruleFormOf = (rule: Pick<KeywordRule, 'keyword' | 'ticketClass' | 'categoryId' | 'priority'>): RuleForm => ({
  keyword: rule.keyword, ticketClass: rule.ticketClass, categoryId: rule.categoryId ?? '', priority: rule.priority,
});

/** The form as the API takes it on create. */
export const ruleBodyOf = (form: RuleForm) => ({ keyword: form.keyword.trim(), ticketClass: form.ticketClass, categoryId: form.categoryId || null, priority: form.priority });

/** Only what the form changed, for a PATCH (an unchanged rule sends nothing but its version). */
export function ruleChangesOf(form: RuleForm, rule: KeywordRule): KeywordRulePatch {
  const body = ruleBodyOf(form);
  const patch: KeywordRulePatch = {};
  if (body.keyword !== rule.keyword) patch.keyword = body.keyword;
  if (body.ticketClass !== rule.ticketClass) patch.ticketClass = body.ticketClass;
  if (body.categoryId !== rule.categoryId) patch.categoryId = body.categoryId;
  if (body.priority !== rule.priority) patch.priority = body.priority;
  return patch;
}

/** "警务类" / "非警务类". */
export const classText = (ticketClass: string, t: T) => t(`rules.classes.${ticketClass}`);

/** Names a category in the console's language; undefined when the catalogue does not list it (disabled). */
export type NameOf = (categoryId: string) => string | undefined;

/** The rule's scope: its category by name (the server's Chinese name when the catalogue lacks it), or "全部分类". */
export function scopeText(rule: Pick<KeywordRule, 'categoryId' | 'categoryName'>, t: T, nameOf?: NameOf): string {
  if (!rule.categoryId) return t('rules.allCategories');
  return nameOf?.(rule.categoryId) ?? rule.categoryName ?? t('rules.allCategories');
}

/** "已被 张三 于 … 修改（关键词、优先级）…": who changed which fields since the rule was listed (the toggle's warning). */
export function staleText(stale: StaleEdit, t: T, at: string): string {
  const fields = [...new Set(stale.fields.map((field) => t(`rules.fields.${field}`)))].join('、');
  return t('common.staleEdit.message', { by: stale.by ?? t('common.staleEdit.someone'), at, fields });
}

/** The lines of a "try it" answer: the class, what decided it, and the rule (keyword, scope, priority). */
export function tryLines(result: TryResult, t: T, nameOf?: NameOf): { label: string; value: string; testId: string }[] {
  const lines = [
    { label: t('rules.try.class'), value: classText(result.ticketClass, t), testId: 'try-class' },
    { label: t('rules.try.source'), value: t(`rules.try.sources.${result.source}`), testId: 'try-source' },
  ];
  if (result.rule) {
    lines.push(
      { label: t('rules.try.keyword'), value: result.rule.keyword, testId: 'try-keyword' },
      { label: t('rules.try.category'), value: scopeText(result.rule, t, nameOf), testId: 'try-category' },
      { label: t('rules.try.rule'), value: t('rules.try.ruleText', { keyword: result.rule.keyword, class: classText(result.rule.ticketClass, t), priority: result.rule.priority }), testId: 'try-rule' },
    );
  }
  return lines;
}
