-- One mark per ticket per statement: clock_timestamp() differs row by row, so the DISTINCT of the
-- previous version kept every entry of a ticket, and a statement writing two entries of one ticket
-- failed with "ON CONFLICT DO UPDATE command cannot affect row a second time".
CREATE OR REPLACE FUNCTION mark_ticket_indicator_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ticket_indicator_dirty" ("ticketId", "markedAt")
  SELECT e."ticketId", clock_timestamp() FROM (SELECT DISTINCT "ticketId" FROM new_events) AS e
  -- Always later than the time a refresh may have read (the column keeps milliseconds).
  ON CONFLICT ("ticketId") DO UPDATE
    SET "markedAt" = greatest(EXCLUDED."markedAt", "ticket_indicator_dirty"."markedAt" + interval '1 millisecond');
  RETURN NULL;
END $$;
