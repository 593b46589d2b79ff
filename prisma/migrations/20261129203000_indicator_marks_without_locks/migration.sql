-- A refresh no longer holds the marks it works on (FOR UPDATE made every ticket action on those
-- tickets wait for the whole refresh). It reads each mark's time and deletes the mark only if that
-- time is unchanged; a trail entry written meanwhile moves the time (clock_timestamp(), not the
-- transaction's start), so its ticket stays marked for the next refresh.
CREATE OR REPLACE FUNCTION mark_ticket_indicator_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ticket_indicator_dirty" ("ticketId", "markedAt")
  SELECT DISTINCT "ticketId", clock_timestamp() FROM new_events
  -- Always later than the time a refresh may have read (the column keeps milliseconds).
  ON CONFLICT ("ticketId") DO UPDATE
    SET "markedAt" = greatest(EXCLUDED."markedAt", "ticket_indicator_dirty"."markedAt" + interval '1 millisecond');
  RETURN NULL;
END $$;
