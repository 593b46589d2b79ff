/**
 * The SMS interface. Real gateways (a carrier's HTTP API) plug in behind it later; the default
 * only records each message, which is also what a deployment without a gateway wants. Every
 * send carries a dedupe key, so a redone job never sends twice.
 */
import type { PrismaClient } from '@yixian/db';
import { recordNotificationSms, type NotificationSmsOutcome } from './notification-sms.js';

export interface SmsMessageInput {
  /** A phone number, or an address the gateway resolves (`unit:<id>` → the unit's duty phone). */
  to: string;
  body: string;
  dedupeKey: string;
  ticketId?: string | null;
}

export interface SmsGateway {
  readonly name: string;
  /** Sends once per dedupe key; returns false when that key was already sent. */
  send(message: SmsMessageInput): Promise<boolean>;
  /**
   * Optional: sends stored notifications' messages (`notificationSms`) by the notifications' ids,
   * for a gateway whose sending is a write in the same database, which then reads and sends a
   * whole relay pass's messages in one statement. Returns each id's outcome (`missing` when there
   * is no such notification). A gateway without it (a carrier's) is handed, through `send`, each
   * message the job read.
   */
  sendNotifications?(notificationIds: readonly string[]): Promise<Map<string, NotificationSmsOutcome>>;
}

/** Writes `SmsMessage` rows and sends nothing: the default until a carrier is configured. */
export function createRecordOnlySmsGateway(prisma: PrismaClient): SmsGateway {
  return {
    name: 'record-only',
    async send(message) {
      if (!message.to || !message.body || !message.dedupeKey) throw new TypeError('sms: to, body and dedupeKey are required');
      const { count } = await prisma.smsMessage.createMany({
        data: [{ dedupeKey: message.dedupeKey, recipient: message.to, body: message.body, ticketId: message.ticketId ?? null, gateway: 'record-only', status: 'recorded' }],
        skipDuplicates: true,
      });
      return count === 1;
    },
    sendNotifications: (notificationIds) => recordNotificationSms(prisma, notificationIds),
  };
}
