-- Hand-written (Prisma does not see expression indexes). The knowledge search's bigram indexes write
-- each new entry into the tree at once instead of GIN's pending list: articles change a few times a
-- day, and a pending list (up to gin_pending_list_limit, 4 MB) is read linearly by every search until
-- a vacuum merges it — 28 ms for a word in none of 10,000 freshly inserted articles.
ALTER INDEX "knowledge_article_published_grams_idx" SET (fastupdate = off);
ALTER INDEX "knowledge_article_grams_idx" SET (fastupdate = off);
