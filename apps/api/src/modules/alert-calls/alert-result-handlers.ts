/**
 * Who hears an alert call's outcome: each purpose has one handler, registered by the module that
 * placed the call (incidents for `activation`, warnings for `warning`; `conference` optional).
 * The call-events consumer runs in the worker process, so register when a module the worker
 * imports is loaded (e.g. your `*.jobs.ts`), not only from an HTTP plugin.
 */
import type { AlertCall, Prisma } from '@yixian/db';
import type { AlertCallResult } from '@yixian/runtime';
import type { WorkerContext } from '../../jobs/worker-context.js';
import type { AlertCallPurpose } from './place-alert-call.js';

export interface AlertCallResultEvent {
  /** The transaction that wrote the outcome: write your own rows with it (a failure retries both). */
  tx: Prisma.TransactionClient;
  /** The worker's services, for what is not in the database (pushes, the next call, notifications). */
  context: WorkerContext;
  /** The row with its outcome, detail and endedAt already written. */
  alertCall: AlertCall;
  /** The bridge's report (outcome, detail, digits, the PBX's time). */
  result: AlertCallResult;
}

export type AlertCallResultHandler = (event: AlertCallResultEvent) => Promise<void>;

const handlers = new Map<string, AlertCallResultHandler>();

/** Registers the handler of a purpose (the last registration wins); returns the unregister. */
export function onAlertCallResult(purpose: AlertCallPurpose, handler: AlertCallResultHandler): () => void {
  handlers.set(purpose, handler);
  return () => {
    if (handlers.get(purpose) === handler) handlers.delete(purpose);
  };
}

export function alertResultHandlerFor(purpose: string): AlertCallResultHandler | undefined {
  return handlers.get(purpose);
}
