/**
 * "Contains" for Chinese text through a GIN index of character bigrams — the one place the API
 * writes it (the ticket search and the knowledge base use it). The database side is the SQL
 * function `ticket_search_grams(text)` (migration 20261205003959_ticket_search): the distinct
 * two-character pieces of a text, no whitespace. pg_trgm needs three characters, and most Chinese
 * words are two (路灯, 噪音); the bigrams narrow the rows through the index, then `strpos` checks
 * the text itself, so the answer is exact.
 */
import { Prisma } from '@yixian/db';

/** Lower-cased, with runs of spaces made one: as the indexed text is written. */
export const normaliseSearchText = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Two characters, neither a space: exactly one of the bigrams `ticket_search_grams` indexes. */
const isOneBigram = (needle: string) => [...needle].length === 2 && !/\s/.test(needle);

/**
 * The condition "`column` contains `text`", two ways: `indexed` asks the GIN index over
 * `ticket_search_grams(indexed)` for all the needle's bigrams, then checks `column`; `plain` checks
 * `column` alone (for rows found by another path: computing a row's bigrams costs more than
 * looking for the word). `indexed` must be the exact expression the index was built on; `column`
 * is a part of it (an address inside the ticket's whole text) or the same.
 */
export function bigramContains(text: string, indexed: Prisma.Sql, column: Prisma.Sql = indexed): { indexed: Prisma.Sql; plain: Prisma.Sql } {
  const needle = normaliseSearchText(text);
  const plain = Prisma.sql`strpos(lower(${column}), ${needle}) > 0`;
  const grams = Prisma.sql`ticket_search_grams(${indexed}) @> ticket_search_grams(${needle}::text)`;
  // A two-character word is one bigram: having it is containing the word, so the index answers exactly
  // and the text is not read again (reading it is most of the cost for a common word: 办理, 路灯).
  if (column === indexed && isOneBigram(needle)) return { indexed: Prisma.sql`(${grams})`, plain };
  return { indexed: Prisma.sql`(${grams} AND ${plain})`, plain };
}
