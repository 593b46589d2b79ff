export { AmiClient, type AmiClientEvents, type AmiClientOptions } from './ami-client';
export { AmiActionError, AmiDisconnectedError, AmiNotConnectedError, AmiTimeoutError } from './ami-errors';
export { parseAmiUrl, AmiUrlError, type AmiEndpoint } from './ami-url';
export { restoreMessage, restoreKey } from './restore-keys';
export type { AmiActionResult } from './pending-actions';
