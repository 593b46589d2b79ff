export * from './call-events';
export { AmiEventNormaliser, type NormaliserOptions, type NormaliserStats } from './normalise-events';
export { deriveAgentState } from './agent-state';
