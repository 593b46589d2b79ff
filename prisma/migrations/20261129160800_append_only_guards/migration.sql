-- The audit log and the ticket trail are append-only ("every act leaves a trace; nothing is
-- edited in place"). Enforced here, in the database, for every role including the
-- application's own: UPDATE, DELETE and TRUNCATE raise an error.

CREATE OR REPLACE FUNCTION yixian_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();

CREATE TRIGGER ticket_event_append_only
  BEFORE UPDATE OR DELETE ON "ticket_event"
  FOR EACH ROW EXECUTE FUNCTION yixian_refuse_change();

CREATE TRIGGER ticket_event_no_truncate
  BEFORE TRUNCATE ON "ticket_event"
  FOR EACH STATEMENT EXECUTE FUNCTION yixian_refuse_change();
