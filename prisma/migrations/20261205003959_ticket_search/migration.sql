-- CreateIndex
CREATE INDEX "ticket_updatedAt_idx" ON "ticket"("updatedAt");

-- CreateIndex
CREATE INDEX "ticket_handleDueAt_idx" ON "ticket"("handleDueAt");

-- CreateIndex
CREATE INDEX "ticket_callId_idx" ON "ticket"("callId");

-- Ticket search (hand-written; Prisma cannot express these, and `db:migrate:dev` leaves them be).
-- Keywords and address fragments: a GIN index over the text's character bigrams, the way pg_bigm
-- indexes CJK. pg_trgm needs 3 characters and sees CJK only under a UTF-8 lc_ctype (a C-locale
-- cluster gives no trigrams at all for Chinese), while most Chinese words are 2 characters (路灯, 噪音).
-- The bigrams narrow the rows through the index; the query then checks strpos on the same text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION ticket_search_text(title text, description text, address text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(concat_ws(' ', title, description, address)) $$;

CREATE OR REPLACE FUNCTION ticket_search_grams(text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce(array_agg(DISTINCT gram), '{}')
      FROM (SELECT substr($1, i, 2) AS gram FROM generate_series(1, char_length($1) - 1) AS i) AS grams
     WHERE gram !~ '\s'
  $$;

CREATE INDEX "ticket_search_grams_idx" ON "ticket"
  USING gin (ticket_search_grams(ticket_search_text("title", "description", "address")));

-- Codes (ASCII, any locale): exact by the unique index, prefixes by trigrams.
CREATE INDEX "ticket_code_trgm_idx" ON "ticket" USING gin ("code" gin_trgm_ops);
