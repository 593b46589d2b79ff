/**
 * Sending commands to a PBX's bridge and waiting for its report. Each PBX has its own
 * BullMQ queue (`pbx-commands-<pbxId>`); the job's return value or failure reason is the
 * bridge's answer. No personal data travels: calls are named by Linkedid, agents by interface.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bullPrefix, createRedis, pbxCommandsQueue, type AgentCommandResult, type AgentStateCommand, type PbxCommand } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';

export type { AgentCommandResult, AgentReport, AgentStateCommand, PbxCommand } from '@yixian/runtime';

type CommandReport<C extends PbxCommand> = C extends AgentStateCommand ? AgentCommandResult : { ok: true; detail?: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs a command on the PBX and resolves with the bridge's report, or throws pbx_rejected / pbx_unavailable. */
    sendPbxCommand<C extends PbxCommand>(pbxId: string, command: C): Promise<CommandReport<C>>;
    /**
     * Runs a command on the PBX later (a BullMQ delayed job on the bridge's queue, so it survives
     * restarts of the API and the bridge). `jobId` names it: scheduling again replaces it.
     */
    schedulePbxCommand(pbxId: string, command: PbxCommand, options: { jobId: string; delayMs: number }): Promise<void>;
    /** Drops a scheduled command that has not run yet; nothing when there is none. */
    cancelPbxCommand(pbxId: string, jobId: string): Promise<void>;
    /** When a scheduled command is due, or null when none waits under that id. */
    findScheduledPbxCommand(pbxId: string, jobId: string): Promise<Date | null>;
  }
}

async function pbxCommandsPlugin(app: FastifyInstance): Promise<void> {
  const connection = createRedis(app.config.redis, { waitForever: true, name: 'api-pbx-commands' });
  const queues = new Map<string, { queue: Queue; events: QueueEvents }>();

  async function channelFor(pbxId: string) {
    let entry = queues.get(pbxId);
    if (!entry) {
      const name = pbxCommandsQueue(pbxId);
      const prefix = bullPrefix(app.config.redisPrefix);
      entry = {
        queue: new Queue(name, { connection, prefix, defaultJobOptions: { attempts: 1, removeOnComplete: { age: 600 }, removeOnFail: { age: 24 * 3600 } } }),
        events: new QueueEvents(name, { connection: createRedis(app.config.redis, { waitForever: true, name: `api-pbx-events-${pbxId}` }), prefix }),
      };
      await entry.events.waitUntilReady();
      queues.set(pbxId, entry);
    }
    return entry;
  }

  app.decorate('sendPbxCommand', async <C extends PbxCommand>(pbxId: string, command: C) => {
    const { queue, events } = await channelFor(pbxId);
    const job = await queue.add(command.type, command);
    try {
      return (await job.waitUntilFinished(events, app.config.pbxCommandTimeoutMs)) as CommandReport<C>;
    } catch (error) {
      const message = (error as Error).message;
      if (/timed out/i.test(message)) {
        await job.remove().catch(() => undefined);
        throw new AppError('pbx_unavailable', 'The telephony bridge did not answer in time; is the PBX connected?');
      }
      throw new AppError('pbx_rejected', message);
    }
  });

  app.decorate('cancelPbxCommand', async (pbxId: string, jobId: string) => {
    const { queue } = await channelFor(pbxId);
    // An active (running) job cannot be removed; it is about to be done anyway.
    await queue.remove(jobId).catch(() => undefined);
  });

  app.decorate('schedulePbxCommand', async (pbxId: string, command: PbxCommand, options: { jobId: string; delayMs: number }) => {
    const { queue } = await channelFor(pbxId);
    // The same id is ignored while an old job keeps it: remove that first.
    await queue.remove(options.jobId).catch(() => undefined);
    await queue.add(command.type, command, { jobId: options.jobId, delay: options.delayMs, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } });
  });

  app.decorate('findScheduledPbxCommand', async (pbxId: string, jobId: string) => {
    const { queue } = await channelFor(pbxId);
    const job = await queue.getJob(jobId);
    if (!job || !(await job.isDelayed())) return null;
    return new Date(job.timestamp + (job.delay ?? 0));
  });

  app.addHook('onClose', async () => {
    for (const { queue, events } of queues.values()) {
      await events.close();
      await queue.close();
    }
    await connection.quit().catch(() => connection.disconnect());
  });
}

export default fp(pbxCommandsPlugin, { name: 'pbx-commands', dependencies: ['infrastructure'] });
