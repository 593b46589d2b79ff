export { createPbxSimulator } from './pbx-simulator';
export type { PbxSimulator, PlacedCall, SimulatorSnapshot } from './pbx-simulator';
export {
  DEFAULT_HOTLINES, HUMAN_AGENT_OPTIONS, RECORDED_MEMBERS, SHIPPED_QUEUE_OPTIONS, SimulatorOptionsError, TEST_PBX_OPTIONS, resolveSimulatorOptions,
} from './simulator-options';
export type { PbxSimulatorOptions, MemberOption, TrafficOptions, Distribution } from './simulator-options';
export { createManualClock, createRealClock } from './clock';
export type { SimClock, ManualClock, SimTimer } from './clock';
export { PbxOperationError } from './pbx-engine';
export type { PlaceCallInput } from './pbx-engine';
export { AMI_GREETING } from './ami-session';
export type { AmiFields } from './wire-format';
