-- The ticket search's code prefix (YX20260606-): a btree over the upper-cased code with pattern ops
-- serves `upper(code) LIKE 'prefix%'` in any collation (hand-written: an expression index, which Prisma
-- ignores). The trigram index answered a day's prefix by rechecking every code sharing its trigrams.
CREATE INDEX "ticket_code_prefix_idx" ON "ticket" ((upper("code")) text_pattern_ops);
