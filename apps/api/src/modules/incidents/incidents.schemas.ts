/** HTTP schemas of the incidents module (CONTRACT.md "Incidents"). Answers are described loosely; the shapes live in read-incidents.ts. */
import { Type } from 'typebox';
import {
  FIELD_STATUS_VALUES, INCIDENT_ACTION_VALUES, INCIDENT_LEVEL_VALUES, INCIDENT_REPORT_KIND_VALUES, INCIDENT_TYPE_VALUES, ACTIVATION_STATE_VALUES,
} from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema, ReasonSchema } from '../../lib/schemas.js';

const Enum = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));
const Count = Type.Integer({ minimum: 0, maximum: 100000 });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, minVisible: 1 });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\w.:-]+$' });
const Answer = Type.Record(Type.String(), Type.Unknown());
const ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['incidents'];

export const createIncidentSchema = {
  tags, summary: 'Report an incident (突发事件): the centre, a unit for itself, or an agent from a call (callId)',
  body: Type.Object({
    type: Enum(INCIDENT_TYPE_VALUES), subtype: Type.String({ minLength: 1, maxLength: 40 }), level: Enum(INCIDENT_LEVEL_VALUES),
    title: Text(200), description: Text(5000), address: Type.Optional(Type.String({ maxLength: 300 })), areaId: Type.Optional(Id),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    deaths: Type.Optional(Count), injuries: Type.Optional(Count), missing: Type.Optional(Count), callId: Type.Optional(Id),
  }, { additionalProperties: false }),
  response: { 201: Answer, ...ERRORS },
};

export const escalateTicketSchema = {
  tags, summary: 'Escalate a ticket into an incident (the ticket’s trail gets escalate_incident)',
  params: IdParamsSchema,
  body: Type.Object({
    type: Enum(INCIDENT_TYPE_VALUES), subtype: Type.String({ minLength: 1, maxLength: 40 }), level: Enum(INCIDENT_LEVEL_VALUES),
    title: Type.Optional(Text(200)), description: Type.Optional(Text(5000)),
  }, { additionalProperties: false }),
  response: { 201: Answer, ...ERRORS },
};

export const listIncidentsSchema = {
  tags, summary: 'Incidents in the actor’s scope, newest first',
  querystring: Type.Object({
    state: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z_]+(,[a-z_]+)*$' })), type: Type.Optional(Enum(INCIDENT_TYPE_VALUES)),
    level: Type.Optional(Type.String({ maxLength: 20, pattern: '^(I|II|III|IV)(,(I|II|III|IV))*$' })),
    from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: PageQuerySchema.page, pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(Answer), total: Type.Integer() }), ...AUTH_ERRORS },
};

export const getIncidentSchema = { tags, summary: 'One incident with its reports, activations, tasks, trail and allowed acts', params: IdParamsSchema, response: { 200: Answer, ...ERRORS } };

export const actionSchema = {
  tags, summary: 'An act on the incident: verify, file, dismiss, respond, relevel, handle, close (with the version seen)',
  params: Type.Object({ id: IdParamsSchema.properties.id, action: Enum(INCIDENT_ACTION_VALUES) }, { additionalProperties: false }),
  body: Type.Object({
    version: Type.Integer({ minimum: 1, maximum: 1_000_000 }), note: Type.Optional(Type.String({ maxLength: 2000 })),
    level: Type.Optional(Enum(INCIDENT_LEVEL_VALUES)), reason: Type.Optional(ReasonSchema({ maxLength: 2000 })),
    summary: Type.Optional(Text(5000)),
  }, { additionalProperties: false }),
  response: { 200: Answer, ...ERRORS },
};

export const reportSchema = {
  tags, summary: 'A report: initial (初报), follow_up (续报) or final (终报)',
  params: IdParamsSchema,
  body: Type.Object({
    kind: Enum(INCIDENT_REPORT_KIND_VALUES), text: Text(5000), deaths: Type.Optional(Count), injuries: Type.Optional(Count), missing: Type.Optional(Count),
  }, { additionalProperties: false }),
  response: { 201: Answer, ...ERRORS },
};

export const activateSchema = {
  tags, summary: 'Activate more units by hand',
  params: IdParamsSchema,
  body: Type.Object({ unitIds: Type.Array(Id, { minItems: 1, maxItems: 200 }), version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
  response: { 200: Answer, ...ERRORS },
};

export const acknowledgeSchema = { tags, summary: 'Acknowledge an activation in the app (the alert calls stop)', params: IdParamsSchema, response: { 200: Answer, ...ERRORS } };

export const fieldStatusSchema = {
  tags, summary: 'The activated unit’s status in the field',
  params: IdParamsSchema,
  body: Type.Object({ fieldStatus: Enum(FIELD_STATUS_VALUES) }, { additionalProperties: false }),
  response: { 200: Answer, ...ERRORS },
};

export const listActivationsSchema = {
  tags, summary: 'Activations: the actor’s unit’s (mine=1), or all for the centre',
  querystring: Type.Object({
    mine: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])),
    state: Type.Optional(Enum(ACTIVATION_STATE_VALUES)), incidentId: Type.Optional(Id),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(Answer) }), ...AUTH_ERRORS },
};

export const conferenceSchema = {
  tags, summary: 'A linkage conference (ConfBridge) with the on-duty people of chosen units',
  params: IdParamsSchema,
  body: Type.Object({ unitIds: Type.Array(Id, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      room: Type.Union([Type.String(), Type.Null()]),
      calls: Type.Array(Type.Object({ unitId: Type.String(), alertCallId: Type.Union([Type.String(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]) })),
    }),
    ...ERRORS,
  },
};
