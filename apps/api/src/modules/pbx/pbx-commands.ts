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

export type PbxCommand =
  | { type: 'agent.login'; interface: string; memberName: string; paused?: boolean }
  | { type: 'agent.logout'; interface: string }
  | { type: 'agent.pause'; interface: string; paused: boolean; reason?: string }
  | { type: 'call.hangup'; linkedid: string }
  | { type: 'call.transfer'; linkedid: string; exten: string; context: string }
  | { type: 'call.conference'; linkedid: string; exten: string; context: string }
  | { type: 'call.listen'; linkedid: string; supervisorInterface: string; mode: 'listen' | 'whisper' | 'barge' }
  | { type: 'call.answer'; interface: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Runs a command on the PBX and resolves with the bridge's report, or throws pbx_rejected / pbx_unavailable. */
    sendPbxCommand(pbxId: string, command: PbxCommand): Promise<{ ok: true; detail?: string }>;
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

  app.decorate('sendPbxCommand', async (pbxId: string, command: PbxCommand) => {
    const { queue, events } = await channelFor(pbxId);
    const job = await queue.add(command.type, command);
    try {
      return (await job.waitUntilFinished(events, app.config.pbxCommandTimeoutMs)) as { ok: true; detail?: string };
    } catch (error) {
      const message = (error as Error).message;
      if (/timed out/i.test(message)) {
        await job.remove().catch(() => undefined);
        throw new AppError('pbx_unavailable', 'The telephony bridge did not answer in time; is the PBX connected?');
      }
      throw new AppError('pbx_rejected', message);
    }
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
