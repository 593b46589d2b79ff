/**
 * The test's own hands on a real PBX (the full-rights AMI user of test-include.ts): callers
 * `Originate`d into the shipped `hotline-inbound` with a chosen Linkedid, agents' phones scripted
 * in AstDB, members added straight on the queue, a call's channels hung up.
 */
import { randomBytes } from 'node:crypto';
import { getField, type AmiClient } from '@yixian/ami';

export const AGENT_CONTEXT = 'yixian-test-agents';
export const agentInterface = (extension: string) => `Local/${extension}@${AGENT_CONTEXT}/n`;

export interface PlaceCall {
  did: string;
  number: string;
  name?: string;
  /** Seconds the caller waits on the line before hanging up (default 120). */
  patience?: number;
}

export interface PbxDriver {
  /** Places a caller on a hotline number; resolves with the call's Linkedid (the Originate's ChannelId). */
  placeCall(call: PlaceCall): Promise<string>;
  /** Scripts an agent's phone: seconds it rings before answering (`never`), seconds of talk. */
  scriptAgent(extension: string, script: { ring?: number | 'never'; talk?: number }): Promise<void>;
  /** Adds a member straight on the PBX (agents not driven through the API). */
  addMember(extension: string, name: string): Promise<void>;
  /** Hangs up every channel of a call (the test's own hand, not the product's). */
  hangupCall(linkedid: string): Promise<void>;
}

export function createPbxDriver(ami: AmiClient, linkedidPrefix: string): PbxDriver {
  let sequence = 0;
  return {
    async placeCall(call) {
      const linkedid = `${linkedidPrefix}-${randomBytes(3).toString('hex')}-${++sequence}`;
      await ami.action({
        Action: 'Originate', Channel: `Local/${call.did}@hotline-inbound`, Application: 'Wait', Data: String(call.patience ?? 120),
        CallerID: call.name ? `"${call.name}" <${call.number}>` : call.number, Async: 'true', ChannelId: linkedid, OtherChannelId: `${linkedid}-in`,
      });
      return linkedid;
    },
    async scriptAgent(extension, script) {
      if (script.ring !== undefined) await ami.action({ Action: 'DBPut', Family: 'yxtest', Key: `ring/${extension}`, Val: String(script.ring) });
      if (script.talk !== undefined) await ami.action({ Action: 'DBPut', Family: 'yxtest', Key: `talk/${extension}`, Val: String(script.talk) });
    },
    async addMember(extension, name) {
      await ami.action({ Action: 'QueueAdd', Queue: 'hotline', Interface: agentInterface(extension), MemberName: name });
    },
    async hangupCall(linkedid) {
      const result = await ami.action({ Action: 'CoreShowChannels' });
      for (const item of result.items) {
        const channel = getField(item, 'Channel');
        if (getField(item, 'Linkedid') === linkedid && channel) await ami.action({ Action: 'Hangup', Channel: channel }).catch(() => undefined);
      }
    },
  };
}
