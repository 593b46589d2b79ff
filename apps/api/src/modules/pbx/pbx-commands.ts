/**
 * Sending commands to a PBX's bridge and waiting for its report. Each PBX has its own
 * BullMQ queue (`pbx-commands-<pbxId>`); the job's return value or failure reason is the
 * bridge's answer. No personal data travels: calls are named by Linkedid, agents by interface.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bullPrefix, pbxCommandsQueue } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import { createRedis } from '../../lib/redis.js';

/**
 * An agent's desired state; the bridge reads QueueStatus and sends only what moves the member
 * there (apps/bridge/src/agent-commands.ts, whose types these mirror).
 */
export interface AgentStateCommand {
  type: 'agent.state';
  interface: string;
  memberName: string;
  state: 'ready' | 'paused' | 'logged_out';
  reason?: string;
  /** Act only while the member is paused with this reason (the end of after-call work). */
  ifPausedReason?: string;
}

/** The agent's state as the PBX has it after the command. */
export interface AgentReport {
  interface: string;
  isMember: boolean;
  /**
   * As the floor shows it (domain presentAgentState): logged_out, ready, paused, ringing, busy,
   * wrap_up or unavailable; paused during a call shows busy, with `pausedReason` the pause pending.
   */
  state: string;
  paused: boolean;
  pausedReason: string | null;
  isOnCall: boolean;
  /** Unix seconds of the last pause; null when not paused. */
  pausedSince: number | null;
}

export type AgentCommandResult =
  | { ok: true; agent: AgentReport; actions: string[] }
  | { ok: false; refused: 'in_call'; agent: AgentReport; actions: string[] };

export type PbxCommand =
  | AgentStateCommand
  | { type: 'call.hangup'; linkedid: string }
  | { type: 'call.transfer'; linkedid: string; exten: string; context: string }
  | { type: 'call.conference'; linkedid: string; exten: string; context: string }
  | { type: 'call.listen'; linkedid: string; supervisorInterface: string; mode: 'listen' | 'whisper' | 'barge' }
  | { type: 'call.answer'; interface: string };

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
  const connection = createRedis(app.config.redisUrl, { waitForever: true, name: 'api-pbx-commands' });
  const queues = new Map<string, { queue: Queue; events: QueueEvents }>();

  async function channelFor(pbxId: string) {
    let entry = queues.get(pbxId);
    if (!entry) {
      const name = pbxCommandsQueue(pbxId);
      const prefix = bullPrefix(app.config.redisPrefix);
      entry = {
        queue: new Queue(name, { connection, prefix, defaultJobOptions: { attempts: 1, removeOnComplete: { age: 600 }, removeOnFail: { age: 24 * 3600 } } }),
        events: new QueueEvents(name, { connection: createRedis(app.config.redisUrl, { waitForever: true, name: `api-pbx-events-${pbxId}` }), prefix }),
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
