/**
 * Drill: PostgreSQL stops for 30 s (quick 5 s) under load, on a private embedded cluster. The
 * API must answer 503 at once (not hang, not 500); call events keep arriving from the PBX and
 * wait durably in Redis (BullMQ retries); when PostgreSQL is back every call record is written,
 * once.
 */
import type { DrillDefinition } from './lib/drill-types.js';
import { createDrillDataOn, startPrivatePostgres } from './lib/private-servers.js';
import { createRedisPrefix } from '@yixian/db/testing';
import { startCallEventsHarness } from './lib/call-events-harness.js';
import { loginSession } from './lib/send-corpus.js';
import { DRILL_PASSWORD } from './lib/drill-services.js';
import { buildApp } from '../../apps/api/src/app.js';
import { pause, waitUntil } from './lib/wait-for.js';

const ENDED = ['completed', 'abandoned'];

export const postgresStopDrill: DrillDefinition = {
  name: 'postgres-stop',
  summary: 'PostgreSQL stopped for 30 s (quick 5 s) under load: the API answers 503 fast; call events wait in Redis; no call record lost',
  async run({ quick, log }) {
    const outageMs = quick ? 5_000 : 30_000;
    const postgres = await startPrivatePostgres();
    const redisKeys = createRedisPrefix();
    const failures: string[] = [];
    const data = await createDrillDataOn(postgres.url, redisKeys.url, {}, postgres.appUrl);
    data.redisPrefix = `${redisKeys.prefix}:`;
    data.config = { ...data.config, redisPrefix: data.redisPrefix };
    const app = await buildApp({ config: data.config, logger: false });
    const harness = await startCallEventsHarness(data);
    try {
      await app.ready();
      const session = await loginSession(app, 'demo-agent', DRILL_PASSWORD);
      await harness.waitApplied((e) => e.kind === 'pbx.resync', 'the first resync', 30_000);
      const before = harness.sim.placeCall({ hotline: '12345', callerNumber: '13900000001', patienceS: 3_600, talkS: 3_600 });
      harness.sim.tick(1_000);
      await harness.waitApplied((e) => e.kind === 'call.offered' && e.linkedid === before.linkedid, 'a call before the outage', 30_000);

      await postgres.stop();
      const stoppedAt = performance.now();
      log(`PostgreSQL stopped; placing calls and asking the API for ${outageMs} ms`);
      const answers: { status: number; ms: number; code?: string }[] = [];
      const placed = [before];
      while (performance.now() - stoppedAt < outageMs) {
        placed.push(harness.sim.placeCall({ hotline: placed.length % 3 === 0 ? '110' : '12345', callerNumber: `1390000${String(placed.length).padStart(4, '0')}`, patienceS: 2, talkS: 2 }));
        harness.sim.tick(4_000);
        for (const url of ['/api/tickets', '/api/calls', '/api/health']) {
          const started = performance.now();
          const response = await app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
          const code = (() => { try { return response.json<{ code?: string }>().code; } catch { return undefined; } })();
          answers.push({ status: response.statusCode, ms: performance.now() - started, ...(code ? { code } : {}) });
        }
        await pause(250);
      }
      harness.sim.hangup(before.linkedid, 'caller');
      harness.sim.tick(1_000);
      await postgres.start();
      const restartedAt = performance.now();
      log(`PostgreSQL back after ${Math.round(restartedAt - stoppedAt)} ms; ${placed.length} calls placed`);

      const settleMs = await waitUntil(
        async () => (await data.prisma.call.count({ where: { linkedid: { in: placed.map((c) => c.linkedid) }, state: { in: ENDED } } })) === placed.length,
        'every call record after the restart', { timeoutMs: 120_000, intervalMs: 250, describe: async () => `${await data.prisma.call.count()} of ${placed.length} written` },
      ).catch((error: Error) => {
        failures.push(error.message);
        return -1;
      });
      const rows = await data.prisma.call.findMany({ select: { linkedid: true } });
      const lost = placed.filter((c) => !rows.some((row) => row.linkedid === c.linkedid)).length;
      const duplicated = rows.length - new Set(rows.map((row) => row.linkedid)).size;
      const not503 = answers.filter((a) => a.status !== 503);
      if (not503.length > 0) failures.push(`${not503.length} of ${answers.length} answers during the outage were not 503 (${[...new Set(not503.map((a) => `${a.status} ${a.code ?? ''}`))].join(', ')})`);
      const slowest = Math.max(0, ...answers.map((a) => a.ms));
      if (!quick && slowest > 5_000) failures.push(`the slowest answer during the outage took ${Math.round(slowest)} ms (it should fail fast)`);
      return {
        lost,
        duplicated,
        failures,
        figures: {
          outageMs,
          callsPlaced: placed.length,
          callRecords: rows.length,
          requestsDuringOutage: answers.length,
          answers503: answers.length - not503.length,
          slowestAnswerMs: Math.round(slowest),
          meanAnswerMs: Math.round(answers.reduce((sum, a) => sum + a.ms, 0) / Math.max(1, answers.length)),
          recordsCompleteAfterRestartMs: Math.round(settleMs),
        },
      };
    } finally {
      await harness.close();
      await app.close().catch(() => undefined);
      await data.cleanup();
      await redisKeys.cleanup().catch(() => 0);
      await postgres.dispose();
    }
  },
};
