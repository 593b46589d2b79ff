/** Incident tasks and the photos of their progress (CONTRACT.md, "Tasks"). */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';
import { TASK_ACTIONS } from './run-task-action.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

const AttachmentSchema = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()) });

export const TaskSchema = Type.Object({
  id: Type.String(),
  incident: Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() }),
  unit: Type.Object({ id: Type.String(), name: Type.String() }),
  title: Type.String(), description: Type.String(), state: Type.String(), dueAt: Type.String(), overdue: Type.Boolean(),
  signedAt: Nullable(Type.String()), doneAt: Nullable(Type.String()),
  progress: Type.Array(Type.Object({
    text: Type.String(), at: Type.String(), by: Nullable(Type.Object({ id: Type.String(), name: Type.String() })), done: Type.Boolean(),
    attachments: Type.Array(AttachmentSchema),
  })),
  version: Type.Integer(),
});

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const createTaskSchema = {
  tags: ['incidents'],
  summary: 'Give a unit activated on the incident a task with a deadline (filed or responding incidents); the unit is notified',
  params: IdParamsSchema,
  body: Type.Object({
    unitId: Id, title: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 2000 })),
    dueAt: Type.String({ format: 'date-time' }),
  }, { additionalProperties: false }),
  response: { 201: TaskSchema, ...WRITE_ERRORS },
};

export const listTasksSchema = {
  tags: ['incidents'],
  summary: 'Tasks: a unit\'s people see their unit\'s; mine=1 is the unit\'s for them and those one gave for the centre; state takes several, comma-separated',
  querystring: Type.Object({
    mine: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])),
    state: Type.Optional(Type.String({ maxLength: 100 })),
    incidentId: Type.Optional(Id),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(TaskSchema) }), ...AUTH_ERRORS },
};

export const taskActionSchema = {
  tags: ['incidents'],
  summary: 'sign | start | progress {text, attachmentIds?} | done {text, attachmentIds?} (the unit) | cancel {reason} (the centre), from `version`',
  params: Type.Object({ id: Id, action: Type.Union(TASK_ACTIONS.map((action) => Type.Literal(action))) }, { additionalProperties: false }),
  body: Type.Object({
    version: Type.Integer({ minimum: 1 }),
    text: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  }, { additionalProperties: false }),
  response: { 200: TaskSchema, ...WRITE_ERRORS },
};

export const uploadIncidentAttachmentsSchema = {
  tags: ['incidents'],
  summary: 'Upload photos for an incident act (multipart/form-data, one or more file parts); a task\'s progress or done then names their ids',
  params: IdParamsSchema,
  response: {
    201: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer(), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()), hasThumbnail: Type.Boolean() })) }),
    ...WRITE_ERRORS,
  },
};

const FileResponse = (description: string) => ({ 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description }), ...AUTH_ERRORS, 404: ErrorSchema });

export const downloadIncidentAttachmentSchema = {
  tags: ['incidents'], summary: 'One incident photo (readers of the incident; audited)', params: IdParamsSchema, response: FileResponse('The file'),
};
export const downloadIncidentThumbSchema = {
  tags: ['incidents'], summary: 'An incident photo\'s thumbnail (JPEG, at most 320 px a side; audited)', params: IdParamsSchema, response: FileResponse('A JPEG thumbnail'),
};
