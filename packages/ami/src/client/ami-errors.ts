import type { AmiMessage } from '../protocol/ami-message';

/** Asterisk answered `Response: Error`; `message` is Asterisk's `Message` ("No such queue", …). */
export class AmiActionError extends Error {
  override readonly name = 'AmiActionError';
  constructor(readonly action: string, readonly response: AmiMessage) {
    super(`AMI ${action} failed: ${response.fields.Message ?? 'no message'}`);
  }
}

/** No (complete) reply within the action's timeout: the PBX may or may not have acted. */
export class AmiTimeoutError extends Error {
  override readonly name = 'AmiTimeoutError';
}

/** Not sent: the client is not connected and could not queue it (queue full, queuing off, or closed). */
export class AmiNotConnectedError extends Error {
  override readonly name = 'AmiNotConnectedError';
}

/** Sent, but the connection dropped before the reply: the PBX may or may not have acted. */
export class AmiDisconnectedError extends Error {
  override readonly name = 'AmiDisconnectedError';
}
