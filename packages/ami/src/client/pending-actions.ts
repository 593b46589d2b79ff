import type { AmiMessage } from '../protocol/ami-message';
import { getField } from '../protocol/ami-message';
import { AmiActionError } from './ami-errors';

/** What an action resolves to. For list actions `items` holds the events between start and Complete. */
export interface AmiActionResult {
  response: AmiMessage;
  items: AmiMessage[];
  /** The `…Complete` event that ended a list (its `ListItems` is Asterisk's own count). */
  complete: AmiMessage | null;
}

export interface PendingAction {
  id: string;
  action: string;
  fields: Record<string, unknown>;
  timeoutMs: number;
  timer: NodeJS.Timeout;
  sent: boolean;
  response: AmiMessage | null;
  items: AmiMessage[];
  resolve(result: AmiActionResult): void;
  reject(error: Error): void;
}

/** True when a response opens a list (`EventList: start`). */
export function isListStart(response: AmiMessage): boolean {
  return getField(response, 'EventList')?.toLowerCase() === 'start';
}

/** True for the event that closes a list: `EventList: Complete` (QueueStatusComplete, …). */
export function isListEnd(event: AmiMessage): boolean {
  return getField(event, 'EventList')?.toLowerCase() === 'complete';
}

/**
 * Apply a response to its action. Returns true when the action is finished
 * (resolved or rejected), false when it now waits for list items.
 */
export function settleResponse(pending: PendingAction, response: AmiMessage): boolean {
  pending.response = response;
  if (response.response?.toLowerCase() === 'error') {
    pending.reject(new AmiActionError(pending.action, response));
    return true;
  }
  if (isListStart(response)) return false;
  pending.resolve({ response, items: [], complete: null });
  return true;
}
