/**
 * Keyword rules of classification (警务类 / 非警务类): create, edit with a version, disable/enable,
 * audited; and the "try it" box, which runs intake's own `decideClass` over the active rules.
 * Classification reads the rules from the table on every intake (no cache), so a saved rule
 * applies to the next ticket; the change is still announced (`keyword_rules`) for the consoles.
 */
import { randomUUID } from 'node:crypto';
import type { KeywordRule, Prisma } from '@yixian/db';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { decideClass, matchKeywordRules, RULE_ORDER } from '../classification/classify-ticket.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import type { CreateRuleBody, TryRuleBody, UpdateRuleBody } from './keyword-rules.schemas.js';

type Db = Prisma.TransactionClient;
type RuleWithCategory = KeywordRule & { categoryName: string | null };

async function withCategoryNames(db: Db, rules: KeywordRule[]): Promise<RuleWithCategory[]> {
  const ids = [...new Set(rules.map((rule) => rule.categoryId).filter((id): id is string => id !== null))];
  const categories = ids.length ? await db.category.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(categories.map((c) => [c.id, c.name]));
  return rules.map((rule) => ({ ...rule, categoryName: rule.categoryId ? nameOf.get(rule.categoryId) ?? null : null }));
}

const view = ({ createdAt: _created, ...rule }: RuleWithCategory) => rule;

async function viewRule(db: Db, id: string) {
  const rule = await db.keywordRule.findUnique({ where: { id } });
  return rule ? view((await withCategoryNames(db, [rule]))[0]!) : null;
}

export async function listRules(db: Db) {
  return (await withCategoryNames(db, await db.keywordRule.findMany({ orderBy: [{ active: 'desc' }, ...RULE_ORDER] }))).map(view);
}

async function checkCategory(db: Db, categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return;
  if (!(await db.category.findUnique({ where: { id: categoryId }, select: { id: true } }))) {
    throw new AppError('validation_failed', `categoryId: no category ${categoryId}`, { field: 'categoryId' });
  }
}

async function checkDuplicate(db: Db, id: string | null, rule: { keyword: string; categoryId: string | null }): Promise<void> {
  const same = await db.keywordRule.findFirst({
    where: { keyword: { equals: rule.keyword.trim(), mode: 'insensitive' }, categoryId: rule.categoryId, active: true, ...(id ? { id: { not: id } } : {}) },
    select: { id: true },
  });
  if (same) throw new AppError('conflict', `An active rule for "${rule.keyword}" in this scope exists`, { field: 'keyword', details: { ruleId: same.id } });
}

export async function createRule(tx: Db, request: FastifyRequest, now: Date, body: CreateRuleBody) {
  await checkCategory(tx, body.categoryId);
  await checkDuplicate(tx, null, body);
  const rule = await tx.keywordRule.create({ data: { id: randomUUID(), ...body, keyword: body.keyword.trim() } });
  const after = (await viewRule(tx, rule.id))!;
  await recordChange(tx, request, now, { act: 'create', resource: 'keyword_rule', resourceId: rule.id, version: after.version, before: null, after });
  return after;
}

export async function updateRule(tx: Db, request: FastifyRequest, now: Date, id: string, body: UpdateRuleBody) {
  const before = await viewRule(tx, id);
  if (!before) throw new AppError('not_found', `No keyword rule ${id}`, { field: 'id' });
  const { version, ...patch } = body;
  if (patch.keyword !== undefined) patch.keyword = patch.keyword.trim();
  await checkCategory(tx, patch.categoryId);
  if (before.active) await checkDuplicate(tx, id, { keyword: patch.keyword ?? before.keyword, categoryId: patch.categoryId !== undefined ? patch.categoryId : before.categoryId });
  const { count } = await tx.keywordRule.updateMany({ where: { id, version }, data: { ...patch, version: { increment: 1 } } });
  if (count === 0) throw await staleEdit(tx, { resource: 'keyword_rule', resourceId: id, sentVersion: version, current: before });
  const after = (await viewRule(tx, id))!;
  await recordChange(tx, request, now, { act: 'update', resource: 'keyword_rule', resourceId: id, version: after.version, before, after });
  return after;
}

export async function setRuleActive(tx: Db, request: FastifyRequest, now: Date, id: string, version: number, active: boolean) {
  const before = await viewRule(tx, id);
  if (!before) throw new AppError('not_found', `No keyword rule ${id}`, { field: 'id' });
  if (active) await checkDuplicate(tx, id, before);
  const { count } = await tx.keywordRule.updateMany({ where: { id, version }, data: { active, version: { increment: 1 } } });
  if (count === 0) throw await staleEdit(tx, { resource: 'keyword_rule', resourceId: id, sentVersion: version, current: before });
  const after = (await viewRule(tx, id))!;
  await recordChange(tx, request, now, { act: active ? 'enable' : 'disable', resource: 'keyword_rule', resourceId: id, version: after.version, before, after });
  return after;
}

/** Classifies a sample as intake would (the hotline's and the category's police flags, the active rules). */
export async function tryRules(db: Db, body: TryRuleBody) {
  const category = body.categoryId ? await db.category.findUnique({ where: { id: body.categoryId }, select: { id: true, isPolice: true } }) : null;
  if (body.categoryId && !category) throw new AppError('not_found', `No category ${body.categoryId}`, { field: 'categoryId' });
  const hotline = body.hotlineId ? await db.hotline.findUnique({ where: { id: body.hotlineId }, select: { isPolice: true } }) : null;
  if (body.hotlineId && !hotline) throw new AppError('not_found', `No hotline ${body.hotlineId}`, { field: 'hotlineId' });
  const rules = await withCategoryNames(db, await db.keywordRule.findMany({ where: { active: true }, orderBy: RULE_ORDER }));
  const input = { text: body.text, categoryId: category?.id ?? '', categoryIsPolice: category?.isPolice ?? false, hotlineIsPolice: hotline?.isPolice ?? false };
  const result = decideClass(input, rules);
  const { matches, policeRule, civilRule } = matchKeywordRules(input, rules);
  const rule = result.source === 'keyword' ? (result.ticketClass === 'police' ? policeRule : civilRule) ?? null : null;
  return { ticketClass: result.ticketClass, source: result.source, keyword: result.keyword, rule: rule ? view(rule) : null, matches: matches.map(view) };
}
