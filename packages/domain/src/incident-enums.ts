import { isEnumValue, listEnumValues } from './enum-helpers';

/**
 * Emergencies (issue 16): the code names of incidents (突发事件), graded response, duty rosters,
 * tasks, resources and warnings (预警信息). Chinese/English labels live in the console's locales.
 */

/** The four classes of incident of the national emergency law. */
export const INCIDENT_TYPES = {
  natural_disaster: 'natural_disaster',
  accident: 'accident',
  public_health: 'public_health',
  social_security: 'social_security',
} as const;
export type IncidentType = (typeof INCIDENT_TYPES)[keyof typeof INCIDENT_TYPES];
export const INCIDENT_TYPE_VALUES = listEnumValues(INCIDENT_TYPES);
export function isIncidentType(value: unknown): value is IncidentType {
  return isEnumValue(INCIDENT_TYPES, value);
}

/** Subtypes per type; a subtype belongs to exactly one type. */
export const INCIDENT_SUBTYPES: Readonly<Record<IncidentType, readonly string[]>> = Object.freeze({
  natural_disaster: Object.freeze(['flood', 'rainstorm', 'ice_snow', 'geological', 'earthquake', 'forest_fire', 'drought']),
  accident: Object.freeze(['traffic', 'fire', 'hazardous_chemicals', 'work_safety', 'infrastructure', 'environmental']),
  public_health: Object.freeze(['infectious_disease', 'food_poisoning', 'animal_epidemic', 'occupational_poisoning']),
  social_security: Object.freeze(['mass_incident', 'major_event', 'terrorism', 'economic_security']),
});
export function isIncidentSubtype(type: IncidentType, value: unknown): boolean {
  return typeof value === 'string' && INCIDENT_SUBTYPES[type].includes(value);
}

/** Levels I (most severe) to IV: 特别重大 / 重大 / 较大 / 一般. */
export const INCIDENT_LEVELS = { I: 'I', II: 'II', III: 'III', IV: 'IV' } as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[keyof typeof INCIDENT_LEVELS];
export const INCIDENT_LEVEL_VALUES = listEnumValues(INCIDENT_LEVELS);
export function isIncidentLevel(value: unknown): value is IncidentLevel {
  return isEnumValue(INCIDENT_LEVELS, value);
}

/** reported → verified → filed (立案) | dismissed → responding → handled → closed. */
export const INCIDENT_STATES = {
  reported: 'reported',
  verified: 'verified',
  filed: 'filed',
  dismissed: 'dismissed',
  responding: 'responding',
  handled: 'handled',
  closed: 'closed',
} as const;
export type IncidentState = (typeof INCIDENT_STATES)[keyof typeof INCIDENT_STATES];
export const INCIDENT_STATE_VALUES = listEnumValues(INCIDENT_STATES);
export function isIncidentState(value: unknown): value is IncidentState {
  return isEnumValue(INCIDENT_STATES, value);
}
/** States in which an incident is still open (shown on the command hall). */
export const OPEN_INCIDENT_STATES: readonly IncidentState[] = Object.freeze(['reported', 'verified', 'filed', 'responding', 'handled']);

/** Where an incident came from. */
export const INCIDENT_SOURCES = { call: 'call', ticket: 'ticket', centre: 'centre', unit: 'unit' } as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[keyof typeof INCIDENT_SOURCES];
export const INCIDENT_SOURCE_VALUES = listEnumValues(INCIDENT_SOURCES);

/** 初报 / 续报 / 终报. */
export const INCIDENT_REPORT_KINDS = { initial: 'initial', follow_up: 'follow_up', final: 'final' } as const;
export type IncidentReportKind = (typeof INCIDENT_REPORT_KINDS)[keyof typeof INCIDENT_REPORT_KINDS];
export const INCIDENT_REPORT_KIND_VALUES = listEnumValues(INCIDENT_REPORT_KINDS);

/** Whether a reporting timer counts every minute or only working time (the work calendar). */
export const REPORT_CLOCKS = { clock: 'clock', working: 'working' } as const;
export type ReportClock = (typeof REPORT_CLOCKS)[keyof typeof REPORT_CLOCKS];

/** An activated unit's reachability: the calls and notices until someone acknowledged. */
export const ACTIVATION_STATES = {
  notifying: 'notifying',
  acknowledged: 'acknowledged',
  escalated: 'escalated',
  unreached: 'unreached',
  stood_down: 'stood_down',
} as const;
export type ActivationState = (typeof ACTIVATION_STATES)[keyof typeof ACTIVATION_STATES];
export const ACTIVATION_STATE_VALUES = listEnumValues(ACTIVATION_STATES);

/** An activated unit's status in the field (the command board). */
export const FIELD_STATUSES = { dispatched: 'dispatched', en_route: 'en_route', on_scene: 'on_scene', stood_down: 'stood_down' } as const;
export type FieldStatus = (typeof FIELD_STATUSES)[keyof typeof FIELD_STATUSES];
export const FIELD_STATUS_VALUES = listEnumValues(FIELD_STATUSES);

/** How an alert call (activation or red-warning broadcast) ended. */
export const ALERT_CALL_OUTCOMES = {
  placed: 'placed',
  acknowledged: 'acknowledged',
  answered: 'answered',
  no_answer: 'no_answer',
  busy: 'busy',
  failed: 'failed',
} as const;
export type AlertCallOutcome = (typeof ALERT_CALL_OUTCOMES)[keyof typeof ALERT_CALL_OUTCOMES];
export const ALERT_CALL_OUTCOME_VALUES = listEnumValues(ALERT_CALL_OUTCOMES);

/** Roles in a duty roster (值班表). */
export const DUTY_ROLES = { on_duty: 'on_duty', deputy: 'deputy', leader: 'leader' } as const;
export type DutyRole = (typeof DUTY_ROLES)[keyof typeof DUTY_ROLES];
export const DUTY_ROLE_VALUES = listEnumValues(DUTY_ROLES);

/** assigned → signed → in_progress → done; cancelled by the commander. */
export const TASK_STATES = { assigned: 'assigned', signed: 'signed', in_progress: 'in_progress', done: 'done', cancelled: 'cancelled' } as const;
export type TaskState = (typeof TASK_STATES)[keyof typeof TASK_STATES];
export const TASK_STATE_VALUES = listEnumValues(TASK_STATES);

export const RESOURCE_KINDS = { vehicle: 'vehicle', person: 'person', material: 'material' } as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[keyof typeof RESOURCE_KINDS];
export const RESOURCE_KIND_VALUES = listEnumValues(RESOURCE_KINDS);

/** Measures: vehicle trips (车次), person-times (人次), tonnes, pieces, sets, cubic metres. */
export const RESOURCE_MEASURES = { vehicle: 'vehicle', person: 'person', tonne: 'tonne', piece: 'piece', set: 'set', cubic_metre: 'cubic_metre' } as const;
export type ResourceMeasure = (typeof RESOURCE_MEASURES)[keyof typeof RESOURCE_MEASURES];
export const RESOURCE_MEASURE_VALUES = listEnumValues(RESOURCE_MEASURES);

export const ALLOCATION_STATES = { requested: 'requested', allocated: 'allocated', refused: 'refused', returned: 'returned' } as const;
export type AllocationState = (typeof ALLOCATION_STATES)[keyof typeof ALLOCATION_STATES];
export const ALLOCATION_STATE_VALUES = listEnumValues(ALLOCATION_STATES);

/** Warning level colours, least to most severe. Red is also broadcast by phone through the PBX. */
export const WARNING_LEVELS = { blue: 'blue', yellow: 'yellow', orange: 'orange', red: 'red' } as const;
export type WarningLevel = (typeof WARNING_LEVELS)[keyof typeof WARNING_LEVELS];
export const WARNING_LEVEL_VALUES = listEnumValues(WARNING_LEVELS);

export const WARNING_TYPES = {
  rainstorm: 'rainstorm', flood: 'flood', ice_snow: 'ice_snow', typhoon: 'typhoon', heat: 'heat', cold_wave: 'cold_wave',
  gale: 'gale', thunderstorm: 'thunderstorm', fog: 'fog', geological: 'geological', forest_fire: 'forest_fire',
  public_health: 'public_health', other: 'other',
} as const;
export type WarningType = (typeof WARNING_TYPES)[keyof typeof WARNING_TYPES];
export const WARNING_TYPE_VALUES = listEnumValues(WARNING_TYPES);

/** draft → pending_approval → published → lifted | expired; pending_approval → draft when sent back. */
export const WARNING_STATES = { draft: 'draft', pending_approval: 'pending_approval', published: 'published', lifted: 'lifted', expired: 'expired' } as const;
export type WarningState = (typeof WARNING_STATES)[keyof typeof WARNING_STATES];
export const WARNING_STATE_VALUES = listEnumValues(WARNING_STATES);
