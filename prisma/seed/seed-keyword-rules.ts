/** Keyword classification rules: fixed ids, so a second run adds nothing and keeps admins' edits. */
import type { PrismaClient } from '@yixian/db';
import { KEYWORD_RULES } from './data/keyword-rules.js';

/** `genericOnly`: only the rules that name no category (a district without the demo's catalogue). */
export async function seedKeywordRules(prisma: PrismaClient, options: { genericOnly?: boolean } = {}): Promise<void> {
  const rules = options.genericOnly ? KEYWORD_RULES.filter((rule) => !rule.categoryId) : KEYWORD_RULES;
  await prisma.keywordRule.createMany({
    data: rules.map((rule) => ({ id: rule.id, keyword: rule.keyword, ticketClass: rule.ticketClass, priority: rule.priority, categoryId: rule.categoryId ?? null })),
    skipDuplicates: true,
  });
}
