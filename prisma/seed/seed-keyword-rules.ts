/** Keyword classification rules: fixed ids, so a second run adds nothing and keeps admins' edits. */
import type { PrismaClient } from '@yixian/db';
import { KEYWORD_RULES } from './data/keyword-rules.js';

export async function seedKeywordRules(prisma: PrismaClient): Promise<void> {
  await prisma.keywordRule.createMany({
    data: KEYWORD_RULES.map((rule) => ({ id: rule.id, keyword: rule.keyword, ticketClass: rule.ticketClass, priority: rule.priority, categoryId: rule.categoryId ?? null })),
    skipDuplicates: true,
  });
}
