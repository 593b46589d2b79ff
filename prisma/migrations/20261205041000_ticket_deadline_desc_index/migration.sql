-- The ticket search's "deadline, latest first": tickets without a deadline come last, so the order is
-- coalesce("handleDueAt", -infinity) DESC, which this expression index serves (hand-written: Prisma
-- cannot express it, and ignores expression indexes; a plain DESC NULLS LAST index it would drop).
CREATE INDEX "ticket_handleDueAt_desc_idx" ON "ticket" ((coalesce("handleDueAt", '-infinity'::timestamp(3))));

-- A supporting unit's tickets (the search's "unit: lead or supporting", the inbox): without it, a
-- unit filter OR-ed with the array scanned the whole table.
CREATE INDEX "ticket_supportingUnitIds_idx" ON "ticket" USING GIN ("supportingUnitIds");
