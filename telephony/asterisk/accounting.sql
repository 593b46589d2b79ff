-- ============================================================================================
-- Yixian (一线) — the PBX's own accounting in PostgreSQL: Asterisk writes, Yixian's reconciler
-- reads. Run once in the accounting database (psql -f accounting.sql); idempotent.
--   cdr        cdr_pgsql (cdr_pgsql.conf): one row per CDR, with linkedid and the recording
--              path in userfield. Column names are CDR variable names; cdr_pgsql fills the
--              columns that exist; start/answer/end as float8 are epoch seconds with
--              microseconds (answer 0 when nobody answered).
--   queue_log  realtime queue_log (extconfig.conf, logger.conf): every queue event, UTC time
--              with microseconds; `callid` is the caller channel's Uniqueid. The dialplan's
--              QueueLog(…,YIXIANCALL,<linkedid>|<hotline>) row maps it to the call's Linkedid.
-- ============================================================================================
CREATE TABLE IF NOT EXISTS cdr (
  id          bigserial PRIMARY KEY,
  calldate    timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  start       double precision NOT NULL DEFAULT 0,
  answer      double precision NOT NULL DEFAULT 0,
  "end"       double precision NOT NULL DEFAULT 0,
  clid        varchar(160) NOT NULL DEFAULT '',
  src         varchar(80) NOT NULL DEFAULT '',
  dst         varchar(80) NOT NULL DEFAULT '',
  dcontext    varchar(80) NOT NULL DEFAULT '',
  channel     varchar(160) NOT NULL DEFAULT '',
  dstchannel  varchar(160) NOT NULL DEFAULT '',
  lastapp     varchar(80) NOT NULL DEFAULT '',
  lastdata    varchar(160) NOT NULL DEFAULT '',
  duration    integer NOT NULL DEFAULT 0,
  billsec     integer NOT NULL DEFAULT 0,
  disposition varchar(45) NOT NULL DEFAULT '',
  amaflags    integer NOT NULL DEFAULT 0,
  accountcode varchar(40) NOT NULL DEFAULT '',
  uniqueid    varchar(150) NOT NULL DEFAULT '',
  linkedid    varchar(150) NOT NULL DEFAULT '',
  userfield   varchar(255) NOT NULL DEFAULT '',
  peeraccount varchar(40) NOT NULL DEFAULT '',
  sequence    integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cdr_linkedid ON cdr (linkedid);
CREATE INDEX IF NOT EXISTS cdr_calldate ON cdr (calldate);

CREATE TABLE IF NOT EXISTS queue_log (
  id        bigserial PRIMARY KEY,
  time      timestamp NOT NULL,
  callid    varchar(80) NOT NULL DEFAULT '',
  queuename varchar(256) NOT NULL DEFAULT '',
  agent     varchar(80) NOT NULL DEFAULT '',
  event     varchar(32) NOT NULL DEFAULT '',
  data1     varchar(100) NOT NULL DEFAULT '',
  data2     varchar(100) NOT NULL DEFAULT '',
  data3     varchar(100) NOT NULL DEFAULT '',
  data4     varchar(100) NOT NULL DEFAULT '',
  data5     varchar(100) NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS queue_log_callid ON queue_log (callid);
CREATE INDEX IF NOT EXISTS queue_log_time ON queue_log (time);
