export * from './call-events';
export { AmiEventNormaliser, NORMALISED_EVENTS, type NormaliserOptions, type NormaliserStats } from './normalise-events';
export { deriveAgentState, readQueueMember, type QueueMemberSnapshot } from './agent-state';
