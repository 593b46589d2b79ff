export * from './call-events';
export { AmiEventNormaliser, NORMALISED_EVENTS, type NormaliserOptions, type NormaliserStats } from './normalise-events';
export { deriveAgentState, isMemberOnCall, readQueueMember, type QueueMemberSnapshot } from './agent-state';
export { PbxClock } from './pbx-clock';
export { readLiveCalls, callerChannelOf, deviceOf, readDuration, type LiveCall, type ChannelOfCall } from './pbx-snapshot';
