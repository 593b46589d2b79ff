/**
 * Drill: several processes on shared engines. Two API processes behind the start command's own
 * reverse proxy (scripts/lib/api-proxy.ts, as `API_PROCESSES=2 npm start` runs them) and two
 * worker processes, under ticket load — desk clients creating and dispatching tickets over HTTP
 * through the proxy, retrying what failed because its process died (lib/retrying-ticket-client.ts),
 * and an in-process API whose clock is in the past giving the workers due deadline steps — with
 * signed-in consoles holding `/ws`. Then one API process and one worker are SIGKILLed mid-load.
 *
 * Must hold: every ticket the clients were told 201 exists once and is dispatched; every due
 * step, outbox row and SMS is processed once (lib/workflow-checks.ts; the quick form: done or its
 * job waiting in BullMQ) and every future step waits in BullMQ (lib/deadline-presence.ts); no request hangs past its bound, failures are 502/503 or
 * a cut connection and are retried; every socket is open on the survivor and has received a push
 * for a ticket dispatched after the kill.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@yixian/runtime';
import type { DrillDefinition } from './lib/drill-types.js';
import { createDrillData } from './lib/drill-services.js';
import { startProcess, stopProcess, type DrillProcess } from './lib/child-process.js';
import { startTicketLoad } from './lib/ticket-load.js';
import { countWorkflow, isQuiet } from './lib/workflow-checks.js';
import { checkDeadlinePresence, countUnqueuedSms, describeMissing } from './lib/deadline-presence.js';
import { createTicketClient, type TicketOutcome } from './lib/retrying-ticket-client.js';
import { holdSockets, type SocketHold } from './lib/reconnecting-sockets.js';
import { waitUntil } from './lib/wait-for.js';
import { openSessions } from '../bench/lib/api-sessions.js';
import { startApiProxy, type ApiProxy } from '../lib/api-proxy.js';
import { findFreePort } from '../lib/run.js';
import { DELIVERY_QUEUES } from '../../apps/api/src/modules/outbox/outbox-topics.js';
import { handOverReach } from '../../apps/api/src/modules/outbox/dispatch-outbox.js';

/** A request with no answer after this long counts as hung (a failure). */
const REQUEST_BOUND_MS = 15_000;

export const multiProcessDrill: DrillDefinition = {
  name: 'multi-process',
  summary: '2 API processes behind the built-in proxy and 2 workers under ticket load and /ws consoles; SIGKILL one API and one worker: nothing lost or doubled, failed requests 502/cut (never hung) and retried, sockets back on the survivor with pushes made after the kill',
  async run({ quick, log }) {
    const clients = quick ? 4 : 8;
    const socketCount = quick ? 6 : 20;
    const beforeKillMs = quick ? 3_000 : 15_000;
    const afterKillMs = quick ? 3_000 : 30_000;
    const data = await createDrillData();
    const env = { ...data.env, LOG_LEVEL: 'info' };
    const apiPorts = [await findFreePort(), await findFreePort()];
    const apis: DrillProcess[] = apiPorts.map((port) => startProcess('api', { ...env, HOST: '127.0.0.1', PORT: String(port), TRUST_PROXY: '127.0.0.1' }));
    const workers: DrillProcess[] = [startProcess('worker', env), startProcess('worker', env)];
    const connection = new Redis(data.redisUrl, { maxRetriesPerRequest: null });
    const deadlines = new Queue(DELIVERY_QUEUES.deadlines, { connection, prefix: bullPrefix(data.redisPrefix) });
    const notifications = new Queue(DELIVERY_QUEUES.notifications, { connection, prefix: bullPrefix(data.redisPrefix) });
    const failures: string[] = [];
    let proxy: ApiProxy | null = null;
    let hold: SocketHold | null = null;
    const dueLoad = await startTicketLoad(data);
    try {
      const bootStarted = performance.now();
      await Promise.all([
        ...apis.map((api, i) => waitUntil(async () => {
          if (api.child.exitCode !== null) throw new Error(`api exited: ${api.tail()}`);
          return (await fetch(`http://127.0.0.1:${apiPorts[i]}/api/health`).catch(() => null)) !== null;
        }, `api ${i + 1} to listen`, { timeoutMs: 240_000, intervalMs: 250, describe: () => api.tail() })),
        ...workers.map((worker) => worker.waitForLine(/worker started/, 240_000)),
      ]);
      const bootMs = Math.round(performance.now() - bootStarted);
      proxy = await startApiProxy({ host: '127.0.0.1', port: 0, upstreams: apiPorts, trustProxy: [] });
      const baseUrl = `http://127.0.0.1:${proxy.port}`;
      const users = await data.prisma.user.findMany({ where: { username: { in: ['demo-agent', 'demo-dispatcher'] } }, select: { id: true, username: true } });
      const idOf = (username: string) => users.find((user) => user.username === username)!.id;
      // Dispatchers see every unit's notifications: each dispatch pushes to all the sockets.
      const [agent, dispatcher, ...watchers] = await openSessions(data.redisUrl, data.config.redisPrefix, [
        idOf('demo-agent'), idOf('demo-dispatcher'), ...Array.from({ length: socketCount }, () => idOf('demo-dispatcher')),
      ]);
      hold = await holdSockets(baseUrl, watchers.map((session) => session.cookie));
      log(`2 api + 2 workers up in ${bootMs} ms; ${socketCount} sockets held through the proxy; ${clients} desk clients start`);

      const client = createTicketClient(baseUrl, agent!, dispatcher!, REQUEST_BOUND_MS);
      const outcomes: (TicketOutcome & { startedAt: number })[] = [];
      let stopping = false;
      const loops = Array.from({ length: clients }, async () => {
        while (!stopping) {
          const startedAt = performance.now();
          outcomes.push({ ...(await client.createAndDispatch()), startedAt });
        }
      });
      dueLoad.start(quick ? 60 : 40);
      // Mid-load: at least this long and this many tickets before the kill, and after it.
      const atLeast = (ms: number, tickets: number, from: number, label: string) => waitUntil(
        () => performance.now() - from >= ms && outcomes.filter((outcome) => outcome.startedAt >= from).length >= tickets,
        label, { timeoutMs: ms + 120_000, intervalMs: 100 },
      );
      await atLeast(beforeKillMs, quick ? 8 : 40, performance.now(), 'tickets before the kill');

      const killedAt = performance.now();
      const stepsBeforeKill = (await countWorkflow(data.prisma, new Date())).stepsDone;
      await Promise.all([stopProcess(apis[0]!, 'SIGKILL'), stopProcess(workers[0]!, 'SIGKILL')]);
      log(`SIGKILL api 1 and worker 1 after ${outcomes.length} tickets and ${stepsBeforeKill} deadline steps`);
      await atLeast(afterKillMs, quick ? 8 : 40, killedAt, 'tickets after the kill');
      stopping = true;
      await Promise.all(loops);
      await dueLoad.stop();
      const loadStoppedAt = performance.now();

      // Sockets: open again, each with a push for a ticket dispatched after the kill.
      const afterKill = new Set(outcomes.filter((outcome) => outcome.startedAt > killedAt && outcome.dispatched).map((outcome) => outcome.ticketId!));
      const sockets = hold.sockets;
      await waitUntil(() => sockets.every((socket) => socket.isOpen() && socket.pushes.some((push) => afterKill.has(push.ticketId))), 'every socket to get a push made after the kill', {
        timeoutMs: 30_000, intervalMs: 100,
        describe: () => `${sockets.filter((socket) => !socket.isOpen()).length} closed, ${sockets.filter((socket) => !socket.pushes.some((push) => afterKill.has(push.ticketId))).length} without such a push`,
      }).catch((error: Error) => failures.push(error.message));
      const reconnects = sockets.flatMap((socket) => socket.reconnectMs);
      if (reconnects.length === 0) failures.push('no socket was on the killed API process: the kill did not test reconnection');

      // Settle. Full: everything ran — every due step done, every SMS sent — which waits for
      // BullMQ's stalled-job check (lock 30 s, check every 30 s) to give the killed worker's
      // active jobs to the survivor. Quick (≤ 90 s in the test command): nothing is lost — each
      // step or SMS not done yet has its job waiting in BullMQ; doubles are counted either way.
      const lostNow = async () => {
        const counts = await countWorkflow(data.prisma, new Date());
        // Rows the outbox holds until their time comes within reach (deadline steps hours ahead) are not waiting.
        const reach = handOverReach(new Date()).toISOString();
        const [row] = await data.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM "outbox" WHERE "dispatchedAt" IS NULL AND coalesce("runAt", '-infinity'::timestamp(3)) <= ${reach}::timestamp(3)`;
        const undispatched = row?.n ?? 0;
        const presence = await checkDeadlinePresence(data.prisma, deadlines, new Date());
        const unqueuedSms = await countUnqueuedSms(data.prisma, notifications);
        const done = isQuiet(counts) && undispatched === 0 && presence.missing.length === 0;
        return { counts, presence, unqueuedSms, undispatched, settled: quick ? undispatched === 0 && presence.missing.length === 0 && unqueuedSms === 0 : done };
      };
      const settleMs = await waitUntil(async () => (await lostNow()).settled, quick ? 'every step and SMS to be done or waiting in BullMQ' : 'every step and outbox row to be processed', {
        timeoutMs: 120_000, intervalMs: 500,
        describe: async () => {
          const now = await lostNow();
          return `${JSON.stringify(now.counts)}; ${now.unqueuedSms} SMS not queued; ${describeMissing(now.presence.missing)}`;
        },
      }).then(() => Math.round(performance.now() - loadStoppedAt), (error: Error) => {
        failures.push(error.message);
        return -1;
      });
      const { counts, presence, unqueuedSms } = await lostNow();

      // Tickets: each create the clients were answered (or found) exists once, and is dispatched.
      const answered = outcomes.filter((outcome) => outcome.ticketId);
      const rows = await data.prisma.ticket.findMany({ where: { description: { startsWith: '演练 mp' } }, select: { id: true, state: true, description: true } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const perMarker = new Map<string, number>();
      for (const row of rows) perMarker.set(row.description, (perMarker.get(row.description) ?? 0) + 1);
      const missingTickets = answered.filter((outcome) => !byId.has(outcome.ticketId!)).length;
      const notDispatched = answered.filter((outcome) => byId.get(outcome.ticketId!)?.state !== 'dispatched').length;
      const doubledTickets = [...perMarker.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      const gaveUp = outcomes.length - answered.length + answered.filter((outcome) => !outcome.dispatched).length;
      if (gaveUp > 0) failures.push(`${gaveUp} tickets the clients could not create or dispatch: ${client.problems.slice(0, 5).join('; ')}`);
      if (client.figures.hung > 0) failures.push(`${client.figures.hung} requests had no answer within ${REQUEST_BOUND_MS} ms`);
      if (client.figures.unexpected > 0) failures.push(`${client.figures.unexpected} unexpected answers: ${client.problems.slice(0, 5).join('; ')}`);
      if (apis[1]!.child.exitCode !== null || workers[1]!.child.exitCode !== null) failures.push('a surviving process exited');
      if (counts.stepsDone <= stepsBeforeKill) failures.push('no deadline step ran after the kill: the surviving worker did not carry on');
      if (answered.length === 0) failures.push('no ticket was created: the load did not run');

      return {
        lost: missingTickets + notDispatched + presence.missing.length + unqueuedSms + counts.undispatchedOutbox + (quick ? 0 : counts.dueStepsMissing + counts.smsMissing),
        duplicated: doubledTickets + counts.duplicatedTrail + counts.duplicatedNotifications + counts.duplicatedSms,
        failures,
        figures: {
          apiProcesses: 2,
          workerProcesses: 2,
          bootMs,
          clients,
          tickets: answered.length,
          ticketsAfterKill: afterKill.size,
          requests: client.figures.requests,
          retries: client.figures.retries,
          failedCleanly: client.figures.cleanFailures,
          hung: client.figures.hung,
          unexpected: client.figures.unexpected,
          createsFoundAfterLostAnswer: client.figures.foundAfterLostAnswer,
          dispatchesAlreadyDone: client.figures.dispatchAlreadyDone,
          proxy502: proxy.stats.badGateway,
          proxy503: proxy.stats.unavailable,
          proxyCut: proxy.stats.cut,
          sockets: socketCount,
          socketsReconnected: reconnects.length,
          reconnectMsMax: reconnects.length ? Math.max(...reconnects) : 0,
          reconnectMsMean: reconnects.length ? Math.round(reconnects.reduce((a, b) => a + b, 0) / reconnects.length) : 0,
          dueLoadTickets: dueLoad.created,
          stepsDone: counts.stepsDone,
          notifications: counts.notifications,
          sms: counts.sms,
          futureStepsWaiting: presence.pendingSteps,
          [quick ? 'nothingLostAfterLoadMs' : 'settleAfterLoadMs']: settleMs,
          dueStepsWaitingInBullMQ: counts.dueStepsMissing,
          smsWaitingInBullMQ: counts.smsMissing,
          doubledTickets,
          missingTickets,
          notDispatched,
        },
      };
    } finally {
      await hold?.close();
      await proxy?.close();
      await Promise.all([...apis, ...workers].map((proc) => stopProcess(proc, 'SIGTERM', 30_000)));
      await dueLoad.close().catch(() => undefined);
      await deadlines.close().catch(() => undefined);
      await notifications.close().catch(() => undefined);
      connection.disconnect();
      await data.cleanup();
    }
  },
};
