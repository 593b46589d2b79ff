import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { readPbxConfigStatus, readPbxLink } from '@yixian/runtime';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';
import {
  AdminHotlineSchema, CreateHotlineSchema, HotlineSchema, PbxSyncStatusSchema, UpdateHotlineSchema, VersionBodySchema,
  type CreateHotline, type UpdateHotline,
} from './hotlines.schemas.js';
import { ADMIN_HOTLINE_SELECT, createHotline, setHotlineActive, updateHotline } from './hotlines.service.js';
import { readPbxConfig } from './pbx-config-sync.js';

const ADMIN = { roles: [ROLES.admin] };
const EDIT_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export default async function hotlineRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/hotlines',
    {
      schema: { tags: ['calls'], summary: 'The hotline numbers merged into the centre', response: { 200: Type.Array(HotlineSchema), ...AUTH_ERRORS } },
      config: { roles: Object.values(ROLES) },
    },
    async () =>
      app.prisma.hotline.findMany({
        where: { active: true },
        orderBy: [{ priority: 'desc' }, { number: 'asc' }],
        select: { id: true, number: true, name: true, nameEn: true, isPolice: true, priority: true },
      }),
  );

  app.get(
    '/api/admin/hotlines',
    {
      schema: { tags: ['admin'], summary: 'Every hotline, disabled ones too, with its after-hours policy', response: { 200: Type.Array(AdminHotlineSchema), ...AUTH_ERRORS } },
      config: ADMIN,
    },
    async () => app.prisma.hotline.findMany({ orderBy: [{ active: 'desc' }, { priority: 'desc' }, { number: 'asc' }], select: ADMIN_HOTLINE_SELECT }),
  );

  app.post<{ Body: CreateHotline }>(
    '/api/admin/hotlines',
    {
      schema: { tags: ['admin'], summary: 'Add a hotline (the PBX answers it once synced)', body: CreateHotlineSchema, response: { 201: AdminHotlineSchema, ...EDIT_ERRORS } },
      config: ADMIN,
    },
    async (request, reply) => reply.code(201).send(await createHotline(app, request, request.body)),
  );

  app.patch<{ Params: { id: string }; Body: UpdateHotline }>(
    '/api/admin/hotlines/:id',
    {
      schema: { tags: ['admin'], summary: 'Edit a hotline; `version` is the one the edit started from (409 when stale)', params: IdParamsSchema, body: UpdateHotlineSchema, response: { 200: AdminHotlineSchema, ...EDIT_ERRORS } },
      config: ADMIN,
    },
    async (request) => updateHotline(app, request, request.params.id, request.body),
  );

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    app.post<{ Params: { id: string }; Body: { version: number } }>(
      `/api/admin/hotlines/:id/${verb}`,
      {
        schema: { tags: ['admin'], summary: active ? 'Answer this number again' : 'Stop answering this number (the PBX rejects it; its calls keep their hotline)', params: IdParamsSchema, body: VersionBodySchema, response: { 200: AdminHotlineSchema, ...EDIT_ERRORS } },
        config: ADMIN,
      },
      async (request) => setHotlineActive(app, request, request.params.id, request.body.version, active),
    );
  }

  app.get(
    '/api/admin/hotlines/pbx-sync',
    {
      schema: { tags: ['admin'], summary: 'Whether the PBX has picked up the hotlines and the work calendar as they are now', response: { 200: PbxSyncStatusSchema, ...AUTH_ERRORS } },
      config: ADMIN,
    },
    async () => {
      const { redis, config } = app;
      const [wanted, status, link] = await Promise.all([
        readPbxConfig(app.prisma, app.clock.now()),
        readPbxConfigStatus(redis, config.redisPrefix, config.pbxId),
        readPbxLink(redis, config.redisPrefix, config.pbxId),
      ]);
      return {
        wanted: wanted.digest, applied: status.digest, upToDate: status.digest === wanted.digest,
        appliedAt: status.appliedAt, error: status.error, failedAt: status.failedAt, bridgeConnected: link?.connected ?? false,
      };
    },
  );
}
