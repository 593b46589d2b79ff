-- CreateTable
CREATE TABLE "ticket_indicator_fact" (
    "ticketId" TEXT NOT NULL,
    "unitKey" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "hitAt" TIMESTAMP(3),
    "verdict" TEXT,
    "unreplied" BOOLEAN NOT NULL DEFAULT false,
    "rollable" BOOLEAN NOT NULL,

    CONSTRAINT "ticket_indicator_fact_pkey" PRIMARY KEY ("ticketId","unitKey","indicator","seq")
);

-- CreateTable
CREATE TABLE "indicator_rollup" (
    "day" DATE NOT NULL,
    "unitKey" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "hitDay" DATE NOT NULL,
    "denominator" INTEGER NOT NULL,
    "numerator" INTEGER NOT NULL,

    CONSTRAINT "indicator_rollup_pkey" PRIMARY KEY ("day","unitKey","indicator","hitDay")
);

-- CreateTable
CREATE TABLE "ticket_indicator_dirty" (
    "ticketId" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_indicator_dirty_pkey" PRIMARY KEY ("ticketId")
);

-- CreateIndex
CREATE INDEX "ticket_indicator_fact_rollable_at_idx" ON "ticket_indicator_fact"("rollable", "at");

-- CreateIndex
CREATE INDEX "ticket_indicator_fact_hitAt_idx" ON "ticket_indicator_fact"("hitAt");

-- CreateIndex
CREATE INDEX "ticket_indicator_fact_unitKey_indicator_at_idx" ON "ticket_indicator_fact"("unitKey", "indicator", "at");

-- Marks the tickets whose trail grew: their indicator facts are derived again (statement-level,
-- so a bulk COPY of the trail marks each ticket once). DO UPDATE rather than DO NOTHING: while a
-- refresh holds a ticket's mark (FOR UPDATE) this waits, and inserts it again after the refresh
-- deleted it, so an entry committed during a refresh is never left unmarked.
CREATE FUNCTION mark_ticket_indicator_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ticket_indicator_dirty" ("ticketId", "markedAt")
  SELECT DISTINCT "ticketId", now() FROM new_events
  ON CONFLICT ("ticketId") DO UPDATE SET "markedAt" = EXCLUDED."markedAt";
  RETURN NULL;
END $$;

CREATE TRIGGER ticket_event_marks_indicator_dirty
  AFTER INSERT ON "ticket_event" REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION mark_ticket_indicator_dirty();

-- Tickets that exist before this migration get their facts on the first refresh.
INSERT INTO "ticket_indicator_dirty" ("ticketId") SELECT "id" FROM "ticket" ON CONFLICT DO NOTHING;
