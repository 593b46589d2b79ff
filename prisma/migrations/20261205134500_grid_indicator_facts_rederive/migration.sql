-- Data only: the ticket indicators gained grid_settlement (网格办结率), on_spot_count (网格自处数)
-- and patrol_report_count (巡查上报数). Their facts come from a ticket's `close` entry, its on-spot
-- dispatch and a patrol report's `create` entry; tickets that have any of them are marked so the
-- statistics worker (refresh-indicator-facts.ts) rederives their facts from the whole trail.
INSERT INTO "ticket_indicator_dirty" ("ticketId")
SELECT DISTINCT e."ticketId" FROM "ticket_event" e WHERE e."action" = 'close' AND e."toState" = 'closed'
UNION
SELECT t."id" FROM "ticket" t WHERE t."channel" = 'grid_patrol'
ON CONFLICT DO NOTHING;
