/**
 * What the public letter form may choose: the mailboxes and the catalogue's leaves a citizen
 * can file under without help (active, non-police, no extra intake fields). A letter without a
 * category is filed under 意见建议 and the centre re-routes it if needed.
 */
import type { Category, PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { MAILBOX_VALUES } from './mailbox-enums.js';

export const DEFAULT_LETTER_CATEGORY_ID = 'general.suggestion';

async function listLetterCategories(prisma: PrismaClient): Promise<Category[]> {
  const leaves = await prisma.category.findMany({
    where: { active: true, isPolice: false, children: { none: {} } },
    orderBy: { code: 'asc' },
  });
  return leaves.filter((category) => !Array.isArray(category.requiredFields) || category.requiredFields.length === 0);
}

/** The form's choices, in the catalogue's order. */
export async function listLetterOptions(prisma: PrismaClient) {
  const categories = await listLetterCategories(prisma);
  return {
    mailboxes: [...MAILBOX_VALUES],
    categories: categories.map((category) => ({ id: category.id, name: category.name, nameEn: category.nameEn })),
    defaultCategoryId: DEFAULT_LETTER_CATEGORY_ID,
  };
}

/** The category a letter is filed under; 400 naming `categoryId` when the form could not offer it. */
export async function findLetterCategory(prisma: PrismaClient, categoryId: string | undefined): Promise<Category> {
  const id = categoryId ?? DEFAULT_LETTER_CATEGORY_ID;
  const category = (await listLetterCategories(prisma)).find((candidate) => candidate.id === id);
  if (!category) throw new AppError('validation_failed', `Category ${id} cannot be chosen for a letter`, { field: 'categoryId' });
  return category;
}
