/**
 * Names shared by the processes that talk through Redis: BullMQ queues (kebab-case) and
 * pub/sub channels. One place, so a bridge and an API of the same version always agree.
 */

/** Domain call events from every bridge to the API's calls module (durable hand-off). */
export const CALL_EVENTS_QUEUE = 'call-events';

/** Commands for one PBX's bridge (agent login, pause, hang-up, transfer …). */
export const pbxCommandsQueue = (pbxId: string) => `pbx-commands-${pbxId}`;

/** BullMQ's key prefix under a deployment's Redis prefix. */
export const bullPrefix = (redisPrefix: string) => `${redisPrefix}bull`;

/** Pub/sub channel the console pushes are published on (`<prefix>live:<topic>`). */
export const liveChannel = (redisPrefix: string, topic: string) => `${redisPrefix}live:${topic}`;

/**
 * Caller identity for a call, kept beside (not inside) the job payloads so that no job carries
 * personal data: the bridge writes it on `call.offered`, the calls module reads it once.
 */
export const callerKey = (redisPrefix: string, pbxId: string, linkedid: string) => `${redisPrefix}caller:${pbxId}:${linkedid}`;
export const CALLER_TTL_SECONDS = 24 * 3600;

/** Live queue state a bridge keeps for its PBX: waiting calls and agents' states (Redis hashes). */
export const liveWaitingKey = (redisPrefix: string, pbxId: string) => `${redisPrefix}live:waiting:${pbxId}`;
export const liveAgentsKey = (redisPrefix: string, pbxId: string) => `${redisPrefix}live:agents:${pbxId}`;

/**
 * The number a call-out dials, kept beside (not inside) the `call.callback` command: the API
 * writes it, the bridge takes it once (GETDEL). Short-lived: an unclaimed one expires.
 */
export const calloutTargetKey = (redisPrefix: string, pbxId: string, attemptId: string) => `${redisPrefix}callout:${pbxId}:${attemptId}`;
export const CALLOUT_TARGET_TTL_SECONDS = 120;
/**
 * The number an alert call dials (issue 16), beside the `call.alert` command exactly as a
 * call-out's: the API writes it, the bridge takes it once. Longer-lived than a call-out's: an
 * alert waits in the bridge's queue through a short bridge outage (the bridge reports `failed`
 * when it finds the number gone).
 */
export const alertTargetKey = (redisPrefix: string, pbxId: string, alertCallId: string) => `${redisPrefix}alert:${pbxId}:${alertCallId}`;
export const ALERT_TARGET_TTL_SECONDS = 300;
