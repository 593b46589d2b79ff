/** The command hall's one answer (read-command-hall.ts). */
import { Type } from 'typebox';
import { AUTH_ERRORS } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Named = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() });
const Measures = Type.Record(Type.String(), Type.Number());
const Person = Nullable(Type.Object({ shiftId: Type.String(), name: Type.String(), phone: Type.String({ description: 'always masked: a wall screen is read by the whole room' }), until: Type.String() }));

const HallIncident = Type.Object({
  id: Type.String(), code: Type.String(), type: Type.String(), subtype: Type.String(), level: Type.String(), state: Type.String(), title: Type.String(),
  address: Nullable(Type.String()), area: Nullable(Named), lat: Nullable(Type.Number()), lng: Nullable(Type.Number()),
  reportedAt: Type.String(), filedAt: Nullable(Type.String()), deaths: Type.Integer(), injuries: Type.Integer(), missing: Type.Integer(),
  nextReport: Nullable(Type.Object({ kind: Type.String(), dueAt: Type.String(), overdue: Type.Boolean() })),
  activations: Type.Array(Type.Object({
    id: Type.String(), unit: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), tier: Nullable(Type.Integer()) }),
    state: Type.String(), fieldStatus: Type.String(), attempts: Type.Integer(), acknowledgedAt: Nullable(Type.String()), acknowledgedVia: Nullable(Type.String()),
    escalatedAt: Nullable(Type.String()), activatedAt: Type.String(),
  })),
});

export const CommandHallSchema = Type.Object({
  at: Type.String(),
  areas: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), level: Type.String(), boundary: Nullable(Type.Unknown()) })),
  incidents: Type.Array(HallIncident),
  tasks: Type.Array(Type.Object({
    id: Type.String(), incident: Type.Object({ id: Type.String(), code: Type.String() }), unit: Named, title: Type.String(), state: Type.String(),
    dueAt: Type.String(), doneAt: Nullable(Type.String()), overdue: Type.Boolean(),
  })),
  resources: Type.Object({ committed: Measures, dispatched: Measures }, { description: 'over the open incidents: allocated now, and allocated or since returned' }),
  duty: Type.Object({
    items: Type.Array(Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String(), tier: Nullable(Type.Integer()) }), onDuty: Person, deputy: Person, gap: Type.Boolean() })),
    gaps: Type.Array(Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String() }), from: Nullable(Type.String()), to: Type.String(), current: Type.Boolean() })),
  }),
  warnings: Type.Array(Type.Object({
    id: Type.String(), code: Type.String(), level: Type.String(), type: Type.String(), title: Type.String(), validUntil: Type.String(), publishedAt: Nullable(Type.String()),
    ack: Type.Object({ total: Type.Integer(), acknowledged: Type.Integer(), rate: Nullable(Type.Number()) }),
  })),
  timeline: Type.Array(Type.Object({
    id: Type.String(), action: Type.String(), fromState: Nullable(Type.String()), toState: Nullable(Type.String()), at: Type.String(),
    incident: Type.Object({ id: Type.String(), code: Type.String(), level: Type.String(), title: Type.String() }),
    actor: Nullable(Type.Object({ name: Type.String() })), unit: Nullable(Type.Object({ name: Type.String(), nameEn: Type.String() })),
  })),
});

export const commandHallSchema = {
  tags: ['incidents'],
  summary: 'The command hall (调度大厅): open incidents, activations, tasks, resources, duty, warnings and the live timeline in one answer',
  response: { 200: CommandHallSchema, ...AUTH_ERRORS },
};
