-- The outbox dispatcher takes rows that wait to be handed over and are due within its reach
-- (dispatch-outbox.ts `waitingRowsSql`): untimed rows first, then timed ones by their time. Timed
-- rows far ahead (deadline steps of open tickets) now wait here until they come near, so the pass
-- reads a range of this index instead of walking every waiting row by id.
CREATE INDEX "outbox_waiting_idx" ON "outbox" ((coalesce("runAt", '-infinity'::timestamp(3))), "id")
  WHERE "dispatchedAt" IS NULL AND "attempts" < 10;
