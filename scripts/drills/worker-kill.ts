/**
 * Drill: kill -9 the worker process in the middle of its jobs, again and again, while tickets
 * are being dispatched and their deadline steps fire (the tickets' plans are already due for
 * the worker's clock). After the last restart, every due step must have run exactly once: no
 * lost step, and no duplicated trail entry, notification or text message.
 */
import { randomInt } from 'node:crypto';
import type { DrillDefinition } from './lib/drill-types.js';
import { createDrillData } from './lib/drill-services.js';
import { startProcess, stopProcess, type DrillProcess } from './lib/child-process.js';
import { startTicketLoad } from './lib/ticket-load.js';
import { countWorkflow, isQuiet } from './lib/workflow-checks.js';
import { pause, waitUntil } from './lib/wait-for.js';

export const workerKillDrill: DrillDefinition = {
  name: 'worker-kill',
  summary: 'SIGKILL the worker 20 times (quick 3) under ticket load: every deadline step once, no duplicated notification, SMS or trail entry',
  async run({ quick, log }) {
    const kills = quick ? 3 : 20;
    const data = await createDrillData();
    const env = { ...data.env, LOG_LEVEL: 'info' };
    const load = await startTicketLoad(data);
    const failures: string[] = [];
    let worker: DrillProcess | null = null;
    try {
      for (let i = 0; i < 5; i++) await load.createOne();
      load.start(quick ? 50 : 100);
      const killedAfter: number[] = [];
      for (let k = 0; k < kills; k++) {
        const startedAt = performance.now();
        worker = startProcess('worker', env);
        await worker.waitForLine(/worker started/, 60_000);
        const bootMs = Math.round(performance.now() - startedAt);
        const stepsBefore = (await countWorkflow(data.prisma, new Date())).stepsDone;
        // Let it get into its jobs, then kill it mid-flight.
        const firstStepMs = await waitUntil(async () => (await countWorkflow(data.prisma, new Date())).stepsDone > stepsBefore, 'the worker to run a deadline step', { timeoutMs: 45_000 })
          .catch(() => -1);
        const runFor = randomInt(50, 600);
        await pause(runFor);
        killedAfter.push(runFor);
        await stopProcess(worker, 'SIGKILL');
        worker = null;
        log(`kill ${k + 1}/${kills}: booted in ${bootMs} ms, first step after ${Math.round(firstStepMs)} ms, killed ${runFor} ms later; ${load.created} tickets so far`);
      }
      await load.stop();
      worker = startProcess('worker', env);
      await worker.waitForLine(/worker started/, 60_000);
      // Jobs active in a killed worker come back after BullMQ's stalled-job check (30 s).
      const settleMs = await waitUntil(async () => isQuiet(await countWorkflow(data.prisma, new Date())), 'every due step to run', {
        timeoutMs: 180_000, intervalMs: 500, describe: async () => JSON.stringify(await countWorkflow(data.prisma, new Date())),
      }).catch((error: Error) => {
        failures.push(error.message);
        return -1;
      });
      const counts = await countWorkflow(data.prisma, new Date());
      const drained = await stopProcess(worker, 'SIGTERM');
      worker = null;
      if (drained.code !== 0) failures.push(`the last worker did not drain cleanly on SIGTERM (exit ${drained.code ?? drained.signal})`);
      if (load.created === 0) failures.push('no ticket was created: the load did not run');
      if (counts.stepsDone === 0) failures.push('no deadline step ran: the drill did not exercise the worker');
      return {
        lost: counts.dueStepsMissing + counts.smsMissing + counts.undispatchedOutbox,
        duplicated: counts.duplicatedTrail + counts.duplicatedNotifications + counts.duplicatedSms,
        failures,
        figures: {
          kills,
          tickets: load.created,
          intakeErrors: load.errors,
          stepsDone: counts.stepsDone,
          notifications: counts.notifications,
          sms: counts.sms,
          lostSteps: counts.dueStepsMissing,
          lostSms: counts.smsMissing,
          undispatchedOutbox: counts.undispatchedOutbox,
          duplicatedTrail: counts.duplicatedTrail,
          duplicatedNotifications: counts.duplicatedNotifications,
          duplicatedSms: counts.duplicatedSms,
          settleAfterLastRestartMs: Math.round(settleMs),
          meanRunBeforeKillMs: Math.round(killedAfter.reduce((a, b) => a + b, 0) / Math.max(1, killedAfter.length)),
        },
      };
    } finally {
      if (worker) await stopProcess(worker, 'SIGKILL');
      await load.close().catch(() => undefined);
      await data.cleanup();
    }
  },
};
