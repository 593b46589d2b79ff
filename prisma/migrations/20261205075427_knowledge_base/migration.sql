-- AlterTable
ALTER TABLE "ticket" ADD COLUMN     "articleId" TEXT,
ADD COLUMN     "articleVersion" INTEGER;

-- CreateTable
CREATE TABLE "knowledge_article" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL,
    "categoryId" TEXT,
    "tags" TEXT[],
    "unitId" TEXT,
    "validFrom" TIMESTAMP(3),
    "validTo" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "reviewNote" TEXT,
    "publishedVersion" INTEGER,
    "publishedTitle" TEXT,
    "publishedBody" TEXT,
    "publishedText" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "knowledge_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "knowledge_article_version" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "act" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "categoryId" TEXT,
    "tags" TEXT[],
    "unitId" TEXT,
    "validFrom" TIMESTAMP(3),
    "validTo" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "actorId" TEXT,
    "actorName" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "knowledge_article_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "knowledge_article_status_idx" ON "knowledge_article"("status");

-- CreateIndex
CREATE INDEX "knowledge_article_unitId_idx" ON "knowledge_article"("unitId");

-- CreateIndex
CREATE INDEX "knowledge_article_categoryId_idx" ON "knowledge_article"("categoryId");

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_article_version_articleId_version_key" ON "knowledge_article_version"("articleId", "version");

-- CreateIndex
CREATE INDEX "ticket_articleId_closedAt_idx" ON "ticket"("articleId", "closedAt");

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "knowledge_article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article" ADD CONSTRAINT "knowledge_article_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_article_version" ADD CONSTRAINT "knowledge_article_version_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "knowledge_article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written below (Prisma cannot express these; `db:migrate:dev` leaves them be).

-- The versions are the article's history: append-only, like the ticket trail.
CREATE TRIGGER knowledge_article_version_append_only
  BEFORE UPDATE OR DELETE ON "knowledge_article_version"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change();
CREATE TRIGGER knowledge_article_version_no_truncate
  BEFORE TRUNCATE ON "knowledge_article_version"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();

-- Search in Chinese: the ticket search's bigram GIN index (ticket_search_grams, migration
-- 20261205003959_ticket_search; pg_trgm needs 3 characters and most Chinese words are 2) over the
-- article's title and plain text, lower-cased. One index on the published copy (the desk), one on
-- the working copy (the editors).
CREATE OR REPLACE FUNCTION knowledge_search_text(title text, body text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(concat_ws(' ', title, body)) $$;

CREATE INDEX "knowledge_article_published_grams_idx" ON "knowledge_article"
  USING gin (ticket_search_grams(knowledge_search_text("publishedTitle", "publishedText")));

CREATE INDEX "knowledge_article_grams_idx" ON "knowledge_article"
  USING gin (ticket_search_grams(knowledge_search_text("title", "bodyText")));
