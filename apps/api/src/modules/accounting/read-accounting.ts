/**
 * Reads the PBX's accounting (ACCOUNTING_DATABASE_URL) for one window: the calls that entered the
 * queue in it (their YIXIANCALL rows), all queue_log rows of those callers and every CDR row of
 * those Linkedids. One short read-only transaction with parameterised queries; a connection per
 * run (once a minute), so nothing is left open between runs.
 */
import pg from 'pg';
import type { CdrRow, QueueLogRow } from './accounting-rows.js';

export interface AccountingCallRows {
  linkedid: string;
  queueLog: QueueLogRow[];
  cdr: CdrRow[];
}

// `time` is a UTC timestamp without zone: turn it into an instant in SQL, never in the driver.
const QUEUE_LOG_COLUMNS = `(time AT TIME ZONE 'UTC') AS time, callid, queuename, agent, event, data1, data2, data3, data4, data5`;
const CDR_COLUMNS = `start, answer, "end", clid, src, dst, dcontext, channel, dstchannel, lastapp, disposition, uniqueid, linkedid, userfield`;

/** The accounting rows of every call whose YIXIANCALL row falls in [from, to], by Linkedid. */
export async function readAccounting(url: string, window: { from: Date; to: Date }): Promise<AccountingCallRows[]> {
  const client = new pg.Client({ connectionString: url, application_name: 'yixian-reconciler', connectionTimeoutMillis: 10_000, statement_timeout: 30_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const marks = await client.query<{ callid: string; linkedid: string }>(
      `SELECT callid, data1 AS linkedid FROM queue_log
        WHERE event = 'YIXIANCALL' AND time >= ($1::timestamptz AT TIME ZONE 'UTC') AND time <= ($2::timestamptz AT TIME ZONE 'UTC')`,
      [window.from.toISOString(), window.to.toISOString()],
    );
    const callids = [...new Set(marks.rows.map((row) => row.callid))];
    const linkedids = [...new Set(marks.rows.map((row) => row.linkedid).filter(Boolean))];
    if (linkedids.length === 0) {
      await client.query('COMMIT');
      return [];
    }
    const queueLog = await client.query<QueueLogRow>(
      `SELECT ${QUEUE_LOG_COLUMNS} FROM queue_log
        WHERE callid = ANY($1::text[]) AND time >= ($2::timestamptz AT TIME ZONE 'UTC') ORDER BY time, id`,
      [callids, window.from.toISOString()],
    );
    const cdr = await client.query<CdrRow>(`SELECT ${CDR_COLUMNS} FROM cdr WHERE linkedid = ANY($1::text[]) ORDER BY id`, [linkedids]);
    await client.query('COMMIT');

    const linkedidOf = new Map(marks.rows.map((row) => [row.callid, row.linkedid]));
    const calls = new Map<string, AccountingCallRows>(linkedids.map((linkedid) => [linkedid, { linkedid, queueLog: [], cdr: [] }]));
    for (const row of queueLog.rows) calls.get(linkedidOf.get(row.callid) ?? '')?.queueLog.push(row);
    for (const row of cdr.rows) calls.get(row.linkedid)?.cdr.push({ ...row, start: Number(row.start), answer: Number(row.answer), end: Number(row.end) });
    return [...calls.values()];
  } finally {
    await client.end().catch(() => undefined);
  }
}
