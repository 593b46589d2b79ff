import type { HealthMessages } from './health.zh-CN';

/** The system health page. Same keys as `health.zh-CN.ts`. */
const healthEn: HealthMessages = {
  title: 'System health',
  overall: 'Overall',
  autoRefresh: 'Refreshes every 10 seconds',
  unreachable: 'Cannot reach the health check',
  check: 'Component',
  status: 'Status',
  since: 'Since',
  detail: 'Key figures',
  details: 'Raw data (admin)',
  statuses: {
    ok: 'OK',
    degraded: 'Degraded',
    down: 'Down',
    unknown: 'Unknown',
    missing: 'Not running',
    failing: 'Failing',
    off: 'Off',
    pending: 'Waiting for a first run',
  },
  checks: {
    api: 'API (this copy)',
    database: 'PostgreSQL database',
    redis: 'Redis cache and queues',
    workers: 'Background workers',
    bridges: 'Telephony bridges',
    pbx: 'PBX link (AMI)',
    queues: 'Job queues',
    reconciler: 'Accounting reconciler',
    recordings: 'Call recordings',
  },
  figures: {
    latency: 'answers in {ms} ms',
    uptime: 'up for {duration}',
    processes: '{count} process(es)',
    lastBeat: 'last beat {duration} ago',
    pbxIds: 'PBX: {ids}',
    pbxId: 'PBX {id}',
    lastEvent: 'last event {duration} ago',
    noEvent: 'no event received yet',
    queue: '{name}: {waiting} waiting, {active} active, {delayed} delayed, {failed} failed',
    lastRun: 'last run {duration} ago',
    openDiscrepancies: '{count} open difference(s)',
    detail: '{text}',
  },
  durations: { seconds: '{n} s', minutes: '{n} min', hours: '{n} h', days: '{n} d' },
};

export default healthEn;
